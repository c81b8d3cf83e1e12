"""Denominators counted from the records, so that "share of a body's cadres", "share of a commune's
families" or "share of the units" need no head-count typed in by hand.

A target's holder is an organisation node (its subtree: the persons and households it manages, the
agencies, schools and enterprises under it) or a place (the persons and households living in a commune,
or in the communes of a province; the units placed there). This is the same split the title tallies use
for the numerators (managing path, or the subject's commune), so numerator and denominator count the
same population. Counts are taken when a target is set or cascaded and stored on it with their day (a
year's target keeps the base it was set against; `bases_refresh` recounts on request), so dashboards
read them without counting.

Every count is index-backed: node subtrees are path ranges (one query for up to CHUNK nodes, one
filtered count per node), places are grouped in one query by the commune foreign key.
"""

from functools import reduce
from operator import or_
from typing import Any

from django.db.models import Count

from khuyenhoc.core.scope import prefix_q
from khuyenhoc.orgs.models import NodeKind, OrgNode
from khuyenhoc.people.models import Household, Person
from khuyenhoc.places.models import AdminUnit, Level
from khuyenhoc.programmes.models import BaseSource

# The kinds of node that are themselves "learning units" (cơ quan, đơn vị, trường học, doanh nghiệp).
UNIT_KINDS = (
    NodeKind.AGENCY,
    NodeKind.DEPARTMENT,
    NodeKind.ENTERPRISE,
    NodeKind.SCHOOL,
    NodeKind.GRASSROOTS,
)
CHUNK = 200

Holder = OrgNode | AdminUnit


def _rows(source: str) -> tuple[Any, str, str]:
    """The records counted, their path field and their place field."""
    if source == BaseSource.PERSONS:
        return Person.objects.all(), "org_path", "commune"
    if source == BaseSource.HOUSEHOLDS:
        return Household.objects.all(), "org_path", "commune"
    if source == BaseSource.UNITS:
        return OrgNode.objects.filter(kind__in=UNIT_KINDS), "path", "place"
    raise ValueError(source)


def key(holder: Holder) -> tuple[str, int]:
    return ("node" if isinstance(holder, OrgNode) else "place", holder.pk)


def count_bases(source: str, holders: list[Holder]) -> dict[tuple[str, int], int]:
    """The count of `source` records of each holder, keyed by `key(holder)`."""
    rows, path, place = _rows(source)
    out: dict[tuple[str, int], int] = {}
    nodes = [h for h in holders if isinstance(h, OrgNode)]
    for chunk in (nodes[i : i + CHUNK] for i in range(0, len(nodes), CHUNK)):
        ranges = {n.pk: prefix_q(path, n.path) for n in chunk}
        found = rows.filter(reduce(or_, ranges.values())).aggregate(
            **{f"n{pk}": Count("pk", filter=q) for pk, q in ranges.items()}
        )
        out.update({("node", pk): found[f"n{pk}"] for pk in ranges})
    places = [h for h in holders if isinstance(h, AdminUnit)]
    communes = [p for p in places if p.level == Level.COMMUNE]
    provinces = [p for p in places if p.level == Level.PROVINCE]
    if communes:
        counts = _grouped(rows.filter(**{f"{place}__in": communes}), place)
        out.update({("place", c.pk): counts.get(c.pk, 0) for c in communes})
    if provinces:
        counts = _grouped(rows.filter(**{f"{place}__parent__in": provinces}), f"{place}__parent")
        if source == BaseSource.UNITS:  # provincial departments are placed at the province itself
            extra = _grouped(rows.filter(**{f"{place}__in": provinces}), place)
            counts = {p.pk: counts.get(p.pk, 0) + extra.get(p.pk, 0) for p in provinces}
        out.update({("place", p.pk): counts.get(p.pk, 0) for p in provinces})
    return out


def _grouped(rows: Any, field: str) -> dict[int, int]:
    return dict(rows.values_list(field).annotate(n=Count("pk")).values_list(field, "n"))
