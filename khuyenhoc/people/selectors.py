"""Reads for persons, households, clans and memberships, always through the user's scope."""

from django.db.models import Count, Q, QuerySet

from khuyenhoc.core.errors import NotFoundError
from khuyenhoc.core.scope import Scope, prefix_q
from khuyenhoc.core.text import fold, whole_number
from khuyenhoc.orgs.models import OrgNode
from khuyenhoc.people.cccd import CccdError, parse_cccd
from khuyenhoc.people.models import (
    Clan,
    ClanHousehold,
    Household,
    HouseholdMember,
    Membership,
    Person,
)
from khuyenhoc.people.search import person_search
from khuyenhoc.places.models import AdminUnit


def person_list(
    *,
    scope: Scope,
    search: str = "",
    org_node: OrgNode | None = None,
    commune: AdminUnit | None = None,
    village: AdminUnit | None = None,
    gender: str = "",
) -> QuerySet[Person]:
    """Persons visible to `scope`, filtered by name/CCCD, organisation subtree, place and gender."""
    persons = Person.objects.in_scope(scope).select_related(
        "commune", "village", "org_node", "ethnicity"
    )
    if org_node is not None:
        persons = persons.filter(prefix_q("org_path", org_node.path))
    if commune is not None:
        persons = persons.filter(commune=commune)
    if village is not None:
        persons = persons.filter(village=village)
    if gender:
        persons = persons.filter(gender=gender)
    return person_search(persons, search)


def person_get(*, scope: Scope, pk: int) -> Person:
    """One person inside `scope`; missing and out-of-scope both raise NotFoundError."""
    person = person_list(scope=scope).filter(pk=pk).first()
    if person is None:
        raise NotFoundError("Person")
    return person


def person_households(*, scope: Scope, person: Person) -> QuerySet[HouseholdMember]:
    """The person's household links (current first), limited to households in scope."""
    return (
        HouseholdMember.objects.filter(person=person)
        .filter(scope.q("household__org_path"))
        .select_related("household")
        .order_by("left_on", "-id")
    )


def person_memberships(*, scope: Scope, person: Person) -> QuerySet[Membership]:
    """The person's memberships in organisations the user may see."""
    return (
        Membership.objects.in_scope(scope)
        .filter(person=person)
        .select_related("org_node", "org_node__system")
        .order_by("ended_on", "org_path")
    )


def household_list(
    *,
    scope: Scope,
    search: str = "",
    org_node: OrgNode | None = None,
    commune: AdminUnit | None = None,
    village: AdminUnit | None = None,
) -> QuerySet[Household]:
    """Households visible to `scope`, by name, subtree and place."""
    households = Household.objects.in_scope(scope).select_related(
        "head", "commune", "village", "org_node"
    )
    if org_node is not None:
        households = households.filter(prefix_q("org_path", org_node.path))
    if commune is not None:
        households = households.filter(commune=commune)
    if village is not None:
        households = households.filter(village=village)
    if search:
        key = fold(search)
        households = households.filter(Q(name_key__contains=key) | Q(code=search.strip().upper()))
    return households


def household_get(*, scope: Scope, pk: int) -> Household:
    """One household inside `scope`."""
    household = household_list(scope=scope).filter(pk=pk).first()
    if household is None:
        raise NotFoundError("Household")
    return household


def household_members(
    *, household: Household, current_only: bool = False
) -> QuerySet[HouseholdMember]:
    """Members of a household, head first, then by birth."""
    members = HouseholdMember.objects.filter(household=household).select_related("person")
    if current_only:
        members = members.filter(left_on__isnull=True)
    return members.order_by("left_on", "person__birth_year", "id")


def clan_list(
    *,
    scope: Scope,
    search: str = "",
    org_node: OrgNode | None = None,
    commune: AdminUnit | None = None,
) -> QuerySet[Clan]:
    """Clans visible to `scope`, with the number of member households."""
    clans = Clan.objects.in_scope(scope).select_related("head", "commune", "org_node")
    if org_node is not None:
        clans = clans.filter(prefix_q("org_path", org_node.path))
    if commune is not None:
        clans = clans.filter(commune=commune)
    if search:
        key = fold(search)
        clans = clans.filter(Q(name_key__contains=key) | Q(code=search.strip().upper()))
    return clans.annotate(household_count=Count("households"))


def clan_get(*, scope: Scope, pk: int) -> Clan:
    """One clan inside `scope`."""
    clan = clan_list(scope=scope).filter(pk=pk).first()
    if clan is None:
        raise NotFoundError("Clan")
    return clan


def clan_households(*, clan: Clan) -> QuerySet[ClanHousehold]:
    """The households of a clan, with their heads."""
    return (
        ClanHousehold.objects.filter(clan=clan)
        .select_related("household", "household__head", "household__village")
        .order_by("household__name_key", "id")
    )


def membership_list(*, scope: Scope, org_node: OrgNode, kind: str = "") -> QuerySet[Membership]:
    """Memberships in `org_node`'s subtree (current ones), with their persons."""
    memberships = (
        Membership.objects.in_scope(scope)
        .filter(prefix_q("org_path", org_node.path), ended_on__isnull=True)
        .select_related("person", "org_node")
    )
    if kind:
        memberships = memberships.filter(kind=kind)
    return memberships


def membership_get(*, scope: Scope, pk: int) -> Membership:
    """One membership inside `scope`."""
    row = (
        Membership.objects.in_scope(scope)
        .select_related("person", "org_node")
        .filter(pk=pk)
        .first()
    )
    if row is None:
        raise NotFoundError("Membership")
    return row


def householdmember_get(*, scope: Scope, pk: int) -> HouseholdMember:
    """One household member link inside `scope`."""
    row = (
        HouseholdMember.objects.filter(scope.q("household__org_path"))
        .select_related("household", "person")
        .filter(pk=pk)
        .first()
    )
    if row is None:
        raise NotFoundError("HouseholdMember")
    return row


def person_pick(*, scope: Scope, text: str) -> Person:
    """A person in scope named by CCCD (leading zero optional) or record number ("#123" or "123")."""
    text = text.strip().lstrip("#")
    persons = person_list(scope=scope)
    try:
        found = persons.filter(cccd=parse_cccd(text)).first()
    except CccdError:
        number = whole_number(text)
        found = persons.filter(pk=number).first() if number is not None else None
    if found is None:
        raise NotFoundError("Person")
    return found


def household_pick(*, scope: Scope, text: str) -> Household:
    """A household in scope named by its code or record number."""
    text = text.strip().lstrip("#")
    households = household_list(scope=scope)
    found = households.filter(code=text.upper()).first()
    number = whole_number(text)
    if found is None and number is not None:
        found = households.filter(pk=number).first()
    if found is None:
        raise NotFoundError("Household")
    return found


def household_clans(*, scope: Scope, household: Household) -> QuerySet[ClanHousehold]:
    """The clans a household belongs to, as far as the user may see them."""
    return (
        ClanHousehold.objects.filter(household=household)
        .filter(scope.q("clan__org_path"))
        .select_related("clan")
        .order_by("clan__name_key")
    )
