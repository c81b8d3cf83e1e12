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
        return [f"-{f}" if self.backwards else f for f in self.order]

    def after(self) -> Q:
        """Rows strictly beyond the cursor in the walking direction (nothing to filter on page 1)."""
        return (
            _after(self.order, list(self.values), descending=self.backwards) if self.values else Q()
        )


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
        return [_plain(getattr(row, f)) for f in request.order]

    forward_more = has_more if not request.backwards else bool(request.values)
    backward_more = bool(request.values) if not request.backwards else has_more
    next_cursor = _encode(key(rows[-1]), "n") if rows and forward_more else None
    prev_cursor = _encode(key(rows[0]), "p") if rows and backward_more else None
    return KeysetPage(items=rows, next_cursor=next_cursor, prev_cursor=prev_cursor, size=size)


def keyset_paginate(
    queryset: QuerySet, *, order: tuple[str, ...], cursor: str | None, size: int = PAGE_SIZE
) -> KeysetPage:
    """Return the page of `queryset` ordered by `order` (ascending, unique in the last field) at `cursor`."""
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


def _after(fields: tuple[str, ...], values: list[Any], descending: bool) -> Q:
    """Rows strictly after `values` in the order of `fields` (a row-value comparison spelled with Q).

    The leading `first >= value` term is implied by the rest; it is there so that both databases turn
    the comparison into an index range instead of a scan (neither does so for the bare OR).
    """
    op = "lt" if descending else "gt"
    condition = Q()
    for i, name in enumerate(fields):
        step = Q(**{f"{name}__{op}": values[i]})
        for prior, value in zip(fields[:i], values[:i], strict=True):
            step &= Q(**{prior: value})
        condition = step if i == 0 else condition | step
    bound = Q(**{f"{fields[0]}__{op}e": values[0]})
    return bound & condition


def _plain(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value
