"""Keyset pagination: pages of a fixed size that stay fast at millions of rows (no COUNT, no OFFSET)."""

import base64
import json
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

PAGE_SIZE = 50


@dataclass
class KeysetPage:
    """One page of rows, with opaque cursors to the next and previous pages."""

    items: list[Any]
    next_cursor: str | None
    prev_cursor: str | None
    size: int

    @property
    def has_next(self) -> bool:
        return self.next_cursor is not None

    @property
    def has_prev(self) -> bool:
        return self.prev_cursor is not None


@dataclass(frozen=True)
class PageRequest:
    """Where a page starts: after `values` (none: the first page), walking backwards or forwards."""

    order: tuple[str, ...]
    values: tuple[Any, ...]
    backwards: bool

    def ordering(self) -> list[str]:
        """ORDER BY terms in the walking direction."""
        return [
            f"-{name}" if descending != self.backwards else name
            for name, descending in map(_field, self.order)
        ]

    def after(self) -> Q:
        """Rows strictly beyond the cursor in the walking direction (nothing to filter on page 1)."""
        return _after(self.order, list(self.values), self.backwards) if self.values else Q()


def page_request(cursor: str | None, order: tuple[str, ...]) -> PageRequest:
    """Decode a cursor; a missing, forged or stale cursor means the first page."""
    decoded = _decode(cursor) if cursor else None
    if decoded and len(decoded[0]) == len(order):
        return PageRequest(order, tuple(decoded[0]), decoded[1] == "p")
    return PageRequest(order, (), False)


def page_from_rows(rows: list[Any], request: PageRequest, size: int) -> KeysetPage:
    """Build the page from up to size + 1 rows fetched in the walking direction."""
    has_more = len(rows) > size
    rows = rows[:size]
    if request.backwards:
        rows.reverse()

    def key(row: Any) -> list[Any]:
        return [_plain(getattr(row, _field(f)[0])) for f in request.order]

    forward_more = has_more if not request.backwards else bool(request.values)
    backward_more = bool(request.values) if not request.backwards else has_more
    next_cursor = _encode(key(rows[-1]), "n") if rows and forward_more else None
    prev_cursor = _encode(key(rows[0]), "p") if rows and backward_more else None
    return KeysetPage(items=rows, next_cursor=next_cursor, prev_cursor=prev_cursor, size=size)


def keyset_paginate(
    queryset: QuerySet, *, order: tuple[str, ...], cursor: str | None, size: int = PAGE_SIZE
) -> KeysetPage:
    """Return the page of `queryset` ordered by `order` at `cursor`: field names, "-name" for a
    descending one, unique in the last field (e.g. ("-received_on", "-id") for newest first)."""
    request = page_request(cursor, order)
    rows = list(queryset.filter(request.after()).order_by(*request.ordering())[: size + 1])
    return page_from_rows(rows, request, size)


def _encode(values: list[Any], direction: str) -> str:
    raw = json.dumps({"v": values, "d": direction}, ensure_ascii=False).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode(cursor: str) -> tuple[list[Any], str] | None:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        data = json.loads(raw)
        values, direction = data["v"], data["d"]
    except (ValueError, KeyError, TypeError):
        return None
    if direction not in {"n", "p"} or not isinstance(values, list):
        return None
    return values, direction


def _field(term: str) -> tuple[str, bool]:
    """ "-received_on" → ("received_on", True): the field and whether it sorts descending."""
    return (term[1:], True) if term.startswith("-") else (term, False)


def _after(order: tuple[str, ...], values: list[Any], backwards: bool) -> Q:
    """Rows strictly after `values` in `order`, walked forwards or backwards (a row-value comparison
    spelled with Q, each field compared in its own direction).

    The leading `first >= value` term is implied by the rest; it is there so that both databases turn
    the comparison into an index range instead of a scan (neither does so for the bare OR).
    """
    fields = [_field(term) for term in order]

    def op(descending: bool) -> str:
        return "lt" if descending != backwards else "gt"

    condition = Q()
    for i, (name, descending) in enumerate(fields):
        step = Q(**{f"{name}__{op(descending)}": values[i]})
        for (prior, _desc), value in zip(fields[:i], values[:i], strict=True):
            step &= Q(**{prior: value})
        condition = step if i == 0 else condition | step
    first, descending = fields[0]
    return Q(**{f"{first}__{op(descending)}e": values[0]}) & condition


def _plain(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value
