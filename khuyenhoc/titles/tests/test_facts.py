"""Units, families and clans are assessed with the figures their members' records give."""

from datetime import timedelta

from django.urls import reverse

from khuyenhoc.core import clock
from khuyenhoc.testing import factories as f
from khuyenhoc.titles.facts import subject_facts
from khuyenhoc.titles.models import Registration
from khuyenhoc.titles.rubric import load_rubric
from khuyenhoc.titles.services.assessments import assessment_submit, assessment_verify
from khuyenhoc.titles.services.campaigns import campaign_open
from khuyenhoc.titles.services.decisions import decision_issue
from khuyenhoc.titles.services.registrations import registration_create

ROOT = f.ROOT
GROUP = "Người dân cư trú trên địa bàn xã"
CODES = [f"{g}.{i}" for g, n in ((1, 4), (2, 4), (3, 2)) for i in range(1, n + 1)]


def _campaign(title, node):
    today = clock.today()
    return campaign_open(
        actor=None, scope=ROOT, title=title, year=today.year, org_node=node,
        registration_until=today, self_assessment_until=today,
        verification_until=today + timedelta(days=1), decision_until=today + timedelta(days=2),
    )  # fmt: skip


def _recognised_citizens(world, persons):
    campaign = _campaign("citizen", world.commune_a)
    regs = []
    for person in persons:
        reg = registration_create(
            actor=None, scope=ROOT, campaign=campaign, subject=person, subject_group=GROUP
        )
        scores = dict.fromkeys(CODES, 9)
        assessment_submit(actor=None, scope=ROOT, registration=reg, scores=scores)
        assessment_verify(
            actor=None, scope=ROOT, registration=reg, scores=scores, verdict="accepted"
        )
        regs.append(reg)
    decision_issue(
        actor=None, scope=ROOT, issuer=world.province, registrations=regs, number="9/QĐ",
        signed_on=clock.today(), signer="Lê Văn Ký", signer_title="Chủ tịch",
    )  # fmt: skip


def test_a_unit_sees_the_share_of_its_members_who_are_learning_citizens(client, world):
    unit = f.orgnode(
        parent=world.commune_a, kind="school", code="TRUONG-A", name="Trường Tiểu học A"
    )
    staff = [f.person(unit) for _ in range(4)]
    _recognised_citizens(world, staff[:3])
    reg = registration_create(
        actor=None, scope=ROOT, campaign=_campaign("unit", world.commune_a), subject=unit
    )

    facts = subject_facts(reg, load_rubric(reg.criteria_set))
    client.force_login(world.clerk_a)
    page = client.get(reverse("titles:registration-assess", args=[reg.pk])).content.decode()

    assert [(x.value, x.criterion, x.suggested) for x in facts] == [("3/4 (75%)", "3.1", 18.5)]
    assert "Theo dữ liệu: Thành viên được công nhận Công dân học tập" in page
    assert "gợi ý 18,5 điểm" in page
    assert 'name="c_3.1" value="18.5"' in page


def test_a_family_and_its_clan_see_their_members_learning(world):
    from khuyenhoc.people.services.clans import clan_add_household, clan_create
    from khuyenhoc.people.services.households import household_add_member, household_create

    this_year = clock.today().year
    father = f.person(world.commune_a, birth_year=this_year - 40)
    mother = f.person(world.commune_a, birth_year=this_year - 38)
    child = f.person(world.commune_a, birth_year=this_year - 10)
    home = household_create(actor=None, scope=ROOT, org_node=world.commune_a, name="Gia đình Lê")
    for person, relation in ((father, "head"), (mother, "spouse"), (child, "child")):
        household_add_member(
            actor=None, scope=ROOT, household=home, person=person, relation=relation
        )
    clan = clan_create(actor=None, scope=ROOT, org_node=world.commune_a, name="Họ Lê")
    clan_add_household(actor=None, scope=ROOT, clan=clan, household=home)
    _recognised_citizens(world, [father])
    family = registration_create(
        actor=None, scope=ROOT, campaign=_campaign("family", world.commune_a), subject=home
    )
    clan_reg = registration_create(
        actor=None, scope=ROOT, campaign=_campaign("clan", world.commune_a), subject=clan
    )

    family_facts = {
        x.label: x.value for x in subject_facts(family, load_rubric(family.criteria_set))
    }
    clan_facts = [x.value for x in subject_facts(clan_reg, load_rubric(clan_reg.criteria_set))]

    assert family_facts == {
        "Thành viên hiện nay": "3",
        f"Người lớn 19–60 tuổi là Công dân học tập năm {this_year}": "1/2 (50%)",
        "Trẻ em trong độ tuổi đi học (6–18)": "1",
    }
    assert clan_facts == ["0/1 (0%)", "1/3 (33%)"]
    assert Registration.objects.count() == 3
