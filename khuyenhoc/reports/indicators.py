"""The indicator engine: plan versus actual versus percent achieved, fresh at every call.

Actual figures come from the records, read through summaries kept in the same transactions as the
records: learning-title tallies (titles.TitleTally), fund campaigns' donations, scholarship payments, and
the figures parties report. A percentage is the count over the target's stored base (its denominator),
so no figure scans the registrations, persons or households themselves.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import reduce
from operator import or_
from typing import Any

from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from khuyenhoc.core.scope import prefix_q
from khuyenhoc.funds.models import Disbursement, PaymentStatus, Purpose
from khuyenhoc.funds.selectors import campaign_given
from khuyenhoc.places.models import AdminUnit, Level
from khuyenhoc.programmes.models import Indicator, ReportedValue, Source, Target, Unit
from khuyenhoc.titles.models import Status, TitleTally

HUNDRED = Decimal(100)
CENT = Decimal("0.01")


@dataclass
class Figure:
    """One target with its actual figure: `count` is the numerator (of a percentage) or the figure
    itself; `actual` is in the indicator's unit; `achieved` is actual over plan, in percent."""

    target: Target
    plan: Decimal
    count: Decimal | None
    actual: Decimal | None
    achieved: Decimal | None
    problem: str = ""
    label: str = ""  # whom the figure is for, when it has no saved target (see `unplanned`)

    @property
    def holder(self) -> str:
        return self.label or self.target.holder

    @property
    def planned(self) -> bool:
        """Whether the figure belongs to a saved target (one with a plan to drill into)."""
        return self.target.pk is not None


def _statuses(source: str) -> list[str]:
    return [Status.RECOGNISED] if source == Source.RECOGNISED else list(Status.values)


def _tallies(indicator: Indicator, year: int) -> Any:
    return TitleTally.objects.filter(
        year=year, title=indicator.title, status__in=_statuses(indicator.source)
    )


CHUNK = 200  # targets counted by one query (one filtered sum each)
MISSING: Any = object()  # figure() was not given the count: it finds it


def _actuals(targets: list[Target]) -> list[tuple[Decimal | None, str]]:
    """The numerator (or the figure) of each target, and why there is none when there is none.

    Grouped: the title targets of an indicator and year are counted by one query over the tallies (a
    filtered sum per target), the reported ones read their indicator and year's figures once; a fund
    campaign's or the scholarships' figure is one query per target (an indicator has few)."""
    out: list[tuple[Decimal | None, str]] = [(None, "")] * len(targets)
    titled: dict[tuple[int, int], list[int]] = defaultdict(list)
    reported: dict[tuple[int, int], list[int]] = defaultdict(list)
    for i, target in enumerate(targets):
        indicator, year = target.indicator, target.year
        if indicator.source in (Source.REGISTERED, Source.RECOGNISED):
            titled[(indicator.pk, year)].append(i)
        elif indicator.source == Source.REPORTED:
            reported[(indicator.pk, year)].append(i)
        elif indicator.source == Source.FUND_RAISED:
            out[i] = (Decimal(campaign_given(campaign=indicator.campaign)), "")
        else:
            paid = Disbursement.objects.filter(
                purpose=Purpose.SCHOLARSHIP, status=PaymentStatus.PAID, paid_on__year=year
            ).filter(_where(target, "org_path", "fund__province_code", None))
            out[i] = (Decimal(paid.count()), "")
    for (_indicator, year), found in titled.items():
        for chunk in (found[n : n + CHUNK] for n in range(0, len(found), CHUNK)):
            wheres = {
                f"t{i}": _where(targets[i], "org_path", "province_code", "commune_code")
                for i in chunk
            }
            sums = (
                _tallies(targets[chunk[0]].indicator, year)
                .filter(reduce(or_, wheres.values()))
                .aggregate(**{key: Sum("count", filter=q) for key, q in wheres.items()})
            )
            for i in chunk:
                out[i] = (Decimal(sums[f"t{i}"] or 0), "")
    for (indicator_pk, year), found in reported.items():
        rows = [
            _Report(*row)
            for row in ReportedValue.objects.filter(indicator_id=indicator_pk, year=year)
            .filter(reduce(or_, (_reporters(targets[i]) for i in found)))
            .values_list(
                "org_node_id",
                "org_path",
                "org_node__place_id",
                "org_node__place__parent_id",
                "value",
            )
        ]
        for i in found:
            out[i] = _reported(targets[i], rows)
    return out


@dataclass(frozen=True)
class _Report:
    """A reported figure with where its body stands."""

    node_id: int
    path: str
    place_id: int | None
    parent_place_id: int | None
    value: Decimal


def _reporters(target: Target) -> Q:
    """The reported figures that count towards a target: its body's subtree, or the bodies placed in
    its place (a commune, or a province and its communes)."""
    if target.org_node is not None:
        return prefix_q("org_path", target.org_node.path)
    return Q(org_node__place=target.place) | Q(org_node__place__parent=target.place)


def _reported(target: Target, rows: list[_Report]) -> tuple[Decimal | None, str]:
    """A reported figure of a target: what its own body reported for its whole subtree when it did;
    else the sum of what the bodies below reported (counts and amounts add up; shares do not, so a
    share needs the body's own figure). A place's figure is what the bodies placed there reported
    (one body's share stands for its place; several do not add up)."""
    share = target.indicator.unit == Unit.PERCENT
    if target.org_node is not None:
        own = [r.value for r in rows if r.node_id == target.org_node_id]
        if own:
            return own[0], ""
        mine = [r.value for r in rows if r.path.startswith(target.org_node.path)]
    else:
        place = target.place_id
        mine = [r.value for r in rows if place in (r.place_id, r.parent_place_id)]
        if share and len(mine) == 1:
            return mine[0], ""
    if not mine:
        return None, _("Chưa có số liệu báo cáo.")
    if share:
        why = _("Các đơn vị cấp dưới đã báo cáo tỷ lệ riêng; cần số liệu chung của %(h)s.")
        return None, why % {"h": target.holder}
    return sum(mine, Decimal(0)), ""


def _where(target: Target, path: str, province: str, commune: str | None) -> Q:
    """The records of a target: under its node, or in its province or commune."""
    if target.org_node is not None:
        return prefix_q(path, target.org_node.path)
    place = target.place
    if place.level == Level.COMMUNE:
        # Title tallies know each subject's commune; payments are known by their fund's unit's place.
        return Q(**{commune: place.code}) if commune else Q(fund__org_node__place=place)
    return Q(**{province: place.province_code})


def figure(target: Target, count: Any = MISSING, *, why: str = "") -> Figure:
    """Plan, actual and achievement of one target (`count` when the caller has it already, with `why`
    there is none when it is None)."""
    if count is MISSING:
        count, why = _actuals([target])[0]
    plan = target.value
    if count is None:
        return Figure(target, plan, None, None, None, why or _("Chưa có số liệu báo cáo."))
    actual, problem = count, ""
    if target.indicator.unit == Unit.PERCENT and target.indicator.source != Source.REPORTED:
        if not target.base:
            return Figure(
                target,
                plan,
                count,
                None,
                None,
                _("Chưa có mẫu số (%(b)s).")
                % {"b": target.indicator.base_label or _("số đối tượng")},
            )
        actual = (count * HUNDRED / target.base).quantize(CENT, ROUND_HALF_UP)
    achieved = (actual * HUNDRED / plan).quantize(CENT, ROUND_HALF_UP) if plan else None
    return Figure(target, plan, count, actual, achieved, problem)


def figures(targets: Iterable[Target]) -> list[Figure]:
    """Plan versus actual of several targets, their counts grouped (see `_actuals`)."""
    targets = list(targets)
    return [
        figure(target, count, why=why)
        for target, (count, why) in zip(targets, _actuals(targets), strict=True)
    ]


@dataclass
class PlaceRow:
    commune: AdminUnit
    figure: Figure | None  # None: the commune has no target
    count: int


def commune_table(
    *, indicator: Indicator, year: int, province: AdminUnit, within: Q | None = None
) -> list[PlaceRow]:
    """The province → commune plan-versus-actual table of a title indicator for a year: the communes'
    targets, and their counts in one grouped query over the tallies (`within`: only the registrations
    managed inside a user's subtree)."""
    communes = list(
        AdminUnit.objects.filter(level=Level.COMMUNE, parent=province).order_by("name_key")
    )
    targets = {
        t.place_id: t
        for t in Target.objects.filter(
            indicator=indicator, year=year, province_code=province.code, place__level=Level.COMMUNE
        ).select_related("indicator", "place")
    }
    counts = dict(
        _tallies(indicator, year)
        .filter(within or Q(), province_code=province.code)
        .values_list("commune_code")
        .annotate(n=Sum("count"))
        .values_list("commune_code", "n")
    )
    rows = []
    for commune in communes:
        count = counts.get(commune.code, 0)
        target = targets.get(commune.pk)
        rows.append(PlaceRow(commune, figure(target, Decimal(count)) if target else None, count))
    return rows


def unplanned(*, scope: Any, programme: Any, year: int, skip: Iterable[int]) -> list[Figure]:
    """The figures of a programme's indicators that have no target the user sees in `year` (all but
    `skip`), so that what the parties reported and what the records hold shows even without a plan:
    reported figures one per reporting party, computed ones as the total of the user's subtree. A few
    grouped queries for the whole programme."""
    indicators = list(
        Indicator.objects.filter(programme=programme)
        .exclude(pk__in=list(skip))
        .select_related("campaign")
        .order_by("code")
    )
    if not indicators:
        return []
    reported = (
        ReportedValue.objects.filter(indicator__in=indicators, year=year)
        .filter(scope.q("org_path"))
        .select_related("org_node")
        .order_by("org_path")
    )
    by_indicator: dict[int, list[ReportedValue]] = {}
    for value in reported[:2000]:
        by_indicator.setdefault(value.indicator_id, []).append(value)
    titles = {i.title for i in indicators if i.source in (Source.REGISTERED, Source.RECOGNISED)}
    tallied: dict[tuple[str, str], int] = {}
    if titles:
        rows = (
            TitleTally.objects.filter(year=year, title__in=titles)
            .filter(scope.q("org_path"))
            .values_list("title", "status")
            .annotate(n=Sum("count"))
        )
        tallied = {(title, status): n for title, status, n in rows}
    total = _("Tổng số")
    out = []
    for indicator in indicators:
        held = Target(indicator=indicator, year=year, value=Decimal(0))
        if indicator.source == Source.REPORTED:
            values = by_indicator.get(indicator.pk, [])
            for value in values:
                target = Target(indicator=indicator, year=year, value=Decimal(0),
                                org_node=value.org_node, org_path=value.org_path)  # fmt: skip
                out.append(Figure(target, Decimal(0), value.value, value.value, None))
            if not values:
                out.append(Figure(held, Decimal(0), None, None, None,
                                  _("Chưa có số liệu báo cáo."), label=total))  # fmt: skip
            continue
        if indicator.source in (Source.REGISTERED, Source.RECOGNISED):
            statuses = _statuses(indicator.source)
            count = Decimal(sum(tallied.get((indicator.title, s), 0) for s in statuses))
        elif indicator.source == Source.FUND_RAISED:
            count = Decimal(campaign_given(campaign=indicator.campaign))
        else:
            count = Decimal(
                Disbursement.objects.filter(
                    purpose=Purpose.SCHOLARSHIP, status=PaymentStatus.PAID, paid_on__year=year
                )
                .filter(scope.q("org_path"))
                .count()
            )
        if indicator.unit == Unit.PERCENT:  # a share needs a target's denominator
            out.append(Figure(held, Decimal(0), count, None, None,
                              _("Chưa giao chỉ tiêu nên chưa có mẫu số."), label=total))  # fmt: skip
        else:
            out.append(Figure(held, Decimal(0), count, count, None, label=total))
    return out
