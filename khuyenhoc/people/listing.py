"""One page of the person list, fast for a whole province and for a single village alike.

A page is the first 50 persons in name order among those in the user's subtree (and matching a search).
Two plans answer it, and neither is fast for every scope, so both are used in turn (hand-written: no
library chooses between them, and neither database can estimate the selectivity of a path range):

1. Walk the (name_key, id, org_path) index in name order and keep the rows that match — index-only and
   stopping at the 51st hit; cheap while matches are common. It reads at most WINDOW index entries.
2. When fewer than 51 of those entries match, the matches are rare, so the scope's path index (or the
   name-search index) yields them all and they are sorted: few rows by then.
"""

from django.db import connection

from khuyenhoc.core.pagination import (
    PAGE_SIZE,
    KeysetPage,
    PageRequest,
    page_from_rows,
    page_request,
)
from khuyenhoc.core.scope import Scope
from khuyenhoc.core.text import fold
from khuyenhoc.orgs.models import OrgNode
from khuyenhoc.people.models import Person
from khuyenhoc.people.search import is_cccd_search, like_patterns
from khuyenhoc.people.selectors import person_list
from khuyenhoc.places.models import AdminUnit

ORDER = ("name_key", "id")
WINDOW = 20_000


def person_page(
    *,
    scope: Scope,
    search: str = "",
    org_node: OrgNode | None = None,
    gender: str = "",
    commune: AdminUnit | None = None,
    village: AdminUnit | None = None,
    cursor: str | None = None,
    size: int = PAGE_SIZE,
) -> KeysetPage:
    """The page of persons at `cursor`, in name order, inside `scope`, filtered as `person_list` does."""
    persons = person_list(
        scope=scope,
        search=search,
        org_node=org_node,
        gender=gender,
        commune=commune,
        village=village,
    )
    request = page_request(cursor, ORDER)
    ids = None
    # The window plan covers the scope, subtree and name filters; the others have their own indexes.
    if not (gender or commune or village or is_cccd_search(search)):
        ids = _probe(request, _prefixes(scope, org_node), fold(search), size + 1)
    if ids is None:
        rows = list(persons.filter(request.after()).order_by(*request.ordering())[: size + 1])
    else:
        rows = list(persons.filter(pk__in=ids).order_by(*request.ordering()))
    return page_from_rows(rows, request, size)


def _prefixes(scope: Scope, org_node: OrgNode | None) -> list[str]:
    prefixes = list(scope.paths_for("view"))
    if org_node is None:
        return prefixes
    inside = [p for p in prefixes if org_node.path.startswith(p)]
    return [org_node.path] if inside else []


def _probe(request: PageRequest, prefixes: list[str], key: str, wanted: int) -> list[int] | None:
    """Ids of the first `wanted` matches among the next WINDOW rows in name order; None if too sparse."""
    if not prefixes:
        return []
    window = Person.objects.filter(request.after()).order_by(*request.ordering())
    window_sql, params = window.values_list("id", "org_path", "name_key")[
        :WINDOW
    ].query.sql_with_params()
    conditions, extra = _conditions(prefixes, key)
    sql = f"SELECT w.id FROM ({window_sql}) w WHERE {conditions} LIMIT %s"  # noqa: S608  (no user text in SQL)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *extra, wanted])
        ids = [row[0] for row in cursor.fetchall()]
        if len(ids) == wanted:
            return ids
        cursor.execute(f"SELECT COUNT(*) FROM ({window_sql}) w", params)  # noqa: S608
        exhausted = cursor.fetchone()[0] < WINDOW
    return ids if exhausted else None


def _conditions(prefixes: list[str], key: str) -> tuple[str, list[str]]:
    terms, params = [], []
    if "" not in prefixes:
        ranges = []
        for prefix in prefixes:
            ranges.append("(w.org_path >= %s AND w.org_path < %s)")
            params += [prefix, prefix[:-1] + chr(ord(prefix[-1]) + 1)]
        terms.append("(" + " OR ".join(ranges) + ")")
    if key:
        patterns = like_patterns(key)
        terms.append("(" + " OR ".join(["w.name_key LIKE %s ESCAPE '\\'"] * len(patterns)) + ")")
        params += patterns
    return (" AND ".join(terms) or "1=1"), params
