"""The indicator engine: plan versus actual versus percent achieved, fresh at every call.

Actual figures come from the records, read through summaries kept in the same transactions as the
records: learning-title tallies (titles.TitleTally), fund campaigns' donations, scholarship payments, and
the figures parties report. A percentage is the count over the target's stored base (its denominator),
so no figure scans the registrations, persons or households themselves.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from khuyenhoc.core.scope import prefix_q
from khuyenhoc.funds.campaigns import campaign_given
from khuyenhoc.funds.models import Disbursement, PaymentStatus, Purpose
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


def _count(target: Target) -> Decimal | None:
    """The numerator (or the figure) of one target, from the summaries of its source."""
    indicator, year = target.indicator, target.year
    if indicator.source in (Source.REGISTERED, Source.RECOGNISED):
        tallies = _tallies(indicator, year)
        tallies = tallies.filter(_where(target, "org_path", "province_code", "commune_code"))
        return Decimal(tallies.aggregate(n=Sum("count"))["n"] or 0)
    if indicator.source == Source.FUND_RAISED:
        return Decimal(campaign_given(campaign=indicator.campaign))
    if indicator.source == Source.SCHOLARSHIPS:
        paid = Disbursement.objects.filter(
            purpose=Purpose.SCHOLARSHIP, status=PaymentStatus.PAID, paid_on__year=year
        ).filter(_where(target, "org_path", "fund__province_code", None))
        return Decimal(paid.count())
    return _reported(target)


def _no_figure(target: Target) -> str:
    """Why a target has no figure: nothing reported, or shares reported below it that do not add up."""
    if (
        target.indicator.source == Source.REPORTED
        and target.indicator.unit == Unit.PERCENT
        and ReportedValue.objects.filter(indicator=target.indicator, year=target.year)
        .filter(_reporters(target))
        .exists()
    ):
        return _("Các đơn vị cấp dưới đã báo cáo tỷ lệ riêng; cần số liệu chung của %(h)s.") % {
            "h": target.holder
        }
    return _("Chưa có số liệu báo cáo.")


def _reporters(target: Target) -> Q:
    """The reported figures that count towards a target: its body's subtree, or the bodies placed in
    its place (a commune, or a province and its communes)."""
    if target.org_node is not None:
        return prefix_q("org_path", target.org_node.path)
    return Q(org_node__place=target.place) | Q(org_node__place__parent=target.place)


def _reported(target: Target) -> Decimal | None:
    """A reported figure of a target: what its own body reported for its whole subtree when it did;
    else the sum of what the bodies below reported (counts and amounts add up; shares do not, so a
    share needs the body's own figure). A place's figure is what the bodies placed there reported."""
    indicator, year = target.indicator, target.year
    reported = ReportedValue.objects.filter(indicator=indicator, year=year)
    if target.org_node is not None:
        own = reported.filter(org_node=target.org_node).values_list("value", flat=True).first()
        if own is not None or indicator.unit == Unit.PERCENT:
            return own
    elif (
        indicator.unit == Unit.PERCENT
    ):  # one body's share stands for its place; several do not add
        values = list(reported.filter(_reporters(target)).values_list("value", flat=True)[:2])
        return values[0] if len(values) == 1 else None
    reported = reported.filter(_reporters(target))
    values = list(reported.values_list("value", flat=True))
    return sum(values, Decimal(0)) if values else None


def _where(target: Target, path: str, province: str, commune: str | None) -> Q:
    """The records of a target: under its node, or in its province or commune."""
    if target.org_node is not None:
        return prefix_q(path, target.org_node.path)
    place = target.place
    if place.level == Level.COMMUNE:
        # Title tallies know each subject's commune; payments are known by their fund's unit's place.
        return Q(**{commune: place.code}) if commune else Q(fund__org_node__place=place)
    return Q(**{province: place.province_code})


def figure(target: Target, count: Decimal | None = None) -> Figure:
    """Plan, actual and achievement of one target (`count` when the caller has it already)."""
    count = _count(target) if count is None else count
    plan = target.value
    if count is None:
        return Figure(target, plan, None, None, None, _no_figure(target))
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
    """Plan versus actual of several targets (a few summary queries each)."""
    return [figure(target) for target in targets]


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
