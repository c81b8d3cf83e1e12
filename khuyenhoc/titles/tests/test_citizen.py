"""A citizen's own account: issued by a clerk, then registering and self-assessing as a learning
citizen from the phone, seeing the result; never anyone else's records."""

import re
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from khuyenhoc.accounts.models import User
from khuyenhoc.core import clock
from khuyenhoc.core.errors import DomainError
from khuyenhoc.core.middleware import scope_for_user
from khuyenhoc.testing import factories as f
from khuyenhoc.titles.models import Registration, Status
from khuyenhoc.titles.services.assessments import assessment_submit_own
from khuyenhoc.titles.services.campaigns import campaign_open
from khuyenhoc.titles.services.registrations import registration_create, registration_create_own

RESIDENTS = "Người dân cư trú trên địa bàn xã"


def _campaign(world, node=None, **changes):
    today = clock.today()
    deadlines = {
        "registration_until": today + timedelta(days=10),
        "self_assessment_until": today + timedelta(days=20),
        "verification_until": today + timedelta(days=30),
        "decision_until": today + timedelta(days=40),
    } | changes
    admin = world.province_admin
    return campaign_open(
        actor=admin, scope=scope_for_user(admin), title="citizen", year=today.year,
        org_node=node or world.province, **deadlines,
    )  # fmt: skip


def _account(client, world, person) -> tuple[str, str]:
    """The clerk issues the account from the person's page; the message shows it once."""
    client.force_login(world.clerk_a)
    response = client.post(reverse("titles:citizen-account", args=[person.pk]), follow=True)
    assert response.redirect_chain == [(reverse("people:person-detail", args=[person.pk]), 302)]
    message = next(str(m) for m in response.context["messages"])
    found = re.search(r"tên đăng nhập (\S+), mật khẩu (\S+)\.", message)
    client.logout()
    return found[1], found[2]


def _sign_in(client, username: str, password: str) -> bool:
    """Through the sign-in page, as the citizen does (the lock-out backend needs the request)."""
    response = client.post(reverse("accounts:login"), {"username": username, "password": password})
    return response.status_code == 302 and response.url == reverse("core:home")


def _scores(points, **overrides) -> dict:
    codes = [f"{g}.{i}" for g, n in ((1, 4), (2, 4), (3, 2)) for i in range(1, n + 1)]
    return {f"c_{c}": str(overrides.get(c, points)) for c in codes}


def test_a_clerk_issues_an_account_and_the_citizen_registers_and_self_assesses(client, world):
    person = f.person(world.commune_a)
    campaign = _campaign(world)
    username, password = _account(client, world, person)

    assert username == person.cccd
    assert _sign_in(client, username, password)
    assert client.get("/").url == reverse("titles:me")
    page = client.get(reverse("titles:me")).content.decode()
    registered = client.post(
        reverse("titles:me-register", args=[campaign.pk]), {"subject_group": RESIDENTS}
    )
    reg = Registration.objects.get()
    bad = client.post(reverse("titles:me-registration", args=[reg.pk]), _scores(9, **{"1.1": 11}))
    good = client.post(reverse("titles:me-registration", args=[reg.pk]), _scores(9, **{"2.2": 4}))
    result = client.get(reverse("titles:me-registration", args=[reg.pk])).content.decode()

    assert campaign.name in page
    assert registered.url == reverse("titles:me-registration", args=[reg.pk])
    assert reg.person == person
    assert bad.status_code == 422
    assert "Điểm tiêu chí 1.1 phải từ 0 đến 10." in bad.content.decode()
    assert good.status_code == 302
    assert good.url == reverse("titles:me-registration", args=[reg.pk])
    reg.refresh_from_db()
    assert (reg.status, reg.total) == (Status.SELF_ASSESSED, 85)
    assert "Tiêu chí 2.2 chỉ được 4 điểm, dưới mức tối thiểu 5." in result
    assert "85 / 100" in result


def test_a_citizen_sees_only_their_own_registrations_and_no_staff_pages(client, world):
    mine, other = f.person(world.commune_a), f.person(world.commune_a)
    campaign = _campaign(world)
    clerk = scope_for_user(world.clerk_a)
    theirs = registration_create(
        actor=world.clerk_a, scope=clerk, campaign=campaign, subject=other, subject_group=RESIDENTS
    )
    username, password = _account(client, world, mine)
    assert _sign_in(client, username, password)

    assert client.get(reverse("titles:me-registration", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("people:person-list")).status_code == 403
    assert client.get(reverse("people:person-detail", args=[other.pk])).status_code == 403
    assert other.full_name not in client.get(reverse("titles:me")).content.decode()


def test_campaigns_outside_the_citizens_unit_or_closed_are_not_offered(client, world):
    person = f.person(world.commune_a)
    elsewhere = _campaign(world, node=world.commune_b)
    closed = _campaign(world, registration_until=clock.today() - timedelta(days=1))
    user = User.objects.create_user(username="dan", password="x", person=person)

    with pytest.raises(PermissionDenied):
        registration_create_own(actor=user, campaign=elsewhere, subject_group=RESIDENTS)
    with pytest.raises(DomainError, match="Đã hết hạn đăng ký"):
        registration_create_own(actor=user, campaign=closed, subject_group=RESIDENTS)
    client.force_login(user)
    assert client.get(reverse("titles:me")).context["campaigns"].count() == 0
    assert client.post(reverse("titles:me-register", args=[elsewhere.pk])).status_code == 404


def test_a_citizen_cannot_self_assess_someone_else(world):
    mine, other = f.person(world.commune_a), f.person(world.commune_a)
    campaign = _campaign(world)
    user = User.objects.create_user(username="dan", password="x", person=mine)
    theirs = registration_create(
        actor=world.clerk_a, scope=scope_for_user(world.clerk_a), campaign=campaign,
        subject=other, subject_group=RESIDENTS,
    )  # fmt: skip

    with pytest.raises(PermissionDenied):
        assessment_submit_own(actor=user, registration=theirs, scores={})
    assert theirs.assessments.count() == 0


def test_an_account_needs_the_right_to_change_the_person_and_a_second_one_resets_the_password(
    client, world
):
    person = f.person(world.commune_a)
    first = _account(client, world, person)
    second = _account(client, world, person)
    client.force_login(world.clerk_b)

    refused = client.post(reverse("titles:citizen-account", args=[person.pk]))

    assert first[0] == second[0]
    assert first[1] != second[1]
    assert User.objects.filter(person=person).count() == 1
    assert _sign_in(client, second[0], second[1])
    assert refused.status_code == 404
