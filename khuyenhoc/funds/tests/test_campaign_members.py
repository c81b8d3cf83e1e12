"""Who a campaign's members are: persons holding a current membership of the campaign's kinds under
its unit — never every person the unit manages (issue 14, point 7)."""

from datetime import date

import pytest
from django.urls import reverse

from khuyenhoc.core.errors import DomainError
from khuyenhoc.funds.selectors import campaign_missing, campaign_progress
from khuyenhoc.funds.services.campaigns import campaign_open
from khuyenhoc.funds.services.donations import donation_create
from khuyenhoc.funds.services.funds import fund_open
from khuyenhoc.people.services.memberships import membership_create, membership_end
from khuyenhoc.testing import factories as f

YEAR = date(2026, 1, 1), date(2026, 12, 31)


@pytest.fixture
def fund(world):
    return fund_open(actor=None, scope=f.ROOT, org_node=world.commune_a, code="QKH-A",
                     name="Quỹ khuyến học xã A")  # fmt: skip


def _member(node, kind="member", started_on=date(2020, 1, 1), **person):
    someone = f.person(node, **person)
    membership_create(actor=None, scope=f.ROOT, person=someone, org_node=node, kind=kind,
                      started_on=started_on)  # fmt: skip
    return someone


def _campaign(fund, purpose, node, **extra):
    return campaign_open(actor=None, scope=f.ROOT, fund=fund, name="Đợt 2026", purpose=purpose,
                         starts_on=YEAR[0], ends_on=YEAR[1], members_of=node, **extra)  # fmt: skip


@pytest.fixture
def unit(world):
    """An agency under commune A: two staff, a union member, an Association member, two children
    born 2012 and 2015 it manages without memberships, a former worker, one joining after 2026."""
    agency = f.orgnode(parent=world.commune_a, kind="agency", code="CQ-A", name="UBND xã A",
                       place=world.commune_a.place)  # fmt: skip
    staff = [_member(agency, "cadre"), _member(agency, "worker"), _member(agency, "union_member")]
    association = _member(agency, "member")
    children = [f.person(agency, birth_year=2012), f.person(agency, birth_year=2015)]
    former = _member(agency, "worker", started_on=date(2010, 1, 1))
    ended = former.memberships.get()
    membership_end(actor=None, scope=f.ROOT, membership=ended, ended_on=date(2025, 6, 30))
    late = _member(agency, "cadre", started_on=date(2027, 3, 1))
    return agency, staff, association, children, former, late


def test_one_days_salary_counts_staff_and_union_members_not_children_or_former_staff(
    world, fund, unit
):
    agency, staff, *_ = unit  # the children, the former worker and the late cadre: not members
    campaign = _campaign(fund, "one_day_salary", agency)
    donation_create(actor=None, scope=f.ROOT, fund=fund, amount=350_000, method="cash",
                    donor_kind="person", person=staff[0], campaign=campaign,
                    purpose="one_day_salary", received_on=date(2026, 3, 5))  # fmt: skip

    progress = campaign_progress(scope=f.ROOT, campaign=campaign)
    missing = {p.pk for p in campaign_missing(scope=f.ROOT, campaign=campaign)}

    assert campaign.kinds == ["union_member", "cadre", "worker"]
    assert (progress.members, progress.members_given) == (3, 1)
    assert missing == {staff[1].pk, staff[2].pk}


def test_a_piggy_bank_counts_the_associations_members_and_a_person_twice_a_member_once(
    world, fund, unit
):
    _agency, _staff, association, *_ = unit
    branch = f.orgnode(parent=world.commune_a, kind="branch", code="CH-A1",
                       name="Chi hội thôn 1", place=world.commune_a.place)  # fmt: skip
    membership_create(actor=None, scope=f.ROOT, person=association, org_node=branch,
                      kind="member")  # fmt: skip
    saver = _member(branch)

    campaign = _campaign(fund, "piggy_bank", world.commune_a, monthly_amount=10_000)

    assert campaign.kinds == ["member"]
    assert {p.pk for p in campaign_missing(scope=f.ROOT, campaign=campaign)} == {
        association.pk,
        saver.pk,
    }
    assert campaign_progress(scope=f.ROOT, campaign=campaign).members == 2


def test_named_kinds_limit_the_members_and_a_sibling_units_members_never_count(world, fund, unit):
    _agency, staff, *_ = unit
    _member(world.commune_b, "cadre")
    campaign = _campaign(fund, "donation", world.commune_a, member_kinds=["worker", "cadre"])
    everyone = _campaign(fund, "donation", world.commune_a)

    assert {p.pk for p in campaign_missing(scope=f.ROOT, campaign=campaign)} == {
        staff[0].pk,
        staff[1].pk,
    }
    assert campaign_progress(scope=f.ROOT, campaign=everyone).members == 4


def test_an_unknown_kind_is_refused_with_a_message_and_opens_nothing(world, fund):
    with pytest.raises(DomainError, match="Loại thành viên không hợp lệ"):
        _campaign(fund, "donation", world.commune_a, member_kinds=["student"])

    assert not fund.campaigns.exists()


def test_the_campaign_page_says_who_counts_and_a_sibling_clerk_gets_404(client, world, fund, unit):
    agency, staff, _association, children, *_ = unit
    campaign = _campaign(fund, "one_day_salary", agency)
    client.force_login(world.clerk_a)

    page = client.get(reverse("funds:campaign-detail", args=[campaign.pk]))
    client.force_login(world.clerk_b)
    sibling = client.get(reverse("funds:campaign-detail", args=[campaign.pk]))

    text = page.content.decode()
    assert "Thành viên: đoàn viên, cán bộ, người lao động thuộc UBND xã A." in text
    assert all(c.full_name not in text for c in children)
    assert staff[1].full_name in text
    assert sibling.status_code == 404


def test_the_campaign_form_opens_a_campaign_on_the_kinds_ticked(client, world, fund):
    client.force_login(world.clerk_a)

    client.post(reverse("funds:campaign-create", args=[fund.pk]), {
        "name": "Ủng hộ trường", "purpose": "donation", "starts_on": "01/01/2026",
        "ends_on": "31/12/2026", "org_node": world.commune_a.code,
        "member_kinds": ["worker", "member"]})  # fmt: skip

    assert fund.campaigns.get().kinds == ["member", "worker"]
