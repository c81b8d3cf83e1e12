"""The demo's funds: Thanh Hóa's collections among members and Hòa Bình's scholarships."""

import random
from datetime import date

from khuyenhoc.accounts.models import User
from khuyenhoc.core import clock
from khuyenhoc.core.middleware import scope_for_user
from khuyenhoc.core.scope import prefix_q
from khuyenhoc.demo.accounts import ROOT
from khuyenhoc.funds.services.campaigns import campaign_open as fund_campaign_open
from khuyenhoc.funds.services.disbursements import disbursement_approve, disbursement_draft
from khuyenhoc.funds.services.donations import donation_create
from khuyenhoc.funds.services.funds import fund_open, sub_fund_open
from khuyenhoc.orgs.models import NodeKind, OrgNode
from khuyenhoc.people.models import Membership, MembershipKind, Person
from khuyenhoc.people.services.memberships import membership_create


def load_funds(admin: User, nodes: dict[str, OrgNode], rng: random.Random) -> None:
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
    association = nodes["HKH-38-C2"]
    branch = OrgNode.objects.under(association).filter(kind=NodeKind.BRANCH).order_by("code")[0]
    adults = list(
        Person.objects.filter(
            pk__in=Membership.objects.filter(
                prefix_q("org_path", association.path), org_node__kind=NodeKind.BRANCH,
                kind=MembershipKind.MEMBER,
            ).values("person_id")
        ).order_by("id")
    )  # fmt: skip
    cadres = adults[::3]  # the association's cadres, who give a day's salary
    for person in cadres:
        membership_create(
            actor=admin, scope=ROOT, person=person, org_node=association,
            kind=MembershipKind.CADRE, role="Cán bộ Hội", started_on=date(2020, 1, 1),
        )  # fmt: skip
    salary = fund_campaign_open(
        actor=admin, scope=ROOT, fund=thanh_hoa, name=f"Một ngày lương năm {year}",
        purpose="one_day_salary", starts_on=date(year, 1, 1), ends_on=date(year, 12, 31),
        members_of=association,
    )  # fmt: skip
    piggy = fund_campaign_open(
        actor=admin, scope=ROOT, fund=thanh_hoa,
        name=f"Ống tiết kiệm khuyến học năm {year} — {branch.name}", purpose="piggy_bank",
        starts_on=date(year, 1, 1), ends_on=date(year, 12, 31), members_of=branch,
        monthly_amount=10_000,
    )  # fmt: skip
    for person in cadres[: len(cadres) * 2 // 3]:
        donation_create(
            actor=admin, scope=ROOT, fund=thanh_hoa, amount=rng.choice([250, 300, 350, 420]) * 1000,
            method="cash", donor_kind="person", person=person, purpose="one_day_salary",
            campaign=salary, received_on=day(3, 5), named_publicly=True,
        )  # fmt: skip
    savers = [p for p in adults if p.org_path.startswith(branch.path)]
    for person in savers[: len(savers) * 2 // 3]:
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


def load_ward_fund(nodes: dict[str, OrgNode]) -> None:
    """Thành Vinh's fund, kept by its accountant: a gift recorded and a scholarship drafted by
    'ketoan', waiting for the chairman 'pheduyet' to approve it (maker-checker)."""
    accountant = User.objects.get(username="ketoan")
    scope = scope_for_user(accountant)
    fund = fund_open(
        actor=accountant, scope=scope, org_node=nodes["HKH-40-C1"], code="QKH-THANHVINH",
        name="Quỹ khuyến học phường Thành Vinh",
    )  # fmt: skip
    donation_create(
        actor=accountant, scope=scope, fund=fund, amount=15_000_000, method="transfer",
        donor_kind="business", donor_name="Công ty Cổ phần Sách và Thiết bị trường học Nghệ An",
        received_on=clock.today(), named_publicly=True,
    )  # fmt: skip
    pupil = Person.objects.filter(prefix_q("org_path", nodes["HKH-40-C1"].path)).order_by("id")[0]
    disbursement_draft(
        actor=accountant, scope=scope, fund=fund, amount=2_000_000, method="cash",
        purpose="scholarship", beneficiary_kind="person", person=pupil,
        decision_ref="Quyết định trao học bổng của Hội Khuyến học phường Thành Vinh",
    )  # fmt: skip
