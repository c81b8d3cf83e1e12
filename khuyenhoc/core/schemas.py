"""API shapes shared by every app, and the input limits every API schema takes from the models.

Every input field of the API has a limit: a string the length of the model column it fills (read from
the model, so the two cannot drift; tests/test_api_limits.py walks the OpenAPI document to hold it),
an id a positive 64-bit integer, a page size and a year a sane range. Text may not carry control
characters (the input guard refuses them with a 400 before the schema sees them; the pattern says so
in the OpenAPI). What a schema cannot know — an id that names nothing in the token's scope, a rule
between fields — is a 400 naming the field, listed in each operation's responses.
"""

import unicodedata
from typing import Annotated, Any

from django.db import models
from django.utils.translation import gettext as _
from ninja import Field, Path, Schema
from pydantic import BeforeValidator, ConfigDict

from khuyenhoc.core.money import MAX_AMOUNT
from khuyenhoc.core.pagination import PAGE_SIZE

MAX_PAGE_SIZE = 200
MAX_ID = 2**63 - 1  # primary keys are 64-bit
MAX_CURSOR_LENGTH = 2048
MAX_SEARCH_LENGTH = 255
# Text in a JSON body: no control character but tab and line breaks (core/input_guard.py).
TEXT_PATTERN = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"
# Text in a query string or a path: no control character at all.
LINE_PATTERN = r"^[^\x00-\x1f\x7f]*$"
COLUMN_KEY = "x-column"  # "app_label.Model.field": the column a string input fills


def column_length(model: type[models.Model], name: str) -> int:
    """The max_length of the CharField `name` of `model`."""
    length = model._meta.get_field(name).max_length  # type: ignore[union-attr]
    if not length:
        raise ValueError(f"{model.__name__}.{name} has no max_length")
    return int(length)


def _nfc(value: Any) -> Any:
    """Compose the text before its length is counted (the services store NFC)."""
    return unicodedata.normalize("NFC", value) if isinstance(value, str) else value


def Text(
    model: type[models.Model],
    name: str,
    *,
    min_length: int | None = None,
    pattern: str = TEXT_PATTERN,
    description: str | None = None,
) -> Any:
    """A string no longer than the column `model.name`, without control characters."""
    column = f"{model._meta.label}.{name}"
    return Annotated[
        str,
        BeforeValidator(_nfc),
        Field(
            min_length=min_length,
            max_length=column_length(model, name),
            pattern=pattern,
            description=description,
            # Named again for the OpenAPI: pydantic leaves a pattern out next to a BeforeValidator.
            json_schema_extra={COLUMN_KEY: column, "pattern": pattern},
        ),
    ]


def Line(max_length: int, *, pattern: str = LINE_PATTERN, description: str | None = None) -> Any:
    """A query-string value of at most `max_length` characters, without control characters."""
    return Annotated[str, Field(max_length=max_length, pattern=pattern, description=description)]


# An amount of money: whole đồng from 1 to MAX_AMOUNT (core/money.py), the same limit as the forms.
Amount = Annotated[int, Field(ge=1, le=MAX_AMOUNT, description="Whole đồng, 1 to 9999999999999")]
# An id of a record (a positive 64-bit integer), in a body or a query string.
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
# An opaque page cursor (URL-safe base64).
Cursor = Annotated[
    str,
    Field(
        max_length=MAX_CURSOR_LENGTH,
        pattern=r"^[A-Za-z0-9_=-]*$",
        description="next_cursor hoặc prev_cursor của trang trước.",
    ),
]
# A record's id in the URL path.
PATH_ID: Any = Path(..., ge=1, le=MAX_ID)


def keep() -> Any:
    """The default of a patch field that may be omitted (it stays) but not sent as null."""
    return Field(None)


def _no_null_defaults(schema: dict[str, Any], model: Any = None) -> None:
    """Leave `default: null` out of the OpenAPI where null is not a valid value (`keep()` fields)."""
    for prop in schema.get("properties", {}).values():
        nullable = {"type": "null"} in prop.get("anyOf", [])
        if "default" in prop and prop["default"] is None and not nullable:
            del prop["default"]


def refuse_null(value: Any) -> Any:
    """A before-validator for `keep()` fields: an explicit null is refused with a Vietnamese message."""
    if value is None:
        raise ValueError(_("Không được để trống."))
    return value


class Input(Schema):
    """A request body: a field the schema does not name is refused (422), not silently dropped."""

    model_config = ConfigDict(extra="forbid", json_schema_extra=_no_null_defaults)


class ErrorOut(Schema):
    """One problem with a request: the input field it concerns (None: the whole request)."""

    field: str | None
    code: str = Field(description="not_found, invalid, required, duplicate, forbidden, …")
    message: str = Field(description="Thông báo tiếng Việt.")


class ErrorsOut(Schema):
    """The error envelope of every 4xx answer."""

    errors: list[ErrorOut]


# 400: a control character in the request, a body that is not JSON, or a business rule (an id that
# names nothing in scope, a duplicate, fields that contradict each other); 401: no valid token;
# 422: input outside the schema (type, length, range, enum).
READ_ERRORS = (400, 401, 422)
DETAIL_ERRORS = (400, 401, 404, 422)
WRITE_ERRORS = (400, 401, 403, 404, 422)


def responses(ok: dict[int, Any], errors: tuple[int, ...]) -> dict[int, Any]:
    """An operation's `response=`: its success shape and the error statuses it can answer."""
    return {**ok, **dict.fromkeys(errors, ErrorsOut)}


class PageParams(Schema):
    """Keyset pagination parameters shared by every API list."""

    cursor: Cursor | None = None
    limit: int = Field(PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Số dòng mỗi trang.")
