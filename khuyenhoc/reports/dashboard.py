"""Plan versus actual for the dashboards: a programme's targets in a year, one target across the years,
and the drill-down from a province to its communes, from a commune to the units that manage its
registrations, and from a node to its child nodes. Every count is read from the summaries
(indicators.py), grouped in the database, so a table of 166 communes or 2,000 units is one query.
"""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import IntegerField, Sum, Value
from django.db.models.functions import StrIndex, Substr

from khuyenhoc.core.errors import NotFoundError
from khuyenhoc.core.scope import Action, Scope, prefix_q
from khuyenhoc.orgs.models import OrgNode
from khuyenhoc.places.models import AdminUnit, Level
from khuyenhoc.programmes import selectors as programme_selectors
from khuyenhoc.programmes.models import Indicator, Programme, Source, Target
from khuyenhoc.reports.indicators import (
    Figure,
    _tallies,
    commune_table,
    figure,
    figures,
    unplanned,
)


@dataclass
class Row:
    """One line of a drill-down table: what it is, its count, its target's figure when it has one, and
    where to drill further (a place code or an org node id)."""

    label: str
    count: int
    figure: Figure | None
    place_code: str = ""
    node_id: int | None = None


def programme_figures(*, scope: Scope, programme: Programme, year: int) -> list[Figure]:
    """The year's targets the user may see, each with its actual figure and achievement, then the
    figures of the indicators without such a target (reported or counted, without a plan)."""
    targets = programme_selectors.targets_of(scope=scope, programme=programme, year=year)
    rows = figures(list(targets[:500]))
    skip = {row.target.indicator_id for row in rows}
    return rows + unplanned(scope=scope, programme=programme, year=year, skip=skip)


def by_indicator(rows: list[Figure]) -> list[tuple[Indicator, list[Figure]]]:
    """Figures grouped by indicator, in the order of the indicators' codes."""
    groups: dict[int, tuple[Indicator, list[Figure]]] = {}
    for row in rows:
        groups.setdefault(row.target.indicator_id, (row.target.indicator, []))[1].append(row)
    return sorted(groups.values(), key=lambda group: group[0].code)


def trend(target: Target, years: range | None = None) -> list[Figure]:
    """The same indicator for the same node or place in `years` (every year of the programme): the
    years with a target show plan and actual, the others the actual alone (a plan of 0)."""
    programme = target.indicator.programme
    years = years or range(programme.starts_year, programme.ends_year + 1)
    same = Target.objects.filter(
        indicator=target.indicator, org_node=target.org_node, place=target.place,
        year__in=list(years),
    ).select_related("indicator", "org_node", "place")  # fmt: skip
    by_year = {t.year: t for t in same}
    empty = {"indicator": target.indicator, "org_node": target.org_node, "place": target.place,
             "org_path": target.org_path, "province_code": target.province_code,
             "value": Decimal(0), "base": target.base}  # fmt: skip
    held = [by_year.get(year) or Target(year=year, **empty) for year in years]
    return figures(held)


def place_rows(*, scope: Scope, indicator: Indicator, year: int, place: AdminUnit) -> list[Row]:
    """Drill down from a place: a province's communes, or the units managing a commune's registrations
    (only title indicators are counted by place)."""
    if indicator.source not in (Source.REGISTERED, Source.RECOGNISED):
        return []
    if place.level == Level.PROVINCE:
        return [
            Row(r.commune.name, r.count, r.figure, place_code=r.commune.code)
            for r in commune_table(
                indicator=indicator, year=year, province=place, within=scope.q("org_path")
            )
        ]
    counts = dict(
        _tallies(indicator, year)
        .filter(scope.q("org_path"), province_code=place.province_code, commune_code=place.code)
        .values_list("org_path")
        .annotate(n=Sum("count"))
        .values_list("org_path", "n")
    )
    return _node_rows(indicator, year, counts)


def node_rows(*, scope: Scope, indicator: Indicator, year: int, node: OrgNode) -> list[Row]:
    """Drill down from a node: its child nodes, each with the count of its whole subtree, grouped in
    one query by the child's path prefix (the path up to the first dot after the node's own path)."""
    if indicator.source not in (Source.REGISTERED, Source.RECOGNISED):
        return []
    length = len(node.path)
    child_path = Substr(
        "org_path",
        1,
        Value(length, output_field=IntegerField())
        + StrIndex(Substr("org_path", length + 1), Value(".")),
    )
    tallies = (
        _tallies(indicator, year)
        .filter(prefix_q("org_path", node.path), scope.q("org_path"))
        .exclude(org_path=node.path)
        .annotate(child=child_path)
    )
    counts = dict(tallies.values_list("child").annotate(n=Sum("count")).values_list("child", "n"))
    rows = _node_rows(indicator, year, counts)
    known = {r.node_id for r in rows}
    # Child nodes with nothing counted yet are shown too (a unit that has registered no one is news).
    empty = list(
        OrgNode.objects.filter(parent=node).filter(scope.q("path")).exclude(pk__in=known)[:500]
    )
    targets = {
        t.org_node_id: t
        for t in Target.objects.filter(
            indicator=indicator, year=year, org_node__in=empty
        ).select_related("indicator", "org_node")
    }
    rows += [
        Row(n.name, 0, figure(targets[n.pk], Decimal(0)) if n.pk in targets else None, node_id=n.pk)
        for n in empty
    ]
    return sorted(rows, key=lambda r: r.label)


def _node_rows(indicator: Indicator, year: int, counts: dict[str, int]) -> list[Row]:
    nodes = {n.path: n for n in OrgNode.objects.filter(path__in=list(counts)[:2000])}
    targets = {
        t.org_node_id: t
        for t in Target.objects.filter(
            indicator=indicator, year=year, org_node__in=list(nodes.values())
        ).select_related("indicator", "org_node")
    }
    rows = []
    for path, count in counts.items():
        node = nodes.get(path)
        if node is None:
            continue
        target = targets.get(node.pk)
        rows.append(
            Row(
                node.name,
                int(count),
                figure(target, Decimal(count)) if target else None,
                node_id=node.pk,
            )
        )
    return sorted(rows, key=lambda r: r.label)


def node_get(*, scope: Scope, pk: int) -> OrgNode:
    """A node the user may drill into: inside their subtree, or above it (they see their own part)."""
    node = OrgNode.objects.filter(pk=pk).first()
    if node is None:
        raise NotFoundError("OrgNode")
    if not (scope.allows(Action.VIEW, node.path) or scope.sees_from_above(node.path)):
        raise NotFoundError("OrgNode")
    return node


def place_get(code: str) -> AdminUnit:
    place = (
        AdminUnit.objects.filter(code=code, level__in=(Level.PROVINCE, Level.COMMUNE))
        .select_related("parent")
        .first()
    )
    if place is None:
        raise NotFoundError("AdminUnit")
    return place


def chart(rows: list[Figure], label: Any, *, trend: bool = False) -> dict[str, Any]:
    """The data of a bar chart with a target line: one bar (actual) and one plan mark per row (joined
    into a line over the years of a trend)."""
    unit = rows[0].target.indicator.unit if rows else ""
    return {
        "unit": unit,
        "trend": trend,
        "labels": [label(r) for r in rows],
        "actual": [float(r.actual) if r.actual is not None else None for r in rows],
        "plan": [float(r.plan) if r.plan else None for r in rows],
    }
