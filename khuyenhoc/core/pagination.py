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
    """Rows strictly after `values` in the order of `fields` (a row-value comparison spelled with Q)."""
    op = "lt" if descending else "gt"
    condition = Q()
    for i, name in enumerate(fields):
        step = Q(**{f"{name}__{op}": values[i]})
        for prior, value in zip(fields[:i], values[:i], strict=True):
            step &= Q(**{prior: value})
        condition = step if i == 0 else condition | step
    return condition


def keyset_paginate(
    queryset: QuerySet, *, order: tuple[str, ...], cursor: str | None, size: int = PAGE_SIZE
) -> KeysetPage:
    """Return the page of `queryset` ordered by `order` (ascending, unique in the last field) at `cursor`."""
    decoded = _decode(cursor) if cursor else None
    if decoded and len(decoded[0]) == len(order):
        values, direction = decoded
    else:
        values, direction = [], "n"
    backwards = direction == "p"
    ordered = queryset.order_by(*[f"-{f}" if backwards else f for f in order])
    if values:
        ordered = ordered.filter(_after(order, values, descending=backwards))
    rows = list(ordered[: size + 1])
    has_more = len(rows) > size
    rows = rows[:size]
    if backwards:
        rows.reverse()

    def key(row: Any) -> list[Any]:
        return [_plain(getattr(row, f.replace("__", "_"))) for f in order]

    next_cursor = _encode(key(rows[-1]), "n") if rows and (has_more or backwards) else None
    prev_cursor = (
        _encode(key(rows[0]), "p") if rows and (values and (not backwards or has_more)) else None
    )
    return KeysetPage(items=rows, next_cursor=next_cursor, prev_cursor=prev_cursor, size=size)


def _plain(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value
