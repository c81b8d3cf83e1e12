"""The kinds the engine knows, registered by each app's bulk.py (autodiscovered at start-up)."""

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext as _

from khuyenhoc.bulk.kinds import Kind
from khuyenhoc.core.scope import Scope

_KINDS: dict[str, Kind] = {}
_ORG_FINDER: list[Callable[[Scope, str], Any]] = []


class UnknownKind(Exception):
    """A kind name nobody registered."""

    def __init__(self, name: str) -> None:
        known = ", ".join(sorted(_KINDS))
        super().__init__(
            _("Không có loại dữ liệu “%(name)s”. Các loại: %(known)s.")
            % {"name": name, "known": known}
        )


def register(kind: Kind) -> Kind:
    """Make `kind` importable and exportable under its name."""
    _KINDS[kind.name] = kind
    return kind


def get(name: str) -> Kind:
    """The kind registered as `name`."""
    try:
        return _KINDS[name]
    except KeyError:
        raise UnknownKind(name) from None


def all_kinds() -> list[Kind]:
    """Every registered kind, by name."""
    return [_KINDS[name] for name in sorted(_KINDS)]


def set_org_finder(finder: Callable[[Scope, str], Any]) -> None:
    """Register how a unit code (--org, the import form's unit) becomes a unit inside a scope."""
    _ORG_FINDER[:] = [finder]


def find_org(scope: Scope, code: str) -> Any:
    """The unit with `code` inside `scope`, or None."""
    return _ORG_FINDER[0](scope, code) if _ORG_FINDER else None
