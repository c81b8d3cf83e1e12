"""The demo data: a new user finds this year's learning-citizen campaign of Nghệ An under way."""

from khuyenhoc.demo.loader import load_demo
from khuyenhoc.titles.models import Campaign, Registration, Status


def test_the_demo_has_a_learning_citizen_campaign_with_results_and_explanations(db):
    load_demo()

    campaign = Campaign.objects.get(org_node__code="HKH-40")
    regs = Registration.objects.filter(campaign=campaign)
    assessed = regs.filter(status=Status.SELF_ASSESSED)
    failed = [a for r in assessed for a in r.assessments.all() if not a.achieved]

    assert regs.count() > 12
    assert assessed.count() == 12
    assert any("2.2 chỉ được 4 điểm" in why for a in failed for why in a.reasons)


def test_the_demo_citizen_can_register_themself_in_the_campaign(client, db):
    from django.urls import reverse

    from khuyenhoc.demo.loader import CITIZEN_USERNAME, DEMO_PASSWORD

    load_demo()
    signed_in = client.post(
        reverse("accounts:login"), {"username": CITIZEN_USERNAME, "password": DEMO_PASSWORD}
    )

    page = client.get(reverse("titles:me"))

    assert signed_in.status_code == 302
    assert signed_in.url == reverse("core:home")
    assert [c.org_node.code for c in page.context["campaigns"]] == ["HKH-40"]
    assert not page.context["registrations"]
