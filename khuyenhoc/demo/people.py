"""The demo's residents: households of parents and children in each demo commune, with their
memberships and clans."""

import random
from datetime import date
from typing import Any

from khuyenhoc.accounts.models import User
from khuyenhoc.demo.accounts import ROOT
from khuyenhoc.demo.places_orgs import CommuneUnits
from khuyenhoc.orgs.models import OrgNode
from khuyenhoc.people.cccd import make_cccd
from khuyenhoc.people.models import Ethnicity, MembershipKind, Relation
from khuyenhoc.people.services.clans import clan_add_household, clan_create
from khuyenhoc.people.services.households import household_add_member, household_create
from khuyenhoc.people.services.memberships import membership_create
from khuyenhoc.people.services.persons import person_create
from khuyenhoc.places.models import AdminUnit

FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
]
MIDDLE_MALE = ["Văn", "Đức", "Minh", "Hữu", "Quang", "Thanh", "Công", "Đình"]
MIDDLE_FEMALE = ["Thị", "Ngọc", "Thu", "Thanh", "Minh", "Hồng", "Kim"]
GIVEN_MALE = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Hải",
    "Hùng",
    "Khánh",
    "Long",
    "Nam",
    "Phong",
    "Quân",
    "Sơn",
    "Tuấn",
    "Việt",
]
GIVEN_FEMALE = [
    "Anh",
    "Bích",
    "Chi",
    "Dung",
    "Hà",
    "Hạnh",
    "Hoa",
    "Lan",
    "Linh",
    "Mai",
    "Nga",
    "Phương",
    "Thảo",
    "Yến",
]


def load_households(admin: User, rng: random.Random, units: CommuneUnits, province: str) -> int:
    """Create twelve households spread over the commune's villages; return how many people."""
    count = 0
    for h in range(12):
        village_index = h % len(units.villages)
        count += _household(
            admin,
            rng,
            units.commune,
            units.villages[village_index],
            units.branches[village_index],
            units.school,
            province,
            h,
        )
    return count


def _household(
    admin: User,
    rng: random.Random,
    commune: AdminUnit,
    village: AdminUnit,
    branch: OrgNode,
    school: OrgNode,
    province: str,
    number: int,
) -> int:
    family = rng.choice(FAMILY)
    members = [
        _person(
            admin, rng, branch, commune, village, province, family, "male", rng.randint(1960, 1985)
        )
    ]
    members.append(
        _person(
            admin,
            rng,
            branch,
            commune,
            village,
            province,
            rng.choice(FAMILY),
            "female",
            members[0].birth_year + rng.randint(-3, 4),
        )
    )
    for _ in range(rng.randint(0, 3)):
        members.append(
            _person(
                admin,
                rng,
                branch,
                commune,
                village,
                province,
                family,
                rng.choice(["male", "female"]),
                rng.randint(2005, 2018),
            )
        )
    head = members[0]
    household = household_create(
        actor=admin,
        scope=ROOT,
        org_node=branch,
        name=f"Gia đình ông {head.full_name}",
        code=f"GD-{branch.code}-{number + 1:03d}",
        commune=commune,
        village=village,
        head=head,
    )
    relations = [Relation.SPOUSE] + [Relation.CHILD] * (len(members) - 2)
    for person, relation in zip(members[1:], relations, strict=True):
        household_add_member(
            actor=admin, scope=ROOT, household=household, person=person, relation=relation
        )
    for adult in members[:2]:
        membership_create(
            actor=admin,
            scope=ROOT,
            person=adult,
            org_node=branch,
            kind=MembershipKind.MEMBER,
            started_on=date(2020, 1, 1),
        )
    for child in members[2:]:
        if child.birth_year >= 2010:
            membership_create(
                actor=admin,
                scope=ROOT,
                person=child,
                org_node=school,
                kind=MembershipKind.MEMBER,
                role="Học sinh",
            )
    _clan(admin, branch, commune, family, household)
    return len(members)


_serial = iter(range(1, 10**6))


def _person(
    admin: User,
    rng: random.Random,
    branch: OrgNode,
    commune: AdminUnit,
    village: AdminUnit,
    province: str,
    family: str,
    gender: str,
    year: int,
) -> Any:
    middle = rng.choice(MIDDLE_MALE if gender == "male" else MIDDLE_FEMALE)
    given = rng.choice(GIVEN_MALE if gender == "male" else GIVEN_FEMALE)
    birth_province = f"0{province}" if province != "79" else "077"
    return person_create(
        actor=admin,
        scope=ROOT,
        org_node=branch,
        full_name=f"{family} {middle} {given}",
        gender=gender,
        birth_year=year,
        cccd=make_cccd(
            province=birth_province, gender=gender, birth_year=year, serial=next(_serial)
        ),
        ethnicity=Ethnicity.objects.get(code="01"),
        commune=commune,
        village=village,
    )


def _clan(admin: User, branch: OrgNode, commune: AdminUnit, family: str, household: Any) -> None:
    from khuyenhoc.people.models import Clan

    clan = Clan.objects.filter(org_node=branch, name=f"Họ {family}").first()
    if clan is None:
        clan = clan_create(
            actor=admin, scope=ROOT, org_node=branch, name=f"Họ {family}", commune=commune
        )
    clan_add_household(actor=admin, scope=ROOT, clan=clan, household=household)
