"""Reads for coordination programmes: a programme is seen by the people of its parties' subtrees and by
those above a party (who oversee it); its activities and figures by their own subtree."""

from pathlib import Path
from typing import Any

from django.db.models import Q, QuerySet

from khuyenhoc.core import clock
from khuyenhoc.core.errors import NotFoundError
from khuyenhoc.core.scope import Scope
from khuyenhoc.core.text import whole_number
from khuyenhoc.programmes.models import (
    Activity,
    Content,
    Document,
    Indicator,
    Party,
    Programme,
    ReportedValue,
    ReportingPeriod,
    Submission,
    Target,
)


def programme_list(*, scope: Scope) -> QuerySet[Programme]:
    """Programmes one of whose parties lies in the user's subtree, or above it."""
    mine = scope.q("org_path")
    if not mine:  # the whole country
        return Programme.objects.select_related("lead").order_by("-starts_year", "code")
    parties = Party.objects.filter(scope.q_or_above("org_path"))
    return (
        Programme.objects.filter(pk__in=parties.values("programme_id"))
        .select_related("lead")
        .order_by("-starts_year", "code")
    )


def programme_get(*, scope: Scope, pk: int) -> Programme:
    found = programme_list(scope=scope).filter(pk=pk).first()
    if found is None:
        raise NotFoundError("Programme")
    return found


def parties_of(*, programme: Programme) -> QuerySet[Party]:
    return programme.parties.select_related("org_node").order_by("position")


def contents_of(*, programme: Programme) -> QuerySet[Content]:
    return programme.contents.prefetch_related("responsible__org_node").order_by("number")


def indicators_of(*, programme: Programme) -> QuerySet[Indicator]:
    return programme.indicators.select_related("content", "campaign").order_by("code")


def indicator_get(*, scope: Scope, pk: int) -> Indicator:
    found = Indicator.objects.filter(pk=pk, programme__in=programme_list(scope=scope)).first()
    if found is None:
        raise NotFoundError("Indicator")
    return found


def _visible_targets(scope: Scope) -> Q:
    """Targets the user may see: of their subtree, above it, or of places (a programme's targets for
    a province or commune are for everyone who sees the programme)."""
    visible = scope.q_or_above("org_path")
    return visible | Q(org_node__isnull=True) if visible else visible  # Q() is the whole country


def targets_of(*, scope: Scope, programme: Programme, year: int) -> QuerySet[Target]:
    """The year's targets the user may see (`_visible_targets`)."""
    rows = Target.objects.filter(_visible_targets(scope), indicator__programme=programme, year=year)
    return rows.select_related("indicator", "org_node", "place").order_by(
        "indicator__code", "org_path", "place__code"
    )


def target_get(*, scope: Scope, pk: int) -> Target:
    """One target the user may see: in a programme they take part in, and visible to them as on the
    programme's page (another body's target in a shared programme is not found)."""
    found = (
        Target.objects.filter(
            _visible_targets(scope), pk=pk, indicator__programme__in=programme_list(scope=scope)
        )
        .select_related("indicator__programme", "org_node", "place", "parent")
        .first()
    )
    if found is None:
        raise NotFoundError("Target")
    return found


def activities_of(*, scope: Scope, programme: Programme, limit: int = 100) -> QuerySet[Activity]:
    rows = (
        programme.activities.filter(scope.q("org_path"))
        if scope.q("org_path")
        else programme.activities.all()
    )
    return rows.select_related("content", "org_node").order_by("-happened_on", "-id")[:limit]


def activity_get(*, scope: Scope, pk: int) -> Activity:
    found = (
        Activity.objects.filter(scope.q("org_path"), pk=pk)
        .select_related("programme", "org_node")
        .first()
    )
    if found is None:
        raise NotFoundError("Activity")
    return found


def documents_of(*, programme: Programme) -> QuerySet[Document]:
    return programme.documents.order_by("id")


def file_get(*, scope: Scope, kind: str, pk: int) -> Any:
    """The file of a programme document, an activity or a reported figure, to those who see it."""
    if kind == "document":
        document = Document.objects.filter(pk=pk, programme__in=programme_list(scope=scope)).first()
        found = document.file if document else None
        name = f"{document.name}{Path(str(document.file.name)).suffix}" if document else ""
    elif kind == "activity":
        activity = Activity.objects.filter(scope.q("org_path"), pk=pk).first()
        found = activity.attachment if activity else None
        name = Path(str(found.name)).name if found else ""
    elif kind == "reported":
        reported = ReportedValue.objects.filter(scope.q("org_path"), pk=pk).first()
        found = reported.evidence if reported else None
        name = Path(str(found.name)).name if found else ""
    else:
        found = None
    if not found:
        raise NotFoundError("File")
    return found, name


def periods_of(*, programme: Programme) -> QuerySet[ReportingPeriod]:
    return programme.periods.order_by("year_to", "due_on")


def period_get(*, scope: Scope, pk: int) -> ReportingPeriod:
    found = ReportingPeriod.objects.filter(pk=pk, programme__in=programme_list(scope=scope)).first()
    if found is None:
        raise NotFoundError("ReportingPeriod")
    return found


def submissions_of(*, period: ReportingPeriod) -> QuerySet[Submission]:
    return period.submissions.select_related("org_node", "approved_by").order_by("org_path")


def submission_get(*, scope: Scope, pk: int) -> Submission:
    rows = Submission.objects.filter(pk=pk, period__programme__in=programme_list(scope=scope))
    found = rows.select_related("period__programme", "org_node").first()
    if found is None:
        raise NotFoundError("Submission")
    return found


def late_parties(*, period: ReportingPeriod, today: Any) -> list[Party]:
    """The parties with no report sent (or approved) for the period once its due date has passed."""
    if today <= period.due_on:
        return []
    sent = period.submissions.filter(
        status__in=(Submission.Status.SUBMITTED, Submission.Status.APPROVED)
    ).values_list("org_node_id", flat=True)
    return list(period.programme.parties.exclude(org_node_id__in=sent).select_related("org_node"))


def year_of(*, programme: Programme, text: str | None) -> int:
    """The year a request names (?year=) when it lies in the programme's period, else the default."""
    year = whole_number(text)
    if year is not None and programme.starts_year <= year <= programme.ends_year:
        return year
    return default_year(programme=programme)


def default_year(*, programme: Programme) -> int:
    """The year a programme's pages open on: this year (within the programme's period) when it has
    targets or reported figures, else the latest earlier year that has any, or activities."""
    current = min(max(clock.today().year, programme.starts_year), programme.ends_year)
    years = [
        Target.objects.filter(indicator__programme=programme, year__lte=current)
        .order_by("-year")
        .values_list("year", flat=True)
        .first(),
        ReportedValue.objects.filter(indicator__programme=programme, year__lte=current)
        .order_by("-year")
        .values_list("year", flat=True)
        .first(),
    ]
    if current in years:
        return current
    last_activity = (
        Activity.objects.filter(programme=programme, happened_on__year__lte=current)
        .order_by("-happened_on")
        .values_list("happened_on", flat=True)
        .first()
    )
    years.append(last_activity.year if last_activity else None)
    known = [y for y in years if y is not None and y >= programme.starts_year]
    return max(known) if known else current
