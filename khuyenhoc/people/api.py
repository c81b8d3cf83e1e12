"""/api/v1/ persons, households and clans, inside the token's scope.

Reads go through the people selectors with the request's scope (out of scope is 404); ids named in a
body go through `lookups.resolve` (unknown is 400 on that field); writes go through the services.
"""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Status

from khuyenhoc.core.errors import DomainError
from khuyenhoc.core.history import history_of
from khuyenhoc.core.models import Channel
from khuyenhoc.core.pagination import KeysetPage
from khuyenhoc.core.schemas import (
    DETAIL_ERRORS,
    PATH_ID,
    READ_ERRORS,
    WRITE_ERRORS,
    responses,
)
from khuyenhoc.core.scope import Action, Scope
from khuyenhoc.core.web import client_ip
from khuyenhoc.people import selectors
from khuyenhoc.people.listing import clan_page, household_page, person_page
from khuyenhoc.people.lookups import resolve
from khuyenhoc.people.models import Clan, ClanHousehold, Household, HouseholdMember, Person
from khuyenhoc.people.schemas import (
    ClanHouseholdIn,
    ClanHouseholdOut,
    ClanIn,
    ClanOut,
    ClanPage,
    ClanPatch,
    HistoryOut,
    HouseholdFilters,
    HouseholdIn,
    HouseholdOut,
    HouseholdPage,
    HouseholdPatch,
    MemberIn,
    MemberOut,
    PersonFilters,
    PersonIn,
    PersonOut,
    PersonPage,
    PersonPatch,
    PlaceFilters,
)
from khuyenhoc.people.services import clans, households, persons
from khuyenhoc.people.services.privacy import identity_read

router = Router()


def _scope(request: HttpRequest) -> Scope:
    return request.scope  # type: ignore[attr-defined,no-any-return]


def _filters(request: HttpRequest, filters: PersonFilters | PlaceFilters) -> dict[str, Any]:
    """The list filters as selector arguments, with ids resolved through the scope."""
    data = filters.model_dump(exclude={"cursor", "limit"})
    found = resolve(data, scope=_scope(request))
    found["search"] = found.pop("q")
    found["org_node"] = found.pop("org")
    return found


@router.get("/persons/", response=responses({200: PersonPage}, READ_ERRORS))
def person_list(request: HttpRequest, filters: Query[PersonFilters]) -> KeysetPage:
    """Persons in scope, by name; search by name without diacritics or by CCCD."""
    found = _filters(request, filters)
    found["gender"] = found["gender"] or ""
    return person_page(scope=_scope(request), cursor=filters.cursor, size=filters.limit, **found)


@router.get("/persons/{int:person_id}", response=responses({200: PersonOut}, DETAIL_ERRORS))
def person_detail(request: HttpRequest, person_id: int = PATH_ID) -> Person:
    """One person in scope; the CCCD in full for tokens allowed to see it (recorded in the access
    log), masked for the others."""
    person = selectors.person_get(scope=_scope(request), pk=person_id)
    if person.cccd and _scope(request).allows(Action.VIEW_IDENTITY, person.org_path):
        identity_read(
            actor=request.user, scope=_scope(request), person=person, channel=Channel.API,
            ip=client_ip(request),
        )  # fmt: skip
        request.identity_shown_for = person.pk  # type: ignore[attr-defined]
    return person


@router.post("/persons/", response=responses({201: PersonOut}, WRITE_ERRORS))
def person_create(request: HttpRequest, payload: PersonIn) -> Status[Person]:
    """Create a person under a node the token may change."""
    scope = _scope(request)
    data = resolve(payload.model_dump(), scope=scope)
    return Status(201, persons.person_create(actor=request.user, scope=scope, **data))


@router.patch("/persons/{int:person_id}", response=responses({200: PersonOut}, WRITE_ERRORS))
def person_update(request: HttpRequest, payload: PersonPatch, person_id: int = PATH_ID) -> Person:
    """Change the fields sent; the others stay."""
    scope = _scope(request)
    person = selectors.person_get(scope=scope, pk=person_id)
    data = resolve(payload.model_dump(exclude_unset=True), scope=scope)
    return persons.person_update(actor=request.user, scope=scope, person=person, data=data)


@router.get(
    "/persons/{int:person_id}/history", response=responses({200: list[HistoryOut]}, DETAIL_ERRORS)
)
def person_history(request: HttpRequest, person_id: int = PATH_ID) -> list[dict[str, Any]]:
    """Who changed the person, when, and which fields (newest first)."""
    return history_of(selectors.person_get(scope=_scope(request), pk=person_id))


@router.get("/households/", response=responses({200: HouseholdPage}, READ_ERRORS))
def household_list(request: HttpRequest, filters: Query[HouseholdFilters]) -> KeysetPage:
    """Households in scope, by name or code."""
    found = _filters(request, filters)
    return household_page(scope=_scope(request), cursor=filters.cursor, size=filters.limit, **found)


@router.get(
    "/households/{int:household_id}", response=responses({200: HouseholdOut}, DETAIL_ERRORS)
)
def household_detail(request: HttpRequest, household_id: int = PATH_ID) -> Household:
    """One household in scope."""
    return selectors.household_get(scope=_scope(request), pk=household_id)


@router.post("/households/", response=responses({201: HouseholdOut}, WRITE_ERRORS))
def household_create(request: HttpRequest, payload: HouseholdIn) -> Status[Household]:
    """Create a household; a head, when given, becomes its first member."""
    scope = _scope(request)
    data = resolve(payload.model_dump(), scope=scope)
    try:
        household = households.household_create(actor=request.user, scope=scope, **data)
    except DomainError as exc:
        if exc.field == "person":  # the head's membership, which this body calls "head"
            exc.field = "head"
        raise
    return Status(201, household)


@router.patch(
    "/households/{int:household_id}", response=responses({200: HouseholdOut}, WRITE_ERRORS)
)
def household_update(
    request: HttpRequest, payload: HouseholdPatch, household_id: int = PATH_ID
) -> Household:
    """Change the fields sent; the others stay."""
    scope = _scope(request)
    household = selectors.household_get(scope=scope, pk=household_id)
    data = resolve(payload.model_dump(exclude_unset=True), scope=scope)
    return households.household_update(
        actor=request.user, scope=scope, household=household, data=data
    )


@router.get(
    "/households/{int:household_id}/members",
    response=responses({200: list[MemberOut]}, DETAIL_ERRORS),
)
def household_members(request: HttpRequest, household_id: int = PATH_ID) -> list[HouseholdMember]:
    """Everyone who lives or lived in the household, current members first."""
    household = selectors.household_get(scope=_scope(request), pk=household_id)
    return list(selectors.household_members(household=household))


@router.post(
    "/households/{int:household_id}/members", response=responses({201: MemberOut}, WRITE_ERRORS)
)
def household_add_member(
    request: HttpRequest, payload: MemberIn, household_id: int = PATH_ID
) -> Status[HouseholdMember]:
    """Add a person to the household."""
    scope = _scope(request)
    household = selectors.household_get(scope=scope, pk=household_id)
    data = resolve(payload.model_dump(), scope=scope)
    member = households.household_add_member(
        actor=request.user, scope=scope, household=household, **data
    )
    return Status(201, member)


@router.get("/clans/", response=responses({200: ClanPage}, READ_ERRORS))
def clan_list(request: HttpRequest, filters: Query[PlaceFilters]) -> KeysetPage:
    """Clans in scope, by name or code, with their number of households."""
    found = _filters(request, filters)
    return clan_page(scope=_scope(request), cursor=filters.cursor, size=filters.limit, **found)


@router.get("/clans/{int:clan_id}", response=responses({200: ClanOut}, DETAIL_ERRORS))
def clan_detail(request: HttpRequest, clan_id: int = PATH_ID) -> Clan:
    """One clan in scope."""
    return selectors.clan_get(scope=_scope(request), pk=clan_id)


@router.post("/clans/", response=responses({201: ClanOut}, WRITE_ERRORS))
def clan_create(request: HttpRequest, payload: ClanIn) -> Status[Clan]:
    """Create a clan."""
    scope = _scope(request)
    data = resolve(payload.model_dump(), scope=scope)
    return Status(201, clans.clan_create(actor=request.user, scope=scope, **data))


@router.patch("/clans/{int:clan_id}", response=responses({200: ClanOut}, WRITE_ERRORS))
def clan_update(request: HttpRequest, payload: ClanPatch, clan_id: int = PATH_ID) -> Clan:
    """Change the fields sent; the others stay."""
    scope = _scope(request)
    clan = selectors.clan_get(scope=scope, pk=clan_id)
    data = resolve(payload.model_dump(exclude_unset=True), scope=scope)
    return clans.clan_update(actor=request.user, scope=scope, clan=clan, data=data)


@router.get(
    "/clans/{int:clan_id}/households",
    response=responses({200: list[ClanHouseholdOut]}, DETAIL_ERRORS),
)
def clan_households(request: HttpRequest, clan_id: int = PATH_ID) -> list[ClanHousehold]:
    """The households of the clan, by name."""
    clan = selectors.clan_get(scope=_scope(request), pk=clan_id)
    return list(selectors.clan_households(clan=clan))


@router.post(
    "/clans/{int:clan_id}/households", response=responses({201: ClanHouseholdOut}, WRITE_ERRORS)
)
def clan_add_household(
    request: HttpRequest, payload: ClanHouseholdIn, clan_id: int = PATH_ID
) -> Status[ClanHousehold]:
    """Add a household to the clan."""
    scope = _scope(request)
    clan = selectors.clan_get(scope=scope, pk=clan_id)
    data = resolve(payload.model_dump(), scope=scope)
    return Status(201, clans.clan_add_household(actor=request.user, scope=scope, clan=clan, **data))
