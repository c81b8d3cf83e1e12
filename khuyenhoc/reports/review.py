"""A programme review (báo cáo năm, sơ kết, tổng kết) drafted from the records: results per content and
per indicator against target, highlights from the activity log, tables by party and by place.

`build` gathers the figures once; word.py, pdf.py and sheets.py lay the same review out
as an editable Word draft, a PDF and the statistical tables.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from khuyenhoc.core.numbers import number_text
from khuyenhoc.core.pdf import place_name
from khuyenhoc.core.scope import Scope
from khuyenhoc.places.models import Level
from khuyenhoc.programmes import selectors as programme_selectors
from khuyenhoc.programmes.models import (
    Activity,
    Content,
    Indicator,
    Party,
    Programme,
    ReportingPeriod,
    Target,
    Unit,
)
from khuyenhoc.reports.dashboard import Row, place_rows, trend
from khuyenhoc.reports.indicators import Figure, unplanned

HIGHLIGHTS = 5  # activities quoted per content
TO_WRITE = "[Ban Thư ký bổ sung: {what}]"  # where the draft leaves the secretariat to write
RESULT_HEAD = ["TT", "Chỉ tiêu", "Giao cho", "Kế hoạch", "Thực hiện", "Tỷ lệ đạt", "Lũy kế cả kỳ"]
PLACE_HEAD = ["TT", "Xã, phường / đơn vị", "Số lượng", "Kế hoạch", "Thực hiện", "Tỷ lệ đạt"]


@dataclass
class Result:
    """One target in the review: its figure in the last year, and for counts the total of the period."""

    figure: Figure
    period_total: Decimal | None = None

    @property
    def holder(self) -> str:
        return self.figure.holder


@dataclass
class Section:
    """A numbered content with its indicators' results, its activity totals and highlights."""

    content: Content | None
    results: list[Result] = field(default_factory=list)
    activities: int = 0
    participants: int = 0
    highlights: list[Activity] = field(default_factory=list)


@dataclass
class PlaceTable:
    """An indicator's communes in a province: every commune (the statistical form lists them all);
    the report's text quotes only those with a target or a figure (`shown`) and counts the rest."""

    indicator: Indicator
    province: str
    rows: list[Row]

    @property
    def shown(self) -> list[Row]:
        return [r for r in self.rows if r.figure is not None or r.count]

    @property
    def rest(self) -> str:
        """The line that stands for the communes left out, or ""."""
        left = len(self.rows) - len(self.shown)
        if left and left == len(self.rows):
            return f"Chưa có xã, phường nào (trong {left}) được giao chỉ tiêu hoặc có số liệu."
        return f"Còn {left} xã, phường chưa giao chỉ tiêu và chưa có số liệu." if left else ""


@dataclass
class Review:
    programme: Programme
    kind: str  # ReportingPeriod.Kind
    kind_label: str
    year_from: int
    year_to: int
    parties: list[Party]
    sections: list[Section]
    by_party: list[tuple[Party, list[Result]]]
    by_place: list[PlaceTable]

    @property
    def years(self) -> str:
        if self.year_from == self.year_to:
            return str(self.year_to)
        return f"{self.year_from}–{self.year_to}"

    @property
    def title(self) -> str:
        return f"{self.kind_label} {self.years}".upper() if self.kind else ""


def build(*, scope: Scope, programme: Programme, year_from: int, year_to: int, kind: str) -> Review:
    """Draft the review of `programme` for the years [year_from, year_to] as the user sees it."""
    targets = list(
        programme_selectors.targets_of(scope=scope, programme=programme, year=year_to).filter(
            parent__isnull=True
        )[:300]
    )
    results = [_result(t, year_from, year_to) for t in targets]
    results += _unplanned(scope, programme, year_from, year_to, {t.indicator_id for t in targets})
    contents = list(programme_selectors.contents_of(programme=programme))
    sections = {c.pk: Section(c) for c in contents}
    loose = Section(None)
    for result in results:
        sections.get(result.figure.target.indicator.content_id, loose).results.append(result)
    _activities(scope, programme, year_from, year_to, sections)
    parties = list(programme_selectors.parties_of(programme=programme))
    by_node: dict[int, list[Result]] = {}
    for result in results:
        if result.figure.target.org_node_id:
            by_node.setdefault(result.figure.target.org_node_id, []).append(result)
    by_party = [(p, by_node[p.org_node_id]) for p in parties if p.org_node_id in by_node]
    by_place = [
        PlaceTable(
            r.figure.target.indicator,
            r.figure.target.place.name,
            place_rows(
                scope=scope,
                indicator=r.figure.target.indicator,
                year=year_to,
                place=r.figure.target.place,
            ),
        )
        for r in results
        if r.figure.target.place_id and r.figure.target.place.level == Level.PROVINCE
    ]
    kind_label = str(ReportingPeriod.Kind(kind).label)
    ordered = [sections[c.pk] for c in contents] + ([loose] if loose.results else [])
    return Review(
        programme, kind, kind_label, year_from, year_to, parties, ordered, by_party,
        [t for t in by_place if t.rows],
    )  # fmt: skip


def _result(target: Target, year_from: int, year_to: int) -> Result:
    rows = trend(target, range(year_from, year_to + 1))
    last = rows[-1]
    total = None
    if target.indicator.unit != Unit.PERCENT and year_from < year_to:
        total = sum((f.actual or Decimal(0) for f in rows), Decimal(0))
    return Result(last, total)


def _unplanned(
    scope: Scope, programme: Programme, year_from: int, year_to: int, skip: set[int]
) -> list[Result]:
    """The indicators without a target: each holder's latest figure of the period (marked with its
    year when that is not the last), and for counts and amounts the total over the period's years."""
    latest: dict[tuple[int, str], Figure] = {}
    totals: dict[tuple[int, str], Decimal] = {}
    for year in range(year_from, year_to + 1):
        for f in unplanned(scope=scope, programme=programme, year=year, skip=skip):
            key = (f.target.indicator_id, f.holder)
            if f.count is not None or key not in latest:
                latest[key] = f
            if f.actual is not None:
                totals[key] = totals.get(key, Decimal(0)) + f.actual
    # An indicator some party reported in the period has no "not reported" line besides.
    reported = {key[0] for key, f in latest.items() if f.count is not None}
    results = []
    for key, f in latest.items():
        if f.count is None and key[0] in reported:
            continue
        if f.count is not None and f.target.year != year_to:
            f.problem = _("số liệu năm %(y)s") % {"y": f.target.year}
        multi = year_from < year_to and f.target.indicator.unit != Unit.PERCENT
        results.append(Result(f, totals.get(key) if multi else None))
    return results


def _activities(
    scope: Scope, programme: Programme, year_from: int, year_to: int, sections: dict[int, Section]
) -> None:
    """Totals per content in one grouped query, and the largest activities of each as highlights."""
    rows = Activity.objects.filter(
        programme=programme, happened_on__year__gte=year_from, happened_on__year__lte=year_to
    ).filter(scope.q("org_path"))
    totals = rows.values("content_id").annotate(n=Count("id"), people=Sum("participants"))
    for total in totals:
        section = sections.get(total["content_id"])
        if section is not None:
            section.activities, section.participants = total["n"], total["people"] or 0
    for content_id, section in sections.items():
        section.highlights = list(
            rows.filter(Q(content_id=content_id))
            .select_related("org_node")
            .order_by("-participants", "-happened_on")[:HIGHLIGHTS]
        )


RESULTS, PARTIES, PLACES, OUTLOOK = (
    "KẾT QUẢ THỰC HIỆN", "KẾT QUẢ THEO CÁC BÊN PHỐI HỢP", "KẾT QUẢ THEO ĐỊA BÀN",
    "ĐÁNH GIÁ CHUNG VÀ PHƯƠNG HƯỚNG",
)  # fmt: skip


ROMAN = ("I", "II", "III", "IV")


def chapters(review: Review) -> dict[str, str]:
    """The report's chapter headings, numbered I, II, … over the chapters it has."""
    names = [RESULTS]
    names += [PARTIES] if review.by_party else []
    names += [PLACES] if review.by_place else []
    names.append(OUTLOOK)
    return {name: f"{ROMAN[i]}. {name}" for i, name in enumerate(names)}


@dataclass(frozen=True)
class Block:
    """One piece of the report's body, for word.py and pdf.py to lay out alike: a chapter heading, a
    bold line, a paragraph, a placeholder for the secretariat (italic), a results table or a table of
    places."""

    kind: str  # "chapter", "bold", "text", "note", "results", "places"
    text: str = ""
    rows: tuple = ()


def outline(review: Review) -> list[Block]:
    """The report's body from its opening sentence to the last chapter, as blocks."""
    heads = chapters(review)
    blocks = [Block("note", intro(review)), Block("chapter", heads[RESULTS])]
    for index, part in enumerate(review.sections, start=1):
        number_ = part.content.number if part.content else index
        blocks.append(
            Block(
                "bold", f"{number_}. {part.content.text if part.content else 'Các chỉ tiêu chung'}"
            )
        )
        if part.results:
            blocks.append(Block("results", rows=tuple(part.results)))
        if part.activities:
            people = (
                f" với {number(part.participants)} lượt người tham gia" if part.participants else ""
            )
            blocks.append(
                Block("text", f"Trong kỳ, các bên tổ chức {part.activities} hoạt động{people}.")
            )
        for activity in part.highlights:
            people = (
                f" ({number(activity.participants)} người tham gia)"
                if activity.participants
                else ""
            )
            blocks.append(Block("text", f"- {activity.happened_on:%d/%m/%Y}, "
                                        f"{activity.org_node.name}: {activity.summary}{people}"))  # fmt: skip
        if not part.results and not part.activities:
            blocks.append(Block("note", TO_WRITE.format(what="kết quả thực hiện nội dung này")))
    if review.by_party:
        blocks.append(Block("chapter", heads[PARTIES]))
        for party, results in review.by_party:
            blocks += [Block("bold", party.org_node.name), Block("results", rows=tuple(results))]
    if review.by_place:
        blocks.append(Block("chapter", heads[PLACES]))
        for table in review.by_place:
            blocks.append(
                Block("bold", f"{table.indicator.name} — {table.province}, năm {review.year_to}")
            )
            if table.shown:
                blocks.append(Block("places", rows=tuple(table.shown)))
            if table.rest:
                blocks.append(Block("note", table.rest))
    blocks += [
        Block("chapter", heads[OUTLOOK]),
        Block("bold", "1. Ưu điểm, hạn chế và nguyên nhân"),
        Block("note", TO_WRITE.format(what="ưu điểm, hạn chế, nguyên nhân")),
        Block("bold", "2. Phương hướng, nhiệm vụ thời gian tới"),
        Block("note", TO_WRITE.format(what="phương hướng, nhiệm vụ, kiến nghị")),
    ]
    return blocks


def kind_for(programme: Programme, year_from: int, year_to: int) -> str:
    """The kind of review a span of years is: the whole programme is a final review, one year a yearly
    report, anything between a mid-term review."""
    if year_from == programme.starts_year and year_to == programme.ends_year:
        return ReportingPeriod.Kind.FINAL
    if year_from == year_to:
        return ReportingPeriod.Kind.YEARLY
    return ReportingPeriod.Kind.MIDTERM


def number(value: Decimal | None) -> str:
    """A Vietnamese-formatted number: "85,5" (comma decimals, dot thousands), "—" when unknown."""
    return "—" if value is None else number_text(value)


def amount(result: Result) -> tuple[str, str, str]:
    """Plan, actual and achievement of a result as text, with the unit's sign."""
    unit = result.figure.target.indicator.unit
    sign = "%" if unit == Unit.PERCENT else ""
    plan = number(result.figure.plan) + sign if result.figure.plan else "—"
    actual = number(result.figure.actual) + sign if result.figure.actual is not None else "—"
    achieved = number(result.figure.achieved) + "%" if result.figure.achieved is not None else "—"
    return plan, actual, achieved


def result_lines(results: list[Result]) -> list[list[str]]:
    """The rows of a results table (RESULT_HEAD), as text."""
    lines = []
    for index, result in enumerate(results, start=1):
        plan, actual, achieved = amount(result)
        total = number(result.period_total) if result.period_total is not None else ""
        note = f" ({result.figure.problem})" if result.figure.problem else ""
        name = result.figure.target.indicator.name + note
        lines.append([str(index), name, result.holder, plan, actual, achieved, total])
    return lines


def place_lines(rows: list[Row]) -> list[list[str]]:
    """The rows of a drill-down table (PLACE_HEAD), as text."""
    lines = []
    for index, row in enumerate(rows, start=1):
        figure = row.figure
        sign = "%" if figure is not None and figure.target.indicator.unit == Unit.PERCENT else ""
        lines.append([
            str(index), row.label, number(Decimal(row.count)),
            number(figure.plan) + sign if figure else "—",
            number(figure.actual) + sign if figure and figure.actual is not None else "—",
            number(figure.achieved) + "%" if figure and figure.achieved is not None else "—",
        ])  # fmt: skip
    return lines


def intro(review: Review) -> str:
    """The opening sentence of the report."""
    programme = review.programme
    lead = review.parties[0].org_node.name if review.parties else programme.lead.name
    where = f" tại {programme.signed_place}" if programme.signed_place else ""
    return (
        f"Thực hiện Chương trình phối hợp ký ngày {programme.signed_on:%d/%m/%Y}{where} giữa "
        f"{', '.join(p.org_node.name for p in review.parties)}, giai đoạn {programme.starts_year}–"
        f"{programme.ends_year}, {lead} báo cáo kết quả {review.kind_label.lower()} {review.years} "
        "như sau:"
    )


def issued_at(programme: Programme) -> str:
    """The place in the report's date line: the lead body's province, else where it was signed."""
    return place_name(programme.lead) or programme.signed_place or "Hà Nội"
