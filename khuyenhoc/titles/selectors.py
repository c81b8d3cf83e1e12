"""Reads for learning titles, always inside the user's scope (lists are keyset-paginated)."""

from typing import Any

from django.db.models import Q, QuerySet

from khuyenhoc.core.errors import NotFoundError
from khuyenhoc.core.pagination import KeysetPage, page_from_rows, page_request
from khuyenhoc.core.scope import Action, Scope
from khuyenhoc.orgs.selectors import orgnode_get_by_code
from khuyenhoc.people.selectors import clan_list, household_pick, person_list, person_pick
from khuyenhoc.places.models import AdminUnit
from khuyenhoc.titles.models import (
    SUBJECT_OF_TITLE,
    Assessment,
    Campaign,
    CriteriaSet,
    Decision,
    DecisionLine,
    Registration,
    SubjectKind,
    Title,
)

PAGE_SIZE = 50
ORDER = ("subject_name", "id")


def _ancestor_paths(scope: Scope) -> list[str]:
    """Paths of the nodes above the user's grants: campaigns opened there cover the user's units."""
    paths: set[str] = set()
    for grant in scope.grants:
        parts = [p for p in grant.path.split(".") if p]
        paths |= {".".join(parts[:i]) + "." for i in range(1, len(parts))}
    return sorted(paths)


def campaign_list(*, scope: Scope) -> QuerySet[Campaign]:
    """Campaigns opened in the user's subtree or at a node above it (which the user takes part in)."""
    visible = scope.q("org_path") | Q(org_path__in=_ancestor_paths(scope))
    return (
        Campaign.objects.filter(visible).select_related("org_node").order_by("-year", "title", "id")
    )


def campaign_get(*, scope: Scope, pk: int) -> Campaign:
    campaign = campaign_list(scope=scope).filter(pk=pk).first()
    if campaign is None:
        raise NotFoundError("Campaign")
    return campaign


def registration_page(
    *, scope: Scope, campaign: Campaign, status: str = "", cursor: str | None = None
) -> KeysetPage:
    """The campaign's registrations inside the scope, in subject-name order, one page."""
    rows = Registration.objects.filter(campaign=campaign).filter(scope.q("org_path"))
    if status:
        rows = rows.filter(status=status)
    request = page_request(cursor, ORDER)
    found = list(rows.filter(request.after()).order_by(*request.ordering())[: PAGE_SIZE + 1])
    return page_from_rows(found, request, PAGE_SIZE)


def registration_get(*, scope: Scope, pk: int, action: Action | str = Action.VIEW) -> Registration:
    reg = (
        Registration.objects.filter(scope.q("org_path", action))
        .select_related("campaign", "criteria_set")
        .filter(pk=pk)
        .first()
    )
    if reg is None:
        raise NotFoundError("Registration")
    return reg


def registration_assessments(*, registration: Registration) -> QuerySet[Assessment]:
    return registration.assessments.select_related("by").order_by("at", "id")


def registrations_of_subject(*, scope: Scope, kind: str, pk: int) -> QuerySet[Registration]:
    """A subject's registrations, every year (for "3 consecutive years" on its page)."""
    return (
        Registration.objects.filter(scope.q("org_path"), subject_key=f"{kind}:{pk}")
        .order_by("-year", "title")
        .select_related("campaign")
    )


def pick_subject(*, scope: Scope, title: str, text: str) -> Any:
    """The subject a clerk names for a title: a CCCD or record number, a household, clan or unit code."""
    kind = SUBJECT_OF_TITLE[Title(title)]
    text = text.strip()
    if kind == SubjectKind.PERSON:
        return person_pick(scope=scope, text=text)
    if kind == SubjectKind.HOUSEHOLD:
        return household_pick(scope=scope, text=text)
    if kind == SubjectKind.CLAN:
        clans = clan_list(scope=scope)
        found = clans.filter(code=text.upper()).first()
        if found is None and text.lstrip("#").isdigit():
            found = clans.filter(pk=int(text.lstrip("#"))).first()
        if found is None:
            raise NotFoundError("Clan")
        return found
    if kind == SubjectKind.UNIT:
        return orgnode_get_by_code(scope=scope, code=text.upper())
    found = AdminUnit.objects.filter(code=text).first()
    if found is None:
        raise NotFoundError("AdminUnit")
    return found


def members_to_register(*, scope: Scope, org_node: Any) -> QuerySet:
    """Every person managed by `org_node` or below, inside the scope (bulk registration)."""
    return person_list(scope=scope, org_node=org_node).order_by("id")


def criteria_set_list() -> QuerySet[CriteriaSet]:
    """Criteria sets are shared reference data (official and local variants)."""
    return CriteriaSet.objects.select_related("owner").order_by("title", "subject_group", "code")


def criteria_set_get(*, pk: int) -> CriteriaSet:
    found = criteria_set_list().filter(pk=pk).first()
    if found is None:
        raise NotFoundError("CriteriaSet")
    return found


def verified_to_decide(*, scope: Scope, campaign: Campaign) -> QuerySet[Registration]:
    """The campaign's verified registrations the user may put in a decision, in name order."""
    return (
        Registration.objects.filter(campaign=campaign, status="verified")
        .filter(scope.q("org_path", Action.CHANGE))
        .order_by("subject_name", "id")
    )


def decision_list(*, scope: Scope) -> QuerySet[Decision]:
    """Decisions issued in the user's subtree, or naming someone in it."""
    mine = scope.q("org_path")
    named = Q(
        pk__in=DecisionLine.objects.filter(scope.q("registration__org_path")).values("decision_id")
    )
    return (
        Decision.objects.filter(mine | named).select_related("issuer").order_by("-signed_on", "-id")
    )


def decision_get(*, scope: Scope, pk: int) -> Decision:
    found = decision_list(scope=scope).filter(pk=pk).first()
    if found is None:
        raise NotFoundError("Decision")
    return found


def decision_lines(*, decision: Decision) -> QuerySet[DecisionLine]:
    return decision.lines.select_related("registration").order_by("position")


def recognised_in(*, decision: Decision) -> QuerySet[Registration]:
    """The registrations a decision recognised that are still recognised (what a revocation may name)."""
    return Registration.objects.filter(lines__decision=decision, status="recognised").order_by(
        "subject_name", "id"
    )
