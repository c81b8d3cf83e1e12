"""The cycle from the web pages: open a campaign, register by CCCD, self-assess, verify above."""

from datetime import timedelta

from django.urls import reverse

from khuyenhoc.core import clock
from khuyenhoc.testing import factories as f
from khuyenhoc.titles.models import Assessment, Campaign, Decision, Registration, Status

RESIDENTS = "Người dân cư trú trên địa bàn xã"


def _d(days: int) -> str:
    return (clock.today() + timedelta(days=days)).strftime("%d/%m/%Y")


def _open(client, world) -> Campaign:
    client.force_login(world.clerk_a)
    response = client.post(
        reverse("titles:campaign-create"),
        {
            "title": "citizen", "year": clock.today().year, "org_node": world.commune_a.code,
            "registration_until": _d(5), "self_assessment_until": _d(10),
            "verification_until": _d(20), "decision_until": _d(30),
        },
    )  # fmt: skip
    campaign = Campaign.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("titles:campaign-detail", args=[campaign.pk])
    return campaign


def _scores(points, **overrides) -> dict:
    codes = [f"{g}.{i}" for g, n in ((1, 4), (2, 4), (3, 2)) for i in range(1, n + 1)]
    return {f"c_{c}": str(overrides.get(c, points)) for c in codes}


def test_a_clerk_and_the_province_run_the_cycle_in_the_browser(client, world):
    person = f.person(world.commune_a)
    campaign = _open(client, world)

    registered = client.post(
        reverse("titles:campaign-register", args=[campaign.pk]),
        {"subject": person.cccd.lstrip("0"), "subject_group": RESIDENTS},  # the zero Excel dropped
    )
    reg = Registration.objects.get()
    page = client.get(reverse("titles:campaign-detail", args=[campaign.pk])).content.decode()
    bad = client.post(
        reverse("titles:registration-assess", args=[reg.pk]), _scores(9, **{"1.1": 12})
    )
    assessed = client.post(reverse("titles:registration-assess", args=[reg.pk]), _scores(9))
    client.force_login(world.province_admin)
    verified = client.post(
        reverse("titles:registration-verify", args=[reg.pk]),
        _scores(9, **{"2.2": 6}) | {"r_2.2": "Chưa có chứng chỉ", "verdict": "accepted"},
    )
    detail = client.get(reverse("titles:registration-detail", args=[reg.pk])).content.decode()

    assert registered.url == reverse("titles:campaign-detail", args=[campaign.pk])
    assert assessed.url == verified.url == reverse("titles:registration-detail", args=[reg.pk])
    assert person.full_name in page
    assert bad.status_code == 422
    assert "Điểm tiêu chí 1.1 phải từ 0 đến 10." in bad.content.decode()
    reg.refresh_from_db()
    assert (reg.status, reg.total) == (Status.VERIFIED, 87)
    assert Assessment.objects.count() == 2
    assert "Chưa có chứng chỉ" in detail
    assert "Đã thẩm định, đề nghị công nhận" in detail


def test_registering_someone_unknown_or_twice_says_why(client, world):
    person = f.person(world.commune_a)
    campaign = _open(client, world)
    url = reverse("titles:campaign-register", args=[campaign.pk])

    unknown = client.post(url, {"subject": "040999999999", "subject_group": RESIDENTS})
    once = client.post(url, {"subject": person.cccd, "subject_group": RESIDENTS})
    twice = client.post(url, {"subject": person.cccd, "subject_group": RESIDENTS})

    assert once.status_code == 302
    assert once.url == reverse("titles:campaign-detail", args=[campaign.pk])
    assert unknown.status_code == 422
    assert "Không tìm thấy" in unknown.content.decode()
    assert "đã đăng ký danh hiệu này" in twice.content.decode()
    assert Registration.objects.count() == 1


def test_every_member_of_a_unit_is_registered_at_once(client, world):
    people = [f.person(world.commune_a) for _ in range(3)]
    campaign = _open(client, world)
    url = reverse("titles:campaign-register", args=[campaign.pk])
    first = client.post(url, {"subject": people[0].cccd, "subject_group": RESIDENTS})

    response = client.post(
        url, {"members_of": world.commune_a.code, "subject_group": RESIDENTS}, follow=True
    )

    detail = reverse("titles:campaign-detail", args=[campaign.pk])
    assert first.url == detail
    assert response.redirect_chain == [(detail, 302)]
    assert "Đã đăng ký 2 người; 1 người đã đăng ký từ trước." in response.content.decode()
    assert Registration.objects.count() == 3


def test_the_person_page_shows_the_titles_by_year(client, world):
    person = f.person(world.commune_a)
    campaign = _open(client, world)
    registered = client.post(
        reverse("titles:campaign-register", args=[campaign.pk]),
        {"subject": person.cccd, "subject_group": RESIDENTS},
    )

    page = client.get(reverse("people:person-detail", args=[person.pk])).content.decode()
    client.force_login(world.clerk_b)
    hidden = client.get(reverse("orgs:detail", args=[world.commune_b.pk])).content.decode()

    assert registered.url == reverse("titles:campaign-detail", args=[campaign.pk])
    assert "Công dân học tập" in page
    assert "Đã đăng ký" in page
    assert "Chưa đăng ký danh hiệu nào." in hidden


def test_consecutive_recognised_years_are_counted_back_from_the_latest():
    from khuyenhoc.titles.panels import recognised_streak

    assert recognised_streak([2022, 2024, 2025, 2026]) == 3
    assert recognised_streak([2026]) == 1
    assert recognised_streak([]) == 0


def test_the_province_issues_a_decision_prints_it_and_anyone_can_check_a_certificate(client, world):
    person = f.person(world.commune_a)
    campaign = _open(client, world)
    registered = client.post(
        reverse("titles:campaign-register", args=[campaign.pk]),
        {"subject": person.cccd, "subject_group": RESIDENTS},
    )
    reg = Registration.objects.get()
    assessed = client.post(reverse("titles:registration-assess", args=[reg.pk]), _scores(9))
    client.force_login(world.province_admin)
    verified = client.post(
        reverse("titles:registration-verify", args=[reg.pk]), _scores(9) | {"verdict": "accepted"}
    )
    header = {
        "org_node": world.province.code, "number": "12/QĐ-HKH",
        "signed_on": clock.today().strftime("%d/%m/%Y"), "signer": "Trần Văn Ký",
        "signer_title": "Chủ tịch",
    }  # fmt: skip

    decided = client.post(
        reverse("titles:campaign-decide", args=[campaign.pk]), header | {"registrations": [reg.pk]}
    )
    decision = reg.lines.get().decision
    pdf = client.get(reverse("titles:decision-pdf", args=[decision.pk]))
    certificates = client.get(reverse("titles:decision-certificates", args=[decision.pk]))
    code = reg.lines.get().public_code
    client.logout()
    public = client.get(reverse("titles:verify", args=[code])).content.decode()
    unknown = client.get(reverse("titles:verify", args=["khong-co"]))

    assert registered.url == reverse("titles:campaign-detail", args=[campaign.pk])
    assert assessed.url == verified.url == reverse("titles:registration-detail", args=[reg.pk])
    assert decided.url == reverse("titles:decision-detail", args=[decision.pk])
    assert (pdf.status_code, pdf["Content-Type"], pdf.content[:4]) == (
        200,
        "application/pdf",
        b"%PDF",
    )
    assert certificates.content[:4] == b"%PDF"
    assert person.full_name in public
    assert "Còn hiệu lực" in public
    assert person.cccd not in public
    assert unknown.status_code == 404

    client.force_login(world.province_admin)
    revoked = client.post(
        reverse("titles:decision-revoke", args=[decision.pk]),
        header | {"number": "13/QĐ-HKH", "registrations": [reg.pk], "reason": "Kê khai sai"},
    )
    client.logout()
    revocation = Decision.objects.get(number="13/QĐ-HKH")
    assert revoked.url == reverse("titles:decision-detail", args=[revocation.pk])
    assert "Đã bị thu hồi" in client.get(reverse("titles:verify", args=[code])).content.decode()


def test_a_village_page_shows_its_learning_community_title_by_year(client, world):
    from khuyenhoc.places.models import AdminUnit
    from khuyenhoc.places.services import village_create
    from khuyenhoc.titles.services.campaigns import campaign_open
    from khuyenhoc.titles.services.registrations import registration_create

    commune = AdminUnit.objects.get(level="commune", name="Phường Thành Vinh")
    village = village_create(actor=None, scope=f.ROOT, commune=commune, name="Khối Yên Giang")
    today = clock.today()
    campaign = campaign_open(
        actor=None, scope=f.ROOT, title="community", year=today.year, org_node=world.commune_a,
        registration_until=today, self_assessment_until=today, verification_until=today,
        decision_until=today,
    )  # fmt: skip
    registration_create(actor=None, scope=f.ROOT, campaign=campaign, subject=village)
    client.force_login(world.clerk_a)

    page = client.get(reverse("places:detail", args=[village.pk])).content.decode()
    sibling = client.get(reverse("places:detail", args=[village.pk]), follow=True)

    assert "Cộng đồng học tập" in page
    assert "Đã đăng ký" in page
    client.force_login(world.clerk_b)
    assert (
        "Đã đăng ký" not in client.get(reverse("places:detail", args=[village.pk])).content.decode()
    )
    assert sibling.status_code == 200
