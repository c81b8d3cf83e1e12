"""Models of learning titles, one module per sub-domain; imported here so that Django, the migrations
and the rest of the code find them as `khuyenhoc.titles.models`."""

from khuyenhoc.titles.models.criteria import (
    Band,
    CriteriaGroup,
    CriteriaSet,
    Criterion,
    Measure,
    Method,
    Title,
)
from khuyenhoc.titles.models.decisions import Decision, DecisionKind, DecisionLine
from khuyenhoc.titles.models.registrations import (
    OPEN_STATUSES,
    SUBJECT_OF_TITLE,
    Assessment,
    Campaign,
    Evidence,
    Registration,
    Stage,
    Status,
    SubjectKind,
    Verdict,
)
from khuyenhoc.titles.models.tallies import TitleTally

__all__ = [
    "OPEN_STATUSES",
    "SUBJECT_OF_TITLE",
    "Assessment",
    "Band",
    "Campaign",
    "CriteriaGroup",
    "CriteriaSet",
    "Criterion",
    "Decision",
    "DecisionKind",
    "DecisionLine",
    "Evidence",
    "Measure",
    "Method",
    "Registration",
    "Stage",
    "Status",
    "SubjectKind",
    "Title",
    "TitleTally",
    "Verdict",
]
