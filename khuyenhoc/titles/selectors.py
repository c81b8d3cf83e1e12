"""Reads for learning titles, always inside the user's scope (lists are keyset-paginated)."""

from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from khuyenhoc.core.errors import DomainError, ErrorCode, NotFoundError
from khuyenhoc.core.pagination import KeysetPage, page_from_rows, page_request
from khuyenhoc.core.scope import Action, Scope, path_prefixes
from khuyenhoc.core.text import whole_number
from khuyenhoc.orgs.selectors import orgnode_get_by_code
from khuyenhoc.people.selectors import clan_list, household_pick, person_list, person_pick
from khuyenhoc.places.models import AdminUnit
from khuyenhoc.titles.models import (
    SUBJECT_OF_TITLE,
    Assessment,
    Campaign,
    CriteriaSet,
    Criterion,
    Decision,
    DecisionKind,
    DecisionLine,
    Evidence,
    Registration,
    SubjectKind,
    Title,
)

PAGE_SIZE = 50
ORDER = ("subject_name", "id")


def campaign_list(*, scope: Scope) -> QuerySet[Campaign]:
    """Campaigns opened in the user's subtree or at a node above it (which the user takes part in)."""
    return (
        Campaign.objects.filter(scope.q_or_above("org_path"))
        .select_related("org_node")
        .order_by("-year", "title", "id")
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
        .select_related("campaign", "criteria_set", "unit")
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
        pk = whole_number(text.lstrip("#"))
        if found is None and pk is not None:
            found = clans.filter(pk=pk).first()
        if found is None:
            raise NotFoundError("Clan")
        return found
    if kind == SubjectKind.UNIT:
        return orgnode_get_by_code(scope=scope, code=text.upper())
    place = AdminUnit.objects.filter(code=text).first()
    if place is None:
        raise NotFoundError("AdminUnit")
    return place


def subject_place(*, kind: str, subject: Any) -> tuple[str, str]:
    """(province code, commune code) of where a subject of `kind` lives: a person's, household's or
    clan's commune; a place itself (a village counts in its commune); a unit's place (a province's
    unit: no commune)."""
    if kind == SubjectKind.PLACE:
        place = subject
    elif kind == SubjectKind.UNIT:
        place = subject.place
    else:
        place = subject.commune
    if place is None:
        return getattr(subject, "province_code", "") or "", ""
    if place.level == "village":
        place = place.parent
    return place.province_code, place.code if place.level == "commune" else ""


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


def criteria_set_for_campaign(*, campaign: Campaign, subject_group: str = "") -> CriteriaSet:
    """The newest published set for the campaign's title (and subject group) that applies at its node:
    an official one, or a local variant owned by the campaign's node or a node above it."""
    ancestors = path_prefixes(campaign.org_path)
    candidates = CriteriaSet.objects.filter(
        title=campaign.title, published_at__isnull=False, valid_from__year__lte=campaign.year
    ).select_related("owner")
    if campaign.title == Title.CITIZEN and not subject_group:
        raise DomainError(
            ErrorCode.REQUIRED,
            _("Cần chọn nhóm đối tượng (mỗi nhóm có phiếu đánh giá riêng)."),
            field="subject_group",
        )
    if subject_group:
        candidates = candidates.filter(subject_group=subject_group)
    usable = [cs for cs in candidates if cs.owner is None or cs.owner.path in ancestors]
    if not usable:
        raise DomainError(
            ErrorCode.NOT_FOUND,
            _("Chưa có bộ tiêu chí đã công bố cho danh hiệu này."),
            field="criteria_set",
        )
    # A local variant wins over the official set; then the newest.
    return max(usable, key=lambda cs: (cs.owner is not None, cs.valid_from, cs.version, cs.pk))


def criterion_get(*, pk: int) -> Criterion:
    found = Criterion.objects.select_related("group__criteria_set__owner").filter(pk=pk).first()
    if found is None:
        raise NotFoundError("Criterion")
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
    visible = mine | named if mine else mine  # Q() is the whole country
    return Decision.objects.filter(visible).select_related("issuer").order_by("-signed_on", "-id")


def decision_get(*, scope: Scope, pk: int) -> Decision:
    found = decision_list(scope=scope).filter(pk=pk).first()
    if found is None:
        raise NotFoundError("Decision")
    return found


def decision_lines(*, decision: Decision) -> QuerySet[DecisionLine]:
    return decision.lines.select_related("registration").order_by("position")


def decision_line_get(*, decision: Decision, pk: int) -> DecisionLine:
    """One subject of a decision the caller has already found in scope."""
    found = decision.lines.filter(pk=pk).first()
    if found is None:
        raise NotFoundError("DecisionLine")
    return found


def certificate_verification(*, code: str) -> dict[str, Any] | None:
    """What the public verification page shows for a certificate's code (None if unknown)."""
    line = (
        DecisionLine.objects.select_related("decision__issuer", "registration")
        .filter(public_code=code, decision__kind=DecisionKind.RECOGNITION)
        .first()
    )
    if line is None:
        return None
    revocation = (
        Decision.objects.filter(
            kind=DecisionKind.REVOCATION,
            revokes=line.decision,
            lines__registration=line.registration,
        )
        .order_by("signed_on")
        .first()
    )
    return {
        "line": line,
        "decision": line.decision,
        "reg": line.registration,
        "revoked_by": revocation,
    }


def recognised_in(*, decision: Decision) -> QuerySet[Registration]:
    """The registrations a decision recognised that are still recognised (what a revocation may name)."""
    return Registration.objects.filter(lines__decision=decision, status="recognised").order_by(
        "subject_name", "id"
    )


def citizen_subject_groups() -> list[str]:
    """The subject groups that have a published learning-citizen criteria set, in their order."""
    groups = CriteriaSet.objects.filter(title=Title.CITIZEN, published_at__isnull=False).order_by(
        "code"
    )
    return list(dict.fromkeys(g for g in groups.values_list("subject_group", flat=True) if g))


def citizen_registrations(*, person: Any) -> QuerySet[Registration]:
    """A person's own registrations, newest year first (their citizen account's page)."""
    return (
        Registration.objects.filter(subject_key=f"{SubjectKind.PERSON}:{person.pk}")
        .select_related("campaign")
        .order_by("-year", "title", "id")
    )


def citizen_open_campaigns(*, person: Any, today: Any) -> QuerySet[Campaign]:
    """Learning-citizen campaigns opened at the person's unit or above it, still taking registrations,
    in years the person has not registered yet."""
    taken = citizen_registrations(person=person).filter(title=Title.CITIZEN).values("year")
    return (
        Campaign.objects.filter(
            title=Title.CITIZEN,
            org_path__in=path_prefixes(person.org_path),
            registration_until__gte=today,
        )
        .exclude(year__in=taken)
        .select_related("org_node")
        .order_by("-year", "registration_until", "id")
    )


def citizen_registration_get(*, person: Any, pk: int) -> Registration:
    """One of the person's own registrations; anyone else's is not found."""
    found = (
        citizen_registrations(person=person).select_related("criteria_set").filter(pk=pk).first()
    )
    if found is None:
        raise NotFoundError("Registration")
    return found


def citizen_campaign_get(*, person: Any, pk: int, today: Any) -> Campaign:
    found = citizen_open_campaigns(person=person, today=today).filter(pk=pk).first()
    if found is None:
        raise NotFoundError("Campaign")
    return found


def evidence_of(*, registration: Registration) -> QuerySet[Evidence]:
    """The files attached to a registration, by criterion."""
    return Evidence.objects.filter(registration=registration).select_related("by")


def evidence_get(*, scope: Scope, pk: int) -> Evidence:
    """One attached file whose registration the user may see."""
    found = Evidence.objects.filter(pk=pk).filter(scope.q("registration__org_path")).first()
    if found is None:
        raise NotFoundError("Evidence")
    return found


def citizen_evidence_get(*, person: Any, pk: int) -> Evidence:
    """One file attached to the person's own registration."""
    key = f"{SubjectKind.PERSON}:{person.pk}"
    found = Evidence.objects.filter(pk=pk, registration__subject_key=key).first()
    if found is None:
        raise NotFoundError("Evidence")
    return found
