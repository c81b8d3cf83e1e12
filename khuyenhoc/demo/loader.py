"""A deterministic demo data set reproducing the organisations of the five seed programmes.

Everything is created through the real services, so the demo also exercises the write paths.
"""

import random
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction

from khuyenhoc.accounts.models import User
from khuyenhoc.accounts.services import citizen_account_open, user_create
from khuyenhoc.core import clock
from khuyenhoc.core.scope import Role, Scope, prefix_q
from khuyenhoc.demo.programmes import load_programmes
from khuyenhoc.funds.services.campaigns import campaign_open as fund_campaign_open
from khuyenhoc.funds.services.disbursements import disbursement_approve, disbursement_draft
from khuyenhoc.funds.services.donations import donation_create
from khuyenhoc.funds.services.funds import fund_open, sub_fund_open
from khuyenhoc.orgs.models import NodeKind, OrgNode, OrgSystem
from khuyenhoc.orgs.services import orgnode_create
from khuyenhoc.people.cccd import make_cccd
from khuyenhoc.people.models import Ethnicity, MembershipKind, Person, Relation
from khuyenhoc.people.services.clans import clan_add_household, clan_create
from khuyenhoc.people.services.households import household_add_member, household_create
from khuyenhoc.people.services.memberships import membership_create
from khuyenhoc.people.services.persons import person_create
from khuyenhoc.places.models import AdminUnit, Level
from khuyenhoc.places.services import village_create
from khuyenhoc.titles.models import Registration
from khuyenhoc.titles.rubric import load_rubric
from khuyenhoc.titles.services.assessments import assessment_submit
from khuyenhoc.titles.services.campaigns import campaign_open
from khuyenhoc.titles.services.registrations import registration_create_many

ADMIN_USERNAME = "admin"
CITIZEN_USERNAME = "congdan"  # a resident's own account (registers and assesses themself)
DEMO_PASSWORD = "KhuyenHoc@2025"  # noqa: S105  (printed by `make run`: a local demo account)
REFORM_EVE = date(2025, 6, 30)
ROOT = Scope.system()

# (system, code, parent code, kind, name, place: ("province"|"former_province"|"commune", code or name))
ORG_TREE: list[tuple[str, str, str | None, str, str, tuple[str, str] | None]] = [
    ("HKH", "HKH-TW", None, NodeKind.CENTRAL, "Hội Khuyến học Việt Nam", None),
    (
        "HKH",
        "HKH-79",
        "HKH-TW",
        NodeKind.PROVINCE,
        "Hội Khuyến học Thành phố Hồ Chí Minh",
        ("province", "79"),
    ),
    (
        "HKH",
        "HKH-77",
        "HKH-79",
        NodeKind.PROVINCE,
        "Hội Khuyến học tỉnh Bà Rịa – Vũng Tàu",
        ("former_province", "77"),
    ),
    (
        "HKH",
        "HKH-40",
        "HKH-TW",
        NodeKind.PROVINCE,
        "Hội Khuyến học tỉnh Nghệ An",
        ("province", "40"),
    ),
    (
        "HKH",
        "HKH-38",
        "HKH-TW",
        NodeKind.PROVINCE,
        "Hội Khuyến học tỉnh Thanh Hóa",
        ("province", "38"),
    ),
    (
        "HKH",
        "HKH-25",
        "HKH-TW",
        NodeKind.PROVINCE,
        "Hội Khuyến học tỉnh Phú Thọ",
        ("province", "25"),
    ),
    (
        "HKH",
        "HKH-17",
        "HKH-25",
        NodeKind.PROVINCE,
        "Hội Khuyến học tỉnh Hòa Bình",
        ("former_province", "17"),
    ),
    ("CD", "CD-TW", None, NodeKind.CENTRAL, "Tổng Liên đoàn Lao động Việt Nam", None),
    (
        "CD",
        "CD-79",
        "CD-TW",
        NodeKind.PROVINCE,
        "Liên đoàn Lao động Thành phố Hồ Chí Minh",
        ("province", "79"),
    ),
    (
        "CD",
        "CD-77",
        "CD-79",
        NodeKind.PROVINCE,
        "Liên đoàn Lao động tỉnh Bà Rịa – Vũng Tàu",
        ("former_province", "77"),
    ),
    (
        "CD",
        "CD-40",
        "CD-TW",
        NodeKind.PROVINCE,
        "Liên đoàn Lao động tỉnh Nghệ An",
        ("province", "40"),
    ),
    (
        "CD",
        "CD-38",
        "CD-TW",
        NodeKind.PROVINCE,
        "Liên đoàn Lao động tỉnh Thanh Hóa",
        ("province", "38"),
    ),
    (
        "CD",
        "CD-25",
        "CD-TW",
        NodeKind.PROVINCE,
        "Liên đoàn Lao động tỉnh Phú Thọ",
        ("province", "25"),
    ),
    (
        "CD",
        "CD-17",
        "CD-25",
        NodeKind.PROVINCE,
        "Liên đoàn Lao động tỉnh Hòa Bình",
        ("former_province", "17"),
    ),
    ("DTN", "DTN-TW", None, NodeKind.CENTRAL, "Trung ương Đoàn TNCS Hồ Chí Minh", None),
    (
        "DTN",
        "DTN-79",
        "DTN-TW",
        NodeKind.PROVINCE,
        "Thành Đoàn Thành phố Hồ Chí Minh",
        ("province", "79"),
    ),
    (
        "DTN",
        "DTN-77",
        "DTN-79",
        NodeKind.PROVINCE,
        "Tỉnh Đoàn Bà Rịa – Vũng Tàu",
        ("former_province", "77"),
    ),
    ("DTN", "DTN-38", "DTN-TW", NodeKind.PROVINCE, "Tỉnh Đoàn Thanh Hóa", ("province", "38")),
    ("LHPN", "LHPN-TW", None, NodeKind.CENTRAL, "Trung ương Hội Liên hiệp Phụ nữ Việt Nam", None),
    (
        "LHPN",
        "LHPN-79",
        "LHPN-TW",
        NodeKind.PROVINCE,
        "Hội Liên hiệp Phụ nữ Thành phố Hồ Chí Minh",
        ("province", "79"),
    ),
    (
        "LHPN",
        "LHPN-77",
        "LHPN-79",
        NodeKind.PROVINCE,
        "Hội Liên hiệp Phụ nữ tỉnh Bà Rịa – Vũng Tàu",
        ("former_province", "77"),
    ),
    (
        "LHPN",
        "LHPN-38",
        "LHPN-TW",
        NodeKind.PROVINCE,
        "Hội Liên hiệp Phụ nữ tỉnh Thanh Hóa",
        ("province", "38"),
    ),
    ("HND", "HND-TW", None, NodeKind.CENTRAL, "Trung ương Hội Nông dân Việt Nam", None),
    (
        "HND",
        "HND-79",
        "HND-TW",
        NodeKind.PROVINCE,
        "Hội Nông dân Thành phố Hồ Chí Minh",
        ("province", "79"),
    ),
    (
        "HND",
        "HND-77",
        "HND-79",
        NodeKind.PROVINCE,
        "Hội Nông dân tỉnh Bà Rịa – Vũng Tàu",
        ("former_province", "77"),
    ),
    (
        "HND",
        "HND-38",
        "HND-TW",
        NodeKind.PROVINCE,
        "Hội Nông dân tỉnh Thanh Hóa",
        ("province", "38"),
    ),
    ("CCB", "CCB-TW", None, NodeKind.CENTRAL, "Trung ương Hội Cựu chiến binh Việt Nam", None),
    (
        "CCB",
        "CCB-38",
        "CCB-TW",
        NodeKind.PROVINCE,
        "Hội Cựu chiến binh tỉnh Thanh Hóa",
        ("province", "38"),
    ),
    ("CTD", "CTD-TW", None, NodeKind.CENTRAL, "Trung ương Hội Chữ thập đỏ Việt Nam", None),
    (
        "CTD",
        "CTD-79",
        "CTD-TW",
        NodeKind.PROVINCE,
        "Hội Chữ thập đỏ Thành phố Hồ Chí Minh",
        ("province", "79"),
    ),
    (
        "CTD",
        "CTD-77",
        "CTD-79",
        NodeKind.PROVINCE,
        "Hội Chữ thập đỏ tỉnh Bà Rịa – Vũng Tàu",
        ("former_province", "77"),
    ),
    ("NCT", "NCT-TW", None, NodeKind.CENTRAL, "Trung ương Hội Người cao tuổi Việt Nam", None),
    (
        "NCT",
        "NCT-79",
        "NCT-TW",
        NodeKind.PROVINCE,
        "Hội Người cao tuổi Thành phố Hồ Chí Minh",
        ("province", "79"),
    ),
    (
        "NCT",
        "NCT-77",
        "NCT-79",
        NodeKind.PROVINCE,
        "Hội Người cao tuổi tỉnh Bà Rịa – Vũng Tàu",
        ("former_province", "77"),
    ),
    (
        "MTTQ",
        "MTTQ-TW",
        None,
        NodeKind.CENTRAL,
        "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam",
        None,
    ),
    (
        "MTTQ",
        "MTTQ-38",
        "MTTQ-TW",
        NodeKind.PROVINCE,
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Thanh Hóa",
        ("province", "38"),
    ),
    ("DU", "DU-TW", None, NodeKind.CENTRAL, "Đảng ủy Khối các cơ quan Trung ương", None),
    (
        "DU",
        "DU-79",
        None,
        NodeKind.PROVINCE,
        "Đảng ủy khối các cơ quan và doanh nghiệp Thành phố Hồ Chí Minh",
        ("province", "79"),
    ),
    (
        "DU",
        "DU-77",
        "DU-79",
        NodeKind.PROVINCE,
        "Đảng ủy khối Cơ quan và Doanh nghiệp tỉnh Bà Rịa – Vũng Tàu",
        ("former_province", "77"),
    ),
    (
        "CQNN",
        "CQNN-79",
        None,
        NodeKind.PROVINCE,
        "Ủy ban nhân dân Thành phố Hồ Chí Minh",
        ("province", "79"),
    ),
    (
        "CQNN",
        "CQNN-77-LDTBXH",
        "CQNN-79",
        NodeKind.DEPARTMENT,
        "Sở Lao động – Thương binh và Xã hội tỉnh Bà Rịa – Vũng Tàu",
        ("former_province", "77"),
    ),
]

# The communes where the demo keeps people: (province code, commune name, association node code, villages).
COMMUNES = [
    ("40", "Phường Thành Vinh", "HKH-40", ["Khối Yên Giang", "Khối Trung Hòa"]),
    ("38", "Phường Hạc Thành", "HKH-38", ["Tổ dân phố Ba Đình", "Tổ dân phố Đông Sơn"]),
    ("79", "Phường Vũng Tàu", "HKH-79", ["Khu phố 1", "Khu phố 2"]),
    ("25", "Phường Hòa Bình", "HKH-25", ["Tổ dân phố Phương Lâm", "Tổ dân phố Đồng Tiến"]),
]
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


@dataclass
class DemoResult:
    created: bool
    persons: int = 0


def demo_exists() -> bool:
    """Whether the demo set has already been loaded (so `make run` reuses it)."""
    return OrgNode.objects.filter(code="HKH-TW").exists()


@transaction.atomic
def load_demo() -> DemoResult:
    """Create the demo organisations, places, people and accounts (idempotent: a second call does nothing)."""
    if demo_exists():
        return DemoResult(created=False)
    admin = _account(ADMIN_USERNAME, None, [Role.SYSTEM_ADMIN], "Quản trị hệ thống")
    nodes = _org_tree(admin)
    rng = random.Random(20230908)  # the signing day of the Bà Rịa–Vũng Tàu programme  # noqa: S311  (deterministic demo data, not secrets)
    persons = 0
    for index, (province, commune_name, parent_code, villages) in enumerate(COMMUNES):
        persons += _commune(admin, rng, nodes, index, province, commune_name, parent_code, villages)
    _account("nghean", nodes["HKH-40"], [Role.ORG_ADMIN], "Văn phòng Hội Khuyến học tỉnh Nghệ An")
    _account(
        "thanhvinh", nodes["HKH-40-C1"], [Role.CLERK], "Cán bộ Hội Khuyến học phường Thành Vinh"
    )
    _account("hoabinh", nodes["HKH-25-C4"], [Role.CLERK], "Cán bộ Hội Khuyến học phường Hòa Bình")
    # One account for each role that signs off (docs/glossary.md): Thành Vinh's accountant and its
    # chairman, who approves payments and signs decisions, and the province's evaluator.
    _account(
        "ketoan", nodes["HKH-40-C1"], [Role.ACCOUNTANT], "Kế toán Hội Khuyến học phường Thành Vinh"
    )
    _account(
        "pheduyet", nodes["HKH-40-C1"], [Role.APPROVER], "Chủ tịch Hội Khuyến học phường Thành Vinh"
    )
    _account(
        "thamdinh",
        nodes["HKH-40"],
        [Role.EVALUATOR],
        "Cán bộ thẩm định Hội Khuyến học tỉnh Nghệ An",
    )
    _learning_citizens(admin, nodes["HKH-40"], nodes["HKH-40-C1"], rng)
    _funds(admin, nodes, rng)
    load_programmes(admin, nodes)  # after _funds: indicators read its campaigns and payments
    return DemoResult(created=True, persons=persons)


def _funds(admin: User, nodes: dict[str, OrgNode], rng: random.Random) -> None:
    """Thanh Hóa's one day's salary and piggy bank (seed 003), and Hòa Bình's scholarships and bicycles
    for workers' children (seed 004), on funds whose accounts are public."""
    today = clock.today()
    year = today.year

    def day(month: int, number: int) -> date:  # never in the future, whenever the demo is loaded
        return min(date(year, month, number), today)

    thanh_hoa = fund_open(
        actor=admin, scope=ROOT, org_node=nodes["HKH-38"], code="QKH-THANHHOA",
        name="Quỹ khuyến học, khuyến tài tỉnh Thanh Hóa", is_public=True, bank_bin="970418",
        bank_account="1234567890", bank_account_name="HOI KHUYEN HOC TINH THANH HOA",
    )  # fmt: skip
    salary = fund_campaign_open(
        actor=admin, scope=ROOT, fund=thanh_hoa, name=f"Một ngày lương năm {year}",
        purpose="one_day_salary", starts_on=date(year, 1, 1), ends_on=date(year, 12, 31),
        members_of=nodes["HKH-38-C2"],
    )  # fmt: skip
    piggy = fund_campaign_open(
        actor=admin, scope=ROOT, fund=thanh_hoa, name=f"Ống tiết kiệm khuyến học năm {year}",
        purpose="piggy_bank", starts_on=date(year, 1, 1), ends_on=date(year, 12, 31),
        members_of=nodes["HKH-38-C2"], monthly_amount=10_000,
    )  # fmt: skip
    members = list(
        Person.objects.filter(prefix_q("org_path", nodes["HKH-38-C2"].path)).order_by("id")
    )
    for person in members[: len(members) * 2 // 3]:
        donation_create(
            actor=admin, scope=ROOT, fund=thanh_hoa, amount=rng.choice([250, 300, 350, 420]) * 1000,
            method="cash", donor_kind="person", person=person, purpose="one_day_salary",
            campaign=salary, received_on=day(3, 5), named_publicly=True,
        )  # fmt: skip
        donation_create(
            actor=admin, scope=ROOT, fund=thanh_hoa, amount=30_000, method="cash",
            donor_kind="person", person=person, purpose="piggy_bank", campaign=piggy,
            received_on=day(3, 31),
        )  # fmt: skip
    hoa_binh = fund_open(
        actor=admin, scope=ROOT, org_node=nodes["HKH-25-C4"], code="QKH-HOABINH",
        name="Quỹ khuyến học phường Hòa Bình", is_public=True,
    )  # fmt: skip
    bikes = sub_fund_open(
        actor=admin, scope=ROOT, fund=hoa_binh, code="HB-CN",
        name="Học bổng và xe đạp cho con công nhân", purpose="Chương trình phối hợp LĐLĐ – Hội Khuyến học",
    )  # fmt: skip
    donation_create(
        actor=admin, scope=ROOT, fund=hoa_binh, amount=270_000_000, method="transfer",
        donor_kind="organisation", donor_name="Liên đoàn Lao động tỉnh Hòa Bình", sub_fund=bikes,
        received_on=day(5, 20), named_publicly=True,
    )  # fmt: skip
    children = Person.objects.filter(prefix_q("org_path", nodes["HKH-25-C4"].path)).order_by("id")[
        :10
    ]
    for child in children:
        draft = disbursement_draft(
            actor=None, scope=ROOT, fund=hoa_binh, amount=2_700_000, method="cash",
            purpose="scholarship", beneficiary_kind="person", person=child, sub_fund=bikes,
            decision_ref=f"Quyết định trao học bổng năm {year}",
        )  # fmt: skip
        disbursement_approve(actor=admin, scope=ROOT, disbursement=draft, paid_on=day(6, 1))


def _learning_citizens(
    admin: User, province: OrgNode, commune: OrgNode, rng: random.Random
) -> None:
    """This year's learning-citizen campaign of the Nghệ An Association: Thành Vinh's residents are
    registered, most have assessed themselves (a few below the bar, to show the explanations); one
    resident, with the citizen account `congdan`, is left to register and assess themself."""
    year = clock.today().year
    campaign = campaign_open(
        actor=admin, scope=ROOT, title="citizen", year=year, org_node=province,
        name=f"Công dân học tập năm {year} — tỉnh Nghệ An",
        registration_until=date(year, 12, 31), self_assessment_until=date(year + 1, 3, 31),
        verification_until=date(year + 1, 5, 31), decision_until=date(year + 1, 6, 30),
    )  # fmt: skip
    people = list(Person.objects.filter(prefix_q("org_path", commune.path)).order_by("id"))
    registration_create_many(
        actor=admin, scope=ROOT, campaign=campaign, subjects=people[:-1],
        subject_group="Người dân cư trú trên địa bàn xã",
    )  # fmt: skip
    citizen_account_open(
        actor=admin,
        scope=ROOT,
        person=people[-1],
        username=CITIZEN_USERNAME,
        password=DEMO_PASSWORD,
    )

    registrations = Registration.objects.filter(campaign=campaign).order_by("id")[:12]
    codes = [c.code for c in load_rubric(registrations[0].criteria_set).criteria]
    for reg in registrations:
        scores = {code: rng.choice([7, 8, 8, 9, 9, 10]) for code in codes}
        if reg.pk % 5 == 0:
            scores["2.2"] = 4  # a foreign-language indicator below the minimum of 5
        assessment_submit(actor=admin, scope=ROOT, registration=reg, scores=scores)


def _account(username: str, node: OrgNode | None, roles: list[str], full_name: str) -> User:
    return user_create(
        actor=None, scope=ROOT, username=username, password=DEMO_PASSWORD, org_node=node,
        roles=roles, full_name=full_name,
    )  # fmt: skip


def _place(spec: tuple[str, str] | None) -> AdminUnit | None:
    if spec is None:
        return None
    level, code = spec
    return AdminUnit.objects.get(level=level, code=code)


def _org_tree(admin: User) -> dict[str, OrgNode]:
    systems = {s.code: s for s in OrgSystem.objects.all()}
    nodes: dict[str, OrgNode] = {}
    for system, code, parent, kind, name, place in ORG_TREE:
        place_unit = _place(place)
        until = REFORM_EVE if place_unit is not None and not place_unit.is_current else None
        nodes[code] = orgnode_create(
            actor=admin,
            scope=ROOT,
            system=systems[system],
            parent=nodes.get(parent) if parent else None,
            kind=kind,
            code=code,
            name=name,
            place=place_unit,
            valid_until=until,
        )
    return nodes


def _commune(
    admin: User,
    rng: random.Random,
    nodes: dict[str, OrgNode],
    index: int,
    province: str,
    commune_name: str,
    parent_code: str,
    village_names: list[str],
) -> int:
    commune = AdminUnit.objects.filter(
        level=Level.COMMUNE, province_code=province, name=commune_name
    ).first()
    commune = (
        commune
        or AdminUnit.objects.filter(level=Level.COMMUNE, province_code=province).order_by("code")[0]
    )
    parent = nodes[parent_code]
    short = commune.name.replace("Phường ", "phường ").replace("Xã ", "xã ")
    node = _node(
        admin,
        parent,
        f"{parent_code}-C{index + 1}",
        NodeKind.COMMUNE,
        f"Hội Khuyến học {short}",
        commune,
    )
    nodes[node.code] = node
    villages = [
        village_create(actor=admin, scope=ROOT, commune=commune, name=v, division_type="tổ dân phố")
        for v in village_names
    ]
    branches = [
        _node(
            admin,
            node,
            f"{node.code}-CH{i + 1}",
            NodeKind.BRANCH,
            f"Chi hội khuyến học {v.name}",
            v,
        )
        for i, v in enumerate(villages)
    ]
    school = _node(
        admin,
        node,
        f"{node.code}-TH",
        NodeKind.SCHOOL,
        f"Ban khuyến học Trường THCS {commune.name.split(' ', 1)[1]}",
        commune,
    )
    count = 0
    for h in range(12):
        village_index = h % len(villages)
        count += _household(
            admin,
            rng,
            commune,
            villages[village_index],
            branches[village_index],
            school,
            province,
            h,
        )
    return count


def _node(
    admin: User, parent: OrgNode, code: str, kind: str, name: str, place: AdminUnit
) -> OrgNode:
    return orgnode_create(
        actor=admin,
        scope=ROOT,
        system=parent.system,
        parent=parent,
        kind=kind,
        code=code,
        name=name,
        place=place,
    )


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
