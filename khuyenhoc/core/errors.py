"""One exception type for domain rules, mapped once per interface (HTML form errors, API JSON)."""

from enum import StrEnum


class ErrorCode(StrEnum):
    """Error codes shared by all apps; apps add their own in their errors.py."""

    INVALID = "invalid"
    REQUIRED = "required"
    DUPLICATE = "duplicate"
    NOT_FOUND = "not_found"
    FORBIDDEN = "forbidden"
    OUT_OF_SCOPE = "out_of_scope"


class DomainError(Exception):
    """A broken business rule, with a Vietnamese message and the input field it concerns."""

    def __init__(self, code: StrEnum | str, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.code = str(code)
        self.message = str(message)
        self.field = field

    def as_dict(self) -> dict[str, str | None]:
        """Return the error in the API envelope's shape."""
        return {"field": self.field, "code": self.code, "message": self.message}


class NotFoundError(Exception):
    """A record that does not exist or lies outside the user's scope (the two are not told apart)."""

    def __init__(self, label: str = "") -> None:
        super().__init__(label)
        self.label = label
