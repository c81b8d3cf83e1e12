"""Fixtures shared by the cross-app tests: a set of commune A's records that commune B must never see."""

from dataclasses import dataclass

import pytest

from khuyenhoc.people.services.clans import clan_add_household, clan_create
from khuyenhoc.people.services.households import household_add_member, household_create
from khuyenhoc.people.services.memberships import membership_create
from khuyenhoc.testing import factories as f

SECRET = "Hoàng Bí Mật"


@dataclass
class Secrets:
    node: int
    person: int
    household: int
    clan: int
    membership: int
    member: int
    link: int


@pytest.fixture
def secrets(world) -> Secrets:
    root = f.ROOT
    node = f.orgnode(parent=world.commune_a, kind="branch", code="HKH-A-CH1", name="Chi hội Bí Mật")
    person = f.person(world.commune_a, full_name=SECRET)
    household = household_create(
        actor=None, scope=root, org_node=world.commune_a, name=f"Gia đình {SECRET}"
    )
    member = household_add_member(
        actor=None, scope=root, household=household, person=person, relation="head"
    )
    clan = clan_create(actor=None, scope=root, org_node=world.commune_a, name="Họ Bí Mật")
    link = clan_add_household(actor=None, scope=root, clan=clan, household=household)
    membership = membership_create(
        actor=None, scope=root, person=person, org_node=node, kind="member"
    )
    return Secrets(node.pk, person.pk, household.pk, clan.pk, membership.pk, member.pk, link.pk)
