"""Pages of a scoped list in name order, fast for a whole province and for a single village alike.

A page is the first 50 rows in name order among those in the user's subtree (and matching a filter).
Two plans answer it, and neither is fast for every scope, so both are tried in turn. Written by hand:
no library chooses between them, and neither database can estimate how much of a table a path range
holds (SQLite as shipped here has no STAT4 statistics).

1. Walk the (name_key, id, org_path) index in name order and keep the rows inside the scope: index-only,
   stopping at the 51st hit, so cheap while the scope is a large part of the table. It reads at most
   WINDOW index entries.
2. When fewer than 51 of those entries are in scope, the scope is a thin slice: its own
   (org_path, name_key, id) range holds few rows, which are sorted.
"""

from collections.abc import Sequence

from django.db import connection
from django.db.models import Model, QuerySet

from khuyenhoc.core.pagination import (
    PAGE_SIZE,
    KeysetPage,
    PageRequest,
    page_from_rows,
    page_request,
)
from khuyenhoc.core.scope import Action, Scope, prefixes_sql

WINDOW = 20_000
ORDER = ("name_key", "id")


def subtree_prefixes(scope: Scope, under_path: str | None) -> list[str]:
    """The path prefixes to list: the scope's, or only `under_path` when it lies inside the scope."""
    if under_path is None:
        return list(scope.paths_for(Action.VIEW))
    return [under_path] if scope.allows(Action.VIEW, under_path) else []


def scoped_page(
    queryset: QuerySet,
    *,
    prefixes: Sequence[str],
    cursor: str | None,
    size: int = PAGE_SIZE,
    windowed: bool = True,
) -> KeysetPage:
    """The page of `queryset` (already filtered) at `cursor` in (name_key, id) order.

    `prefixes` must restate the queryset's scope for the window plan; `windowed=False` skips that
    plan when other filters apply.
    """
    request = page_request(cursor, ORDER)
    ids = _window_ids(queryset.model, request, prefixes, size + 1) if windowed else None
    if ids is None:
        rows = list(queryset.filter(request.after()).order_by(*request.ordering())[: size + 1])
    else:
        rows = list(queryset.filter(pk__in=ids).order_by(*request.ordering()))
    return page_from_rows(rows, request, size)


def _window_ids(
    model: type[Model], request: PageRequest, prefixes: Sequence[str], wanted: int
) -> list[int] | None:
    """Ids of the first `wanted` matches among the next WINDOW rows in name order; None if too sparse."""
    if not prefixes:
        return []
    window = model._default_manager.filter(request.after()).order_by(*request.ordering())
    window_sql, params = window.values_list("id", "org_path", "name_key")[
        :WINDOW
    ].query.sql_with_params()
    conditions, extra = prefixes_sql("w.org_path", prefixes)
    sql = f"SELECT w.id FROM ({window_sql}) w WHERE {conditions} LIMIT %s"  # noqa: S608  (values are parameters)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *extra, wanted])
        ids = [row[0] for row in cursor.fetchall()]
        if len(ids) == wanted:
            return ids
        cursor.execute(f"SELECT COUNT(*) FROM ({window_sql}) w", params)  # noqa: S608
        (count,) = cursor.fetchone() or (0,)
        exhausted = count < WINDOW
    return ids if exhausted else None
