"""The programme pages: record a programme and everything under it from the browser's forms, refuse bad
input with a Vietnamese message and no change, and report bottom-up through a period's page."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from khuyenhoc.core import clock
from khuyenhoc.core.middleware import scope_for_user
from khuyenhoc.programmes.models import (
    Activity,
    Document,
    Indicator,
    Programme,
    ReportedValue,
    Submission,
    Target,
)
from khuyenhoc.programmes.services.activities import activity_log
from khuyenhoc.programmes.services.reporting import (
    period_open,
    submission_approve,
    submission_submit,
)
from khuyenhoc.programmes.services.targets import indicator_add
from khuyenhoc.testing import factories as f

YEAR = clock.today().year
PDF = b"%PDF-1.4 bien ban ky ket"


@pytest.fixture
def admin(client, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    client.force_login(world.province_admin)
    return client


def test_a_programme_is_recorded_with_everything_under_it_from_the_forms(admin, world):
    f.orgnode(kind="province", code="LDLD-40", name="Liên đoàn Lao động tỉnh Nghệ An", system="CD")

    made = admin.post("/programmes/new/", {
        "code": "ctph-40", "title": "Chương trình phối hợp 2023–2030", "signed_on": "12/09/2023",
        "signed_place": "Vinh", "starts_year": "2023", "ends_year": "2030",
        "parties": "HKH-T40\nldld-40",
    })  # fmt: skip
    programme = Programme.objects.get(code="CTPH-40")
    base = f"/programmes/{programme.pk}"
    sent = [admin.post(f"{base}/contents/new/", {"number": "1", "text": "Tuyên truyền, vận động"})]
    sent.append(admin.post(f"{base}/indicators/new/", {
        "code": "ct1", "name": "Cán bộ đăng ký Công dân học tập", "unit": "percent",
        "source": "registered", "title": "citizen", "content": programme.contents.get().pk,
    }))  # fmt: skip
    sent.append(admin.post(f"{base}/indicators/new/", {
        "code": "ct2", "name": "Sáng kiến", "unit": "count", "source": "reported",
    }))  # fmt: skip
    share, initiatives = Indicator.objects.order_by("code")
    targeted = admin.post(f"{base}/targets/new/", {
        "indicator": share.pk, "year": YEAR, "value": "100", "org_node": "HKH-T40", "base": "250",
    })  # fmt: skip
    sent.append(admin.post(f"{base}/documents/new/", {
        "name": "Chương trình đã ký", "upload": SimpleUploadedFile("ky.pdf", PDF),
    }))  # fmt: skip
    sent.append(admin.post(f"{base}/activities/new/", {
        "org_node": "HKH-A", "happened_on": clock.today().strftime("%d/%m/%Y"),
        "summary": "Hội nghị ký kết", "participants": "120",
        "attachment": SimpleUploadedFile("anh.pdf", PDF),
    }))  # fmt: skip
    sent.append(admin.post(f"{base}/reported/new/", {
        "indicator": initiatives.pk, "year": YEAR, "org_node": "HKH-A", "value": "25000",
        "evidence": SimpleUploadedFile("bang-ke.pdf", PDF),
    }))  # fmt: skip
    page = admin.get(f"{base}/?year={YEAR}").content.decode()
    document = Document.objects.get()
    activity = Activity.objects.get()

    detail = reverse("programmes:detail", args=[programme.pk])
    assert [(r.status_code, r.url) for r in (made, *sent)] == [(302, detail)] * 7
    assert targeted.status_code == 302
    assert targeted.url == f"{detail}?year={YEAR}"
    assert [p.org_node.code for p in programme.parties.order_by("position")] == [
        "HKH-T40",
        "LDLD-40",
    ]
    assert Target.objects.get().base == 250
    assert ReportedValue.objects.get().value == 25000
    assert "Tuyên truyền, vận động" in page
    assert "Hội nghị ký kết" in page
    assert "Chương trình đã ký" in page
    assert "Cán bộ đăng ký Công dân học tập" in page
    assert admin.get(f"/programmes/files/document/{document.pk}/").getvalue() == PDF
    assert admin.get(f"/programmes/files/activity/{activity.pk}/").getvalue() == PDF


@pytest.mark.parametrize(
    ("path", "data", "message"),
    [
        ("targets/new/", {"year": YEAR, "value": "120", "org_node": "HKH-T40"},
         "Chỉ tiêu tỷ lệ không vượt quá 100%"),
        ("targets/new/", {"year": 2040, "value": "50", "org_node": "HKH-T40"}, "nằm ngoài thời gian"),
        ("indicators/new/", {"code": "x", "name": "Thiếu nguồn", "unit": "percent", "source": "recognised"},
         "cần chọn danh hiệu"),
        ("periods/new/", {"kind": "midterm", "year_from": "2020", "year_to": "2026", "due_on": "31/12/2026"},
         "Kỳ báo cáo phải nằm trong thời gian"),
        ("documents/new/", {"upload": SimpleUploadedFile("virus.exe", b"MZ\x90\x00")}, "Chỉ nhận"),
    ],
)  # fmt: skip
def test_bad_input_is_refused_in_vietnamese_and_changes_nothing(admin, world, programme, path, data,
                                                                message):  # fmt: skip
    scope = scope_for_user(world.province_admin)
    share = indicator_add(actor=None, scope=scope, programme=programme, code="ct1", unit="percent",
                          name="Tỷ lệ", source="registered", title="citizen")  # fmt: skip
    data = {**data, "indicator": share.pk} if path == "targets/new/" else data

    response = admin.post(f"/programmes/{programme.pk}/{path}", data)

    assert response.status_code == 422
    assert message in response.content.decode()
    assert Target.objects.count() == 0
    assert Document.objects.count() == 0
    assert programme.indicators.count() == 1
    assert programme.periods.count() == 0


def test_a_party_cannot_touch_another_partys_activity(client, world, programme):
    scope = scope_for_user(world.province_admin)
    activity = activity_log(actor=None, scope=scope, programme=programme, org_node=world.commune_a,
                            happened_on=clock.today(), summary="Tọa đàm của xã A")  # fmt: skip
    client.force_login(world.clerk_b)

    page = client.get(f"/programmes/activities/{activity.pk}/edit/")
    change = client.post(f"/programmes/activities/{activity.pk}/edit/", {"summary": "Đã bị đổi"})
    logged = client.post(f"/programmes/{programme.pk}/activities/new/", {
        "org_node": "HKH-A", "happened_on": clock.today().strftime("%d/%m/%Y"), "summary": "Giả mạo",
    })  # fmt: skip

    assert page.status_code == change.status_code == 404
    assert logged.status_code == 422
    assert "HKH-A" in logged.content.decode()
    activity.refresh_from_db()
    assert activity.summary == "Tọa đàm của xã A"
    assert Activity.objects.count() == 1


def test_an_approved_period_locks_its_activities_until_reopened(client, world, programme):
    scope = scope_for_user(world.province_admin)
    activity = activity_log(actor=None, scope=scope, programme=programme, org_node=world.commune_a,
                            happened_on=clock.today(), summary="Tọa đàm")  # fmt: skip
    period = period_open(actor=None, scope=scope, programme=programme, kind="yearly", name=f"Năm {YEAR}",
                         year_from=YEAR, year_to=YEAR, due_on=clock.today())  # fmt: skip
    submission = submission_submit(actor=None, scope=scope_for_user(world.clerk_a), period=period,
                                   org_node=world.commune_a)  # fmt: skip
    submission_approve(actor=world.province_admin, scope=scope, submission=submission)
    client.force_login(world.clerk_a)

    locked = client.post(
        f"/programmes/activities/{activity.pk}/edit/", {"summary": "Sửa sau khi khóa"}
    )
    client.force_login(world.province_admin)
    reopening = client.post(
        f"/programmes/submissions/{submission.pk}/decide/", {"decision": "reopen"}
    )
    client.force_login(world.clerk_a)
    reopened = client.post(f"/programmes/activities/{activity.pk}/edit/", {"summary": "Đã sửa"})

    assert locked.status_code == 422
    assert "khóa" in locked.content.decode()
    assert reopening.status_code == reopened.status_code == 302
    assert reopening.url == reverse("programmes:period", args=[period.pk])
    assert reopened.url == reverse("programmes:detail", args=[programme.pk])
    activity.refresh_from_db()
    assert activity.summary == "Đã sửa"


def test_the_period_page_sends_approves_bottom_up_and_names_the_late(client, world, programme):
    scope = scope_for_user(world.province_admin)
    period = period_open(actor=None, scope=scope, programme=programme, kind="yearly", name="Năm trước",
                         year_from=2023, year_to=2023, due_on=datetime.date(2024, 1, 15))  # fmt: skip
    client.force_login(world.clerk_a)
    sent = [
        client.post(
            f"/programmes/periods/{period.pk}/", {"org_node": "HKH-A", "note": "Đủ số liệu"}
        )
    ]
    client.force_login(world.province_admin)
    sent.append(client.post(f"/programmes/periods/{period.pk}/", {"org_node": "HKH-T40"}))
    own = Submission.objects.get(org_node=world.province)
    decide = f"/programmes/submissions/{own.pk}/decide/"
    by_itself = client.post(decide, {"decision": "approve"}, follow=True)
    below = Submission.objects.get(org_node=world.commune_a)
    client.force_login(world.system_admin)
    early = client.post(decide, {"decision": "approve"}, follow=True)
    client.force_login(world.province_admin)
    sent.append(client.post(f"/programmes/submissions/{below.pk}/decide/", {"decision": "approve"}))
    client.force_login(world.system_admin)
    sent.append(client.post(decide, {"decision": "approve"}))
    page = client.get(f"/programmes/periods/{period.pk}/").content.decode()

    back = reverse("programmes:period", args=[period.pk])
    assert [(r.status_code, r.url) for r in sent] == [(302, back)] * 4
    assert by_itself.redirect_chain == early.redirect_chain == [(back, 302)]
    assert "duyệt báo cáo phải do cấp trên thực hiện" in by_itself.content.decode()
    assert "Cần duyệt báo cáo của các đơn vị cấp dưới trước" in early.content.decode()
    assert Submission.objects.get(pk=below.pk).status == "approved"
    assert Submission.objects.get(pk=own.pk).status == "approved"
    assert "Liên đoàn Lao động tỉnh Nghệ An" in page.split("Chưa gửi báo cáo")[1]  # the late party


def test_a_share_counts_its_bases_from_the_records_and_recounts_from_the_page(admin, world,
                                                                             programme):  # fmt: skip
    f.person(world.commune_a)
    base = f"/programmes/{programme.pk}"
    added = admin.post(f"{base}/indicators/new/", {
        "code": "ct1", "name": "Cán bộ là Công dân học tập", "unit": "percent",
        "source": "recognised", "title": "citizen", "base_source": "persons",
    })  # fmt: skip
    share = Indicator.objects.get(code="CT1")
    targeted = admin.post(f"{base}/targets/new/", {"indicator": share.pk, "year": YEAR,
                                                   "value": "80", "org_node": "HKH-A"})  # fmt: skip
    f.person(world.commune_a)

    page = admin.get(f"{base}/?year={YEAR}").content.decode()
    recount = admin.post(f"{base}/bases/?year={YEAR}", {"indicator": share.pk})
    after = admin.get(recount.url).content.decode()
    refused = admin.post(f"{base}/bases/?year={YEAR}", {"indicator": "abc"})

    assert share.base_source == "persons"
    assert f"đếm ngày {clock.today():%d/%m/%Y}" in page
    assert "Đếm lại mẫu số CT1 từ dữ liệu" in page
    detail = reverse("programmes:detail", args=[programme.pk])
    assert added.url == detail
    assert recount.status_code == 302
    assert recount.url == targeted.url == f"{detail}?year={YEAR}"
    assert "1 chỉ tiêu giao thay đổi" in after
    assert Target.objects.get().base == 2
    assert refused.status_code == 404
