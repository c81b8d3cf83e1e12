"""Score an assessment against a criteria set, and explain the result in Vietnamese.

Pure functions over a criteria set loaded with its groups, criteria and bands (no query per criterion):
`load_rubric` reads one set in three queries; `score` checks the given scores (points within 0..max,
a yes/no for pass/fail criteria) and returns the total, the band, whether the title is achieved, and why —
which criteria lost points, which must-pass criterion or minimum failed.
"""

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cached_property
from typing import Any

from django.utils.translation import gettext as _

from khuyenhoc.core.errors import DomainError, ErrorCode
from khuyenhoc.core.numbers import number_text
from khuyenhoc.titles.models import Band, CriteriaSet, Criterion


@dataclass(frozen=True)
class Rubric:
    criteria_set: CriteriaSet
    criteria: list[Criterion]
    bands: list[Band]  # highest first

    @property
    def max_total(self) -> int:
        return sum(c.max_points or 0 for c in self.criteria)

    @cached_property
    def scorer(self) -> "Scorer":
        """This rubric compiled for fast scoring (once per loaded rubric)."""
        return compile_rubric(self)


@dataclass
class Result:
    total: Decimal
    max_total: int
    band: Band | None
    achieved: bool
    reasons: list[str] = field(default_factory=list)
    lost: dict[str, int] = field(
        default_factory=dict
    )  # criterion code → points short of the maximum

    @property
    def band_label(self) -> str:
        return self.band.label if self.band else (_("Đạt") if self.achieved else _("Không đạt"))


def load_rubric(criteria_set: CriteriaSet) -> Rubric:
    criteria = list(
        Criterion.objects.filter(group__criteria_set=criteria_set)
        .select_related("group")
        .order_by("group__number", "position")
    )
    return Rubric(criteria_set, criteria, list(criteria_set.bands.order_by("-min_total")))


def check_scores(
    rubric: Rubric, scores: dict[str, Any], *, complete: bool = True
) -> dict[str, Any]:
    """Return the scores as numbers and booleans; raise DomainError naming the first bad criterion."""
    by_code = {c.code: c for c in rubric.criteria}
    unknown = sorted(set(scores) - set(by_code))
    if unknown:
        raise DomainError(
            ErrorCode.INVALID,
            _("Bộ tiêu chí không có tiêu chí %(code)s.") % {"code": unknown[0]},
            field=unknown[0],
        )
    clean: dict[str, Any] = {}
    for criterion in rubric.criteria:
        value = scores.get(criterion.code)
        if value is None or value == "":
            if complete:
                raise DomainError(
                    ErrorCode.REQUIRED,
                    _("Chưa chấm tiêu chí %(code)s.") % {"code": criterion.code},
                    field=criterion.code,
                )
            continue
        clean[criterion.code] = _value(criterion, value)
    return clean


def _value(criterion: Criterion, value: Any) -> Any:
    if criterion.is_pass_fail:
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in {"đạt", "dat", "có", "co", "1", "true", "x"}:
            return True
        if text in {"không đạt", "khong dat", "không", "khong", "0", "false"}:
            return False
        raise DomainError(
            ErrorCode.INVALID,
            _("Tiêu chí %(code)s chỉ nhận “Đạt” hoặc “Không đạt”.") % {"code": criterion.code},
            field=criterion.code,
        )
    try:
        points = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        points = None
    if points is None or not points.is_finite() or points.as_tuple().exponent < -2:
        raise DomainError(
            ErrorCode.INVALID,
            _("Điểm tiêu chí %(code)s phải là số, lẻ đến 0,5 hoặc 0,25 điểm.")
            % {"code": criterion.code},
            field=criterion.code,
        )
    if not 0 <= points <= criterion.max_points:
        raise DomainError(
            ErrorCode.INVALID,
            _("Điểm tiêu chí %(code)s phải từ 0 đến %(max)s.")
            % {"code": criterion.code, "max": criterion.max_points},
            field=criterion.code,
        )
    # Kept in JSON as a whole number when it is one ("9"), else as a decimal ("7.5").
    return int(points) if points == points.to_integral_value() else float(points)


def number(value: Any) -> str:
    """A score as Vietnamese writes it: 84,5 — and 85 without decimals."""
    return number_text(Decimal(str(value)), grouped=False)


def score(rubric: Rubric, scores: dict[str, Any]) -> Result:
    """Total, band and verdict of complete `scores`, with the reasons a title was missed."""
    clean = check_scores(rubric, scores)
    hundredths, band_index, achieved = rubric.scorer(clean)
    total = Decimal(hundredths) / 100
    band = rubric.bands[band_index] if band_index is not None else None
    lost = {
        c.code: c.max_points - clean[c.code]
        for c in rubric.criteria
        if not c.is_pass_fail and clean[c.code] < c.max_points
    }
    reasons = _reasons(rubric, clean, total, band)
    return Result(total, rubric.max_total, band, achieved, reasons, lost)


def _reasons(rubric: Rubric, clean: dict[str, Any], total: Decimal, band: Band | None) -> list[str]:
    """Why the title was missed, criterion by criterion (empty when it was achieved)."""
    cs = rubric.criteria_set
    reasons: list[str] = []
    for criterion in rubric.criteria:
        value = clean[criterion.code]
        if criterion.is_pass_fail:
            if not value and criterion.must_pass:
                reasons.append(
                    _("Tiêu chí bắt buộc %(code)s “%(text)s” không đạt.")
                    % {"code": criterion.code, "text": criterion.text}
                )
            continue
        floor = criterion.min_points if criterion.min_points is not None else cs.min_points_each
        if floor is not None and value < floor:
            reasons.append(
                _("Tiêu chí %(code)s chỉ được %(points)s điểm, dưới mức tối thiểu %(floor)s.")
                % {"code": criterion.code, "points": number(value), "floor": floor}
            )
        if criterion.must_pass and value == 0:
            reasons.append(
                _("Tiêu chí bắt buộc %(code)s “%(text)s” không có điểm.")
                % {"code": criterion.code, "text": criterion.text}
            )
    if cs.pass_total is not None and total < cs.pass_total:
        reasons.append(
            _("Tổng điểm %(total)s chưa đạt mức %(need)s.")
            % {"total": number(total), "need": cs.pass_total}
        )
    scored_band = next((b for b in rubric.bands if total >= b.min_total), None)
    if scored_band is not None and not scored_band.achieved and cs.pass_total is None:
        reasons.append(
            _("Tổng điểm %(total)s thuộc mức “%(band)s”.")
            % {"total": number(total), "band": scored_band.label}
        )
    return reasons


@dataclass(frozen=True)
class Scorer:
    """A rubric compiled to integers (points in hundredths) for scoring checked scores fast — stored
    assessments by the thousand (`titles.selectors.assessments_audit`) — without building messages.

    Calling it with checked scores gives (total in hundredths, index of the band in `rubric.bands` or
    None, achieved). `score` uses it too, so both always agree.
    """

    # (code, max points, floor, must pass) in hundredths; max points None for a pass/fail criterion.
    items: tuple[tuple[str, int | None, int | None, bool], ...]
    pass_total: int | None
    bands: tuple[tuple[int, bool], ...]  # (from total, achieved), highest first
    first_failing_band: int | None

    def __call__(self, scores: dict[str, Any]) -> tuple[int, int | None, bool]:
        total, ok = 0, True
        for code, top, floor, must_pass in self.items:
            value = scores[code]
            if top is None:
                ok = ok and (bool(value) or not must_pass)
                continue
            points = round(value * 100)
            total += points
            if (floor is not None and points < floor) or (must_pass and points == 0):
                ok = False
        if self.pass_total is not None and total < self.pass_total:
            ok = False
        band = next((i for i, (low, _achieved) in enumerate(self.bands) if total >= low), None)
        if band is not None and not self.bands[band][1] and self.pass_total is None:
            ok = False
        if (
            not ok and band is not None and self.bands[band][1]
        ):  # e.g. 82 points, one indicator at 3
            band = self.first_failing_band
        return total, band, ok


def compile_rubric(rubric: Rubric) -> Scorer:
    """The rubric as a `Scorer` (use `rubric.scorer`, which compiles it once)."""
    cs = rubric.criteria_set
    items = []
    for c in rubric.criteria:
        floor = c.min_points if c.min_points is not None else cs.min_points_each
        if c.is_pass_fail:
            items.append((c.code, None, None, c.must_pass))
        else:
            items.append(
                (c.code, c.max_points * 100, None if floor is None else floor * 100, c.must_pass)
            )
    bands = tuple((b.min_total * 100, b.achieved) for b in rubric.bands)
    failing = next((i for i, (_low, achieved) in enumerate(bands) if not achieved), None)
    pass_total = None if cs.pass_total is None else cs.pass_total * 100
    return Scorer(tuple(items), pass_total, bands, failing)
