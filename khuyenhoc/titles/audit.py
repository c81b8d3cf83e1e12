"""Check stored results against their criteria sets: every assessment re-scored, differences listed.

A published criteria set never changes and an assessment is never edited, so the total, band and verdict
stored with an assessment must be what its rubric gives for its scores today. A difference means damage
(an edit outside the application, a bad restore); the audit finds it. Scores are read in chunks and
scored by the rubric compiled to integers (`Rubric.scorer`), so a million assessments take seconds.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from khuyenhoc.core.scope import Scope
from khuyenhoc.titles.models import Assessment, CriteriaSet
from khuyenhoc.titles.rubric import load_rubric

CHUNK = 5000
KEEP = 100  # mismatching assessments listed by id (all are counted)


@dataclass
class AuditResult:
    """What re-scoring the assessments of one criteria set found."""

    criteria_set: CriteriaSet
    checked: int = 0
    mismatches: int = 0
    examples: list[int] = field(default_factory=list)  # the first mismatching assessment ids

    @property
    def ok(self) -> bool:
        return self.mismatches == 0


def assessments_audit(*, scope: Scope, criteria_set: CriteriaSet) -> AuditResult:
    """Re-score every assessment made under `criteria_set` inside `scope`; count those whose stored
    total, band or verdict differs from their rubric's."""
    rubric = load_rubric(criteria_set)
    scorer = rubric.scorer
    labels = [band.label for band in rubric.bands]
    verdicts = {True: _("Đạt"), False: _("Không đạt")}
    result = AuditResult(criteria_set)
    rows = (
        Assessment.objects.filter(registration__criteria_set=criteria_set)
        .filter(scope.q("registration__org_path"))
        .values_list("id", "scores", "total", "band", "achieved")
    )
    for pk, scores, total, band, achieved in rows.iterator(chunk_size=CHUNK):
        result.checked += 1
        hundredths, index, ok = scorer(scores)
        expected = labels[index] if index is not None else verdicts[ok]
        stored = int(Decimal(total) * 100)
        if hundredths != stored or ok != achieved or (labels and band != expected):
            result.mismatches += 1
            if len(result.examples) < KEEP:
                result.examples.append(pk)
    return result
