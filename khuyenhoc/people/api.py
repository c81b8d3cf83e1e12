"""/api/v1/ persons, households and clans, inside the token's scope.

Reads go through the people selectors with the request's scope (out of scope is 404); ids named in a
body go through `lookups.resolve` (unknown is 400 on that field); writes go through the services.
"""

from typing import Any

from django.http import HttpRequest
from ninja import PatchDict, Query, Router, Status

from khuyenhoc.core.history import history_of
from khuyenhoc.core.models import Channel
from khuyenhoc.core.pagination import KeysetPage
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


@router.get("/persons/", response=PersonPage)
def person_list(request: HttpRequest, filters: Query[PersonFilters]) -> KeysetPage:
    """Persons in scope, by name; search by name without diacritics or by CCCD."""
    found = _filters(request, filters)
    found["gender"] = found["gender"] or ""
    return person_page(scope=_scope(request), cursor=filters.cursor, size=filters.limit, **found)


@router.get("/persons/{int:person_id}", response=PersonOut)
def person_detail(request: HttpRequest, person_id: int) -> Person:
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


@router.post("/persons/", response={201: PersonOut})
def person_create(request: HttpRequest, payload: PersonIn) -> Status[Person]:
    """Create a person under a node the token may change."""
    scope = _scope(request)
    data = resolve(payload.model_dump(), scope=scope)
    return Status(201, persons.person_create(actor=request.user, scope=scope, **data))


@router.patch("/persons/{int:person_id}", response=PersonOut)
def person_update(request: HttpRequest, person_id: int, payload: PatchDict[PersonIn]) -> Person:
    """Change the fields sent; the others stay."""
    scope = _scope(request)
    person = selectors.person_get(scope=scope, pk=person_id)
    data = resolve(payload, scope=scope)
    return persons.person_update(actor=request.user, scope=scope, person=person, data=data)


@router.get("/persons/{int:person_id}/history", response=list[HistoryOut])
def person_history(request: HttpRequest, person_id: int) -> list[dict[str, Any]]:
    """Who changed the person, when, and which fields (newest first)."""
    return history_of(selectors.person_get(scope=_scope(request), pk=person_id))


@router.get("/households/", response=HouseholdPage)
def household_list(request: HttpRequest, filters: Query[HouseholdFilters]) -> KeysetPage:
    """Households in scope, by name or code."""
    found = _filters(request, filters)
    return household_page(scope=_scope(request), cursor=filters.cursor, size=filters.limit, **found)


@router.get("/households/{int:household_id}", response=HouseholdOut)
def household_detail(request: HttpRequest, household_id: int) -> Household:
    """One household in scope."""
    return selectors.household_get(scope=_scope(request), pk=household_id)


@router.post("/households/", response={201: HouseholdOut})
def household_create(request: HttpRequest, payload: HouseholdIn) -> Status[Household]:
    """Create a household; a head, when given, becomes its first member."""
    scope = _scope(request)
    data = resolve(payload.model_dump(), scope=scope)
    return Status(201, households.household_create(actor=request.user, scope=scope, **data))


@router.patch("/households/{int:household_id}", response=HouseholdOut)
def household_update(request: HttpRequest, household_id: int, payload: HouseholdPatch) -> Household:
    """Change the fields sent; the others stay."""
    scope = _scope(request)
    household = selectors.household_get(scope=scope, pk=household_id)
    data = resolve(payload.model_dump(exclude_unset=True), scope=scope)
    return households.household_update(
        actor=request.user, scope=scope, household=household, data=data
    )


@router.get("/households/{int:household_id}/members", response=list[MemberOut])
def household_members(request: HttpRequest, household_id: int) -> list[HouseholdMember]:
    """Everyone who lives or lived in the household, current members first."""
    household = selectors.household_get(scope=_scope(request), pk=household_id)
    return list(selectors.household_members(household=household))


@router.post("/households/{int:household_id}/members", response={201: MemberOut})
def household_add_member(
    request: HttpRequest, household_id: int, payload: MemberIn
) -> Status[HouseholdMember]:
    """Add a person to the household."""
    scope = _scope(request)
    household = selectors.household_get(scope=scope, pk=household_id)
    data = resolve(payload.model_dump(), scope=scope)
    member = households.household_add_member(
        actor=request.user, scope=scope, household=household, **data
    )
    return Status(201, member)


@router.get("/clans/", response=ClanPage)
def clan_list(request: HttpRequest, filters: Query[PlaceFilters]) -> KeysetPage:
    """Clans in scope, by name or code, with their number of households."""
    found = _filters(request, filters)
    return clan_page(scope=_scope(request), cursor=filters.cursor, size=filters.limit, **found)


@router.get("/clans/{int:clan_id}", response=ClanOut)
def clan_detail(request: HttpRequest, clan_id: int) -> Clan:
    """One clan in scope."""
    return selectors.clan_get(scope=_scope(request), pk=clan_id)


@router.post("/clans/", response={201: ClanOut})
def clan_create(request: HttpRequest, payload: ClanIn) -> Status[Clan]:
    """Create a clan."""
    scope = _scope(request)
    data = resolve(payload.model_dump(), scope=scope)
    return Status(201, clans.clan_create(actor=request.user, scope=scope, **data))


@router.patch("/clans/{int:clan_id}", response=ClanOut)
def clan_update(request: HttpRequest, clan_id: int, payload: PatchDict[ClanIn]) -> Clan:
    """Change the fields sent; the others stay."""
    scope = _scope(request)
    clan = selectors.clan_get(scope=scope, pk=clan_id)
    data = resolve(payload, scope=scope)
    return clans.clan_update(actor=request.user, scope=scope, clan=clan, data=data)


@router.get("/clans/{int:clan_id}/households", response=list[ClanHouseholdOut])
def clan_households(request: HttpRequest, clan_id: int) -> list[ClanHousehold]:
    """The households of the clan, by name."""
    clan = selectors.clan_get(scope=_scope(request), pk=clan_id)
    return list(selectors.clan_households(clan=clan))


@router.post("/clans/{int:clan_id}/households", response={201: ClanHouseholdOut})
def clan_add_household(
    request: HttpRequest, clan_id: int, payload: ClanHouseholdIn
) -> Status[ClanHousehold]:
    """Add a household to the clan."""
    scope = _scope(request)
    clan = selectors.clan_get(scope=scope, pk=clan_id)
    data = resolve(payload.model_dump(), scope=scope)
    return Status(201, clans.clan_add_household(actor=request.user, scope=scope, clan=clan, **data))
