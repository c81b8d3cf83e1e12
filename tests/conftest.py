"""Fixtures shared by the cross-app tests: a set of commune A's records that commune B must never see."""

from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from khuyenhoc.core import clock
from khuyenhoc.funds.services.campaigns import campaign_open as fund_campaign_open
from khuyenhoc.funds.services.campaigns import pledge_create
from khuyenhoc.funds.services.disbursements import disbursement_approve, disbursement_draft
from khuyenhoc.funds.services.donations import donation_create
from khuyenhoc.funds.services.funds import fund_open
from khuyenhoc.funds.services.transfers import transfer_request_create
from khuyenhoc.people.services.clans import clan_add_household, clan_create
from khuyenhoc.people.services.households import household_add_member, household_create
from khuyenhoc.people.services.memberships import membership_create
from khuyenhoc.programmes.services.activities import activity_log
from khuyenhoc.programmes.services.programmes import content_add, document_attach, programme_create
from khuyenhoc.programmes.services.reporting import (
    period_open,
    reported_value_set,
    submission_submit,
)
from khuyenhoc.programmes.services.targets import indicator_add, target_set
from khuyenhoc.testing import factories as f
from khuyenhoc.titles.services.assessments import assessment_submit, assessment_verify
from khuyenhoc.titles.services.campaigns import campaign_open
from khuyenhoc.titles.services.decisions import decision_issue
from khuyenhoc.titles.services.evidence import evidence_attach
from khuyenhoc.titles.services.registrations import registration_create

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
    campaign: int
    registration: int
    decision: int
    evidence: int
    line: int
    funds: "FundSecrets"
    programmes: "ProgrammeSecrets"


@dataclass
class FundSecrets:
    fund: int
    donation: int
    payment: int
    campaign: int
    pledge: int
    transfer: int


def fund_secrets(world, person) -> FundSecrets:
    """A fund of commune A with a named donor, a paid scholarship, a campaign, a pledge, a transfer."""
    root, today = f.ROOT, clock.today()
    fund = fund_open(actor=None, scope=root, org_node=world.commune_a, code="QBIMAT",
                     name="Quỹ Bí Mật", bank_bin="970436", bank_account="0011001234567")  # fmt: skip
    gift = donation_create(actor=None, scope=root, fund=fund, amount=5_000_000, method="cash",
                           donor_kind="person", person=person, named_publicly=True)  # fmt: skip
    draft = disbursement_draft(actor=None, scope=root, fund=fund, amount=1_000_000, method="cash",
                               purpose="scholarship", beneficiary_kind="person", person=person)  # fmt: skip
    payment = disbursement_approve(actor=None, scope=root, disbursement=draft)
    campaign = fund_campaign_open(actor=None, scope=root, fund=fund, name="Một ngày lương Bí Mật",
                             purpose="one_day_salary", starts_on=today, ends_on=today,
                             members_of=world.commune_a)  # fmt: skip
    pledge = pledge_create(actor=None, scope=root, fund=fund, donor_kind="person", person=person,
                           total=1_200_000, instalments=12, first_due_on=today)  # fmt: skip
    transfer = transfer_request_create(actor=None, scope=root, fund=fund, amount=300_000,
                                       donor_kind="person", person=person, donor_name=SECRET)  # fmt: skip
    return FundSecrets(fund.pk, gift.pk, payment.pk, campaign.pk, pledge.pk, transfer.pk)


@dataclass
class ProgrammeSecrets:
    programme: int
    indicator: int
    target: int
    period: int
    submission: int
    document: int
    activity: int
    reported: int
    node: int  # commune A's node, for the drill-down from it


def programme_secrets(world) -> ProgrammeSecrets:
    """A programme of commune A alone ("Bí Mật"), with its targets, figures, files and a report."""
    root, today = f.ROOT, clock.today()
    programme = programme_create(
        actor=None, scope=root, code="CTPH-BIMAT", title="Chương trình Bí Mật", signed_on=today,
        starts_year=today.year, ends_year=today.year + 2, parties=[world.commune_a],
    )  # fmt: skip
    content = content_add(
        actor=None, scope=root, programme=programme, number=1, text="Nội dung Bí Mật"
    )
    share = indicator_add(actor=None, scope=root, programme=programme, code="BM1", unit="percent",
                          name="Tỷ lệ Bí Mật", source="registered", title="citizen", content=content)  # fmt: skip
    told = indicator_add(actor=None, scope=root, programme=programme, code="BM2", unit="count",
                         name="Số Bí Mật", source="reported")  # fmt: skip
    target = target_set(actor=None, scope=root, indicator=share, year=today.year, value="90",
                        org_node=world.commune_a, base=10)  # fmt: skip
    reported = reported_value_set(
        actor=None, scope=root, indicator=told, year=today.year, org_node=world.commune_a, value=7,
        evidence=SimpleUploadedFile("Bí Mật.pdf", b"%PDF-1.4 Bi Mat"),
    )  # fmt: skip
    activity = activity_log(
        actor=None, scope=root, programme=programme, org_node=world.commune_a, happened_on=today,
        summary="Hoạt động Bí Mật", attachment=SimpleUploadedFile("Bí Mật.pdf", b"%PDF-1.4 Bi Mat"),
    )  # fmt: skip
    document = document_attach(actor=None, scope=root, programme=programme, name="Văn bản Bí Mật",
                               upload=SimpleUploadedFile("ky.pdf", b"%PDF-1.4 Bi Mat"))  # fmt: skip
    period = period_open(actor=None, scope=root, programme=programme, kind="yearly",
                         name="Năm Bí Mật", year_from=today.year, year_to=today.year, due_on=today)  # fmt: skip
    submission = submission_submit(actor=None, scope=root, period=period, org_node=world.commune_a,
                                   note="Báo cáo Bí Mật")  # fmt: skip
    return ProgrammeSecrets(
        programme.pk, share.pk, target.pk, period.pk, submission.pk, document.pk, activity.pk,
        reported.pk, world.commune_a.pk,
    )  # fmt: skip


@pytest.fixture
def secrets(world, settings, tmp_path) -> Secrets:
    settings.MEDIA_ROOT = tmp_path / "media"
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
    campaign = campaign_open(
        actor=None, scope=root, title="citizen", year=clock.today().year, org_node=world.commune_a,
        registration_until=clock.today(), self_assessment_until=clock.today(),
        verification_until=clock.today(), decision_until=clock.today(),
    )  # fmt: skip
    registration = registration_create(
        actor=None, scope=root, campaign=campaign, subject=person,
        subject_group="Người dân cư trú trên địa bàn xã",
    )  # fmt: skip
    scores = dict.fromkeys(
        [f"{g}.{i}" for g, n in ((1, 4), (2, 4), (3, 2)) for i in range(1, n + 1)], 9
    )
    assessment_submit(actor=None, scope=root, registration=registration, scores=scores)
    evidence = evidence_attach(
        actor=None, scope=root, registration=registration, criterion_code="1.1",
        upload=SimpleUploadedFile("Bí Mật.pdf", b"%PDF-1.4 Bi Mat"),
    )  # fmt: skip
    assessment_verify(
        actor=None, scope=root, registration=registration, scores=scores, verdict="accepted"
    )
    decision = decision_issue(
        actor=None, scope=root, issuer=world.commune_a, registrations=[registration],
        number="1/QĐ-BIMAT", signed_on=clock.today(), signer="Bí Mật", signer_title="Chủ tịch",
    )  # fmt: skip
    return Secrets(
        node.pk, person.pk, household.pk, clan.pk, membership.pk, member.pk, link.pk,
        campaign.pk, registration.pk, decision.pk, evidence.pk, decision.lines.get().pk,
        fund_secrets(world, person), programme_secrets(world),
    )  # fmt: skip


@dataclass
class Side:
    """One commune's records, named the way a form or an API body names them (codes or ids as text)."""

    node_code: str
    node: int
    commune_code: str
    commune: int
    person: int  # a person already in the household below
    person2: int  # a person in no household yet
    household: int
    household2: int  # a household in no clan yet
    clan: int
    fund: int
    programme: int
    content: int
    indicator: int  # a reported indicator
    period: int
    campaign: int  # the year's learning-citizen campaign
    registration: int  # verified, waiting for its decision

    def refs(self) -> dict[str, str]:
        return {k: str(v) for k, v in self.__dict__.items()}


def side_records(world, node, tag: str) -> Side:
    """The same set of records for commune A or B: what the write walk of test_scoping names."""
    root, today = f.ROOT, clock.today()
    person = f.person(node, full_name=f"Người {tag}")
    person2 = f.person(node, full_name=f"Người thứ hai {tag}")
    household = household_create(actor=None, scope=root, org_node=node, name=f"Gia đình {tag}")
    household_add_member(
        actor=None, scope=root, household=household, person=person, relation="head"
    )
    household2 = household_create(actor=None, scope=root, org_node=node, name=f"Gia đình 2 {tag}")
    clan = clan_create(actor=None, scope=root, org_node=node, name=f"Họ {tag}")
    fund = fund_open(actor=None, scope=root, org_node=node, code=f"QW{tag}", name=f"Quỹ {tag}",
                     bank_bin="970436", bank_account=f"00110012345{len(tag)}{ord(tag)}")  # fmt: skip
    programme = programme_create(
        actor=None, scope=root, code=f"CTPH-W{tag}", title=f"Chương trình {tag}", signed_on=today,
        starts_year=today.year, ends_year=today.year + 2, parties=[node],
    )  # fmt: skip
    content = content_add(actor=None, scope=root, programme=programme, number=1, text="Nội dung")
    indicator = indicator_add(actor=None, scope=root, programme=programme, code="W1",
                              unit="count", name="Số buổi", source="reported")  # fmt: skip
    period = period_open(actor=None, scope=root, programme=programme, kind="yearly", name="Năm",
                         year_from=today.year, year_to=today.year, due_on=today)  # fmt: skip
    campaign = campaign_open(
        actor=None, scope=root, title="citizen", year=today.year, org_node=node,
        name=f"Đợt {tag}", registration_until=today, self_assessment_until=today,
        verification_until=today, decision_until=today,
    )  # fmt: skip
    registration = registration_create(
        actor=None, scope=root, campaign=campaign, subject=person,
        subject_group="Người dân cư trú trên địa bàn xã",
    )  # fmt: skip
    scores = dict.fromkeys(f.CITIZEN_CODES, 9)
    assessment_submit(actor=None, scope=root, registration=registration, scores=scores)
    assessment_verify(
        actor=None, scope=root, registration=registration, scores=scores, verdict="accepted"
    )
    return Side(
        node.code, node.pk, node.place.code, node.place.pk, person.pk, person2.pk, household.pk,
        household2.pk, clan.pk, fund.pk, programme.pk, content.pk, indicator.pk, period.pk, campaign.pk,
        registration.pk,
    )  # fmt: skip


@dataclass
class Sides:
    a: Side
    b: Side


@pytest.fixture
def sides(world, settings, tmp_path) -> Sides:
    """Commune A's and commune B's records side by side, for the write walks."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return Sides(
        side_records(world, world.commune_a, "A"), side_records(world, world.commune_b, "B")
    )
