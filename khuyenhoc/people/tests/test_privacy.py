"""Privacy by role: CCCDs masked in lists, exports and answers; shown in full only on request to those
who manage the person; every full view, export, data download and erasure in an access log that the
subtree's administrators read and nobody edits."""

import csv
import datetime
import io

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from khuyenhoc.bulk.engine import run_import
from khuyenhoc.bulk.kinds import ImportContext
from khuyenhoc.core.middleware import scope_for_user
from khuyenhoc.core.models import AccessKind, AccessRecord
from khuyenhoc.core.privacy import mask_cccd
from khuyenhoc.people.models import Person
from khuyenhoc.people.services.persons import person_update
from khuyenhoc.people.services.privacy import ERASED_NAME
from khuyenhoc.people.tests.test_api import API, bearer
from khuyenhoc.testing import factories as f


@pytest.fixture
def person(world):
    found = f.person(
        world.commune_a,
        full_name="Hoàng Thị Riêng",
        gender="female",
        birth_year=1985,
        birth_date=datetime.date(1985, 9, 5),
        phone="0912345678",
    )
    person_update(
        actor=world.clerk_a, scope=f.ROOT, person=found, data={"address": "Số 5 đường Lê Lợi"}
    )
    return Person.objects.get(pk=found.pk)


def _page(client, user, url):
    client.force_login(user)
    response = client.get(url)
    return response, response.content.decode()


def test_the_list_masks_every_cccd_even_for_the_clerk_who_manages_it(client, world, person):
    response, body = _page(
        client, world.clerk_a, reverse("people:person-list") + "?q=hoang+thi+rieng"
    )

    assert response.status_code == 200
    assert mask_cccd(person.cccd) in body
    assert person.cccd not in body
    assert "05/09/1985" in body  # the clerk manages the person: the birth date in full
    assert not AccessRecord.objects.exists()


def test_a_viewer_sees_the_birth_year_only_and_a_masked_phone(client, world, person):
    _, listing = _page(client, world.viewer_a, reverse("people:person-list") + "?q=hoang+thi+rieng")
    _, page = _page(client, world.viewer_a, reverse("people:person-detail", args=[person.pk]))

    for body in (listing, page):
        assert "**/**/1985" in body
        assert "05/09/1985" not in body
        assert person.cccd not in body
    assert "091*****78" in page
    assert "0912345678" not in page
    assert "Hiện số đầy đủ" not in page


def test_the_persons_page_masks_the_cccd_until_the_clerk_asks_and_records_it(client, world, person):
    url = reverse("people:person-detail", args=[person.pk])
    _, masked = _page(client, world.clerk_a, url)

    assert mask_cccd(person.cccd) in masked
    assert person.cccd not in masked
    assert "Hiện số đầy đủ" in masked
    assert not AccessRecord.objects.exists()

    response = client.get(url + "?identity=1", REMOTE_ADDR="10.1.2.3")

    assert person.cccd in response.content.decode()
    record = AccessRecord.objects.get()
    assert (record.actor, record.kind, record.object_id) == (
        world.clerk_a,
        AccessKind.VIEW_IDENTITY,
        person.pk,
    )
    assert (record.org_path, record.ip, record.channel) == (person.org_path, "10.1.2.3", "web")
    assert record.request_id == response["X-Request-ID"]


def test_a_viewer_asking_for_the_full_cccd_is_refused_and_nothing_is_recorded(
    client, world, person
):
    client.force_login(world.viewer_a)

    response = client.get(reverse("people:person-detail", args=[person.pk]) + "?identity=1")

    assert response.status_code == 403
    assert person.cccd not in response.content.decode()
    assert not AccessRecord.objects.exists()


def test_the_edit_form_shows_the_full_cccd_and_records_that(client, world, person):
    _, body = _page(client, world.clerk_a, reverse("people:person-edit", args=[person.pk]))

    assert person.cccd in body
    assert AccessRecord.objects.get().kind == AccessKind.VIEW_IDENTITY


def test_the_history_masks_a_changed_cccd(client, world, person):
    old = person.cccd
    new = f.make_cccd(province="040", gender="female", birth_year=1985, serial=777)
    person_update(actor=world.clerk_a, scope=f.ROOT, person=person, data={"cccd": new})

    _, masked = _page(client, world.viewer_a, reverse("people:person-detail", args=[person.pk]))
    _, shown = _page(client, world.clerk_a, f"/people/persons/{person.pk}/?identity=1")

    assert old not in masked
    assert new not in masked
    assert mask_cccd(old) in masked
    assert mask_cccd(new) in masked
    assert old in shown
    assert new in shown


def test_the_api_masks_lists_and_shows_one_person_in_full_to_a_manager_only(client, world, person):
    listing = client.get(f"{API}/persons/?q=hoang+thi+rieng", **bearer(world.clerk_a)).json()
    viewer = client.get(f"{API}/persons/{person.pk}", **bearer(world.viewer_a)).json()

    assert listing["items"][0]["cccd"] == mask_cccd(person.cccd)
    assert viewer["cccd"] == mask_cccd(person.cccd)
    assert (viewer["birth_date"], viewer["birth_year"], viewer["phone"]) == (
        None,
        1985,
        "091*****78",
    )
    assert not AccessRecord.objects.exists()

    manager = client.get(f"{API}/persons/{person.pk}", **bearer(world.clerk_a)).json()

    assert (manager["cccd"], manager["birth_date"]) == (person.cccd, "1985-09-05")
    record = AccessRecord.objects.get()
    assert (record.kind, record.channel, record.actor) == ("view_identity", "api", world.clerk_a)


def test_an_export_is_masked_by_default_and_recorded(client, world, person):
    client.force_login(world.clerk_a)

    response = client.get(reverse("bulk:export", args=["persons"]) + "?q=hoang+thi+rieng")
    body = b"".join(response.streaming_content).decode("utf-8-sig")

    row = next(r for r in csv.reader(io.StringIO(body)) if "Hoàng Thị Riêng" in r)
    assert mask_cccd(person.cccd) in row
    assert "**/**/1985" in row
    assert "091*****78" in row
    assert person.cccd not in body
    record = AccessRecord.objects.get()
    assert (record.kind, record.rows, record.actor) == (AccessKind.EXPORT, 1, world.clerk_a)
    assert record.org_path == world.commune_a.path


def test_a_full_export_is_an_explicit_choice_recorded_as_such(client, world, person):
    client.force_login(world.clerk_a)

    response = client.get(reverse("bulk:export", args=["persons"]) + "?q=hoang+thi+rieng&full=1")
    body = b"".join(response.streaming_content).decode("utf-8-sig")

    assert person.cccd in body
    assert "05/09/1985" in body
    assert "0912345678" in body
    record = AccessRecord.objects.get()
    assert (record.kind, record.rows) == (AccessKind.EXPORT_FULL, 1)


def test_a_viewer_cannot_export_in_full(client, world, person):
    client.force_login(world.viewer_a)

    response = client.get(reverse("bulk:export", args=["persons"]) + "?full=1")

    assert response.status_code == 403
    assert "không được xuất" in response.content.decode()
    assert not AccessRecord.objects.exists()


def test_a_command_line_export_is_masked_unless_full_and_always_recorded(world, person, capsys):
    call_command("export", "persons", "--user", "clerk_a")
    masked = capsys.readouterr().out
    call_command("export", "persons", "--user", "clerk_a", "--full")
    full = capsys.readouterr().out

    assert person.cccd not in masked
    assert person.cccd in full
    kinds = list(AccessRecord.objects.order_by("id").values_list("kind", "channel", "rows"))
    assert kinds == [("export", "cli", 1), ("export_full", "cli", 1)]


def test_a_masked_export_imported_back_is_refused_and_changes_nothing(world, person, tmp_path):
    path = tmp_path / "masked.xlsx"
    call_command(
        "export", "persons", "--user", "clerk_a", "--output", str(path), stderr=io.StringIO()
    )
    before = list(Person.objects.values_list("cccd", "birth_date", "phone"))
    scope = scope_for_user(world.clerk_a)

    report = run_import("persons", path, ctx=ImportContext(actor=world.clerk_a, scope=scope))

    assert report.written == 0
    assert report.invalid == 1
    assert "số đã che" in report.problems[0].message
    assert list(Person.objects.values_list("cccd", "birth_date", "phone")) == before


def test_a_persons_data_is_downloaded_whole_and_recorded(client, world, person):
    client.force_login(world.clerk_a)

    response = client.get(reverse("people:person-data", args=[person.pk]))

    data = response.json()
    assert data["ho_so"]["so_cccd"] == person.cccd
    assert data["ho_so"]["dia_chi"] == "Số 5 đường Lê Lợi"
    assert any(
        c["truong"] == "địa chỉ" for entry in data["lich_su_thay_doi"] for c in entry["thay_doi"]
    )
    assert "attachment" in response["Content-Disposition"]
    assert AccessRecord.objects.get().kind == AccessKind.PERSON_DATA


def test_a_viewer_cannot_download_a_persons_data(client, world, person):
    client.force_login(world.viewer_a)

    assert client.get(reverse("people:person-data", args=[person.pk])).status_code == 403
    assert not AccessRecord.objects.exists()


def test_erasure_removes_personal_data_from_the_record_and_its_history(client, world, person):
    from khuyenhoc.accounts.services import citizen_account_open

    citizen_account_open(actor=world.clerk_a, scope=f.ROOT, person=person, password="Mk-dai-42!x")
    cccd = person.cccd
    client.force_login(world.clerk_a)

    response = client.post(
        reverse("people:person-erase", args=[person.pk]), {"reason": "Đơn ngày 05/11/2026"}
    )

    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.full_name, person.cccd, person.birth_date, person.phone, person.address) == (
        ERASED_NAME,
        None,
        None,
        "",
        "",
    )
    assert person.birth_year == 1985  # kept for statistics, with gender and what they took part in
    assert not person.history.filter(cccd=cccd).exists()
    assert not person.history.exclude(full_name=ERASED_NAME).exists()
    assert not person.history.exclude(address="").exists()
    assert person.account.is_active is False
    assert not person.account.has_usable_password()
    record = AccessRecord.objects.get(kind=AccessKind.ERASE)
    assert "Đơn ngày 05/11/2026" in record.subject
    assert record.object_id == person.pk


def test_erasure_needs_a_reason_and_changes_nothing_without_one(client, world, person):
    client.force_login(world.clerk_a)

    response = client.post(reverse("people:person-erase", args=[person.pk]), {"reason": "  "})

    assert response.status_code == 422
    person.refresh_from_db()
    assert person.full_name == "Hoàng Thị Riêng"
    assert not AccessRecord.objects.exists()


def test_a_viewer_cannot_erase(client, world, person):
    client.force_login(world.viewer_a)

    response = client.post(reverse("people:person-erase", args=[person.pk]), {"reason": "x"})

    assert response.status_code == 403
    assert Person.objects.get(pk=person.pk).full_name == "Hoàng Thị Riêng"


def test_the_access_log_is_read_by_the_subtrees_administrators_only(client, world, person):
    client.force_login(world.clerk_a)
    client.get(reverse("people:person-detail", args=[person.pk]) + "?identity=1")
    admin_b = f.user("admin_b", world.commune_b, ["org_admin"])

    _, province = _page(client, world.province_admin, reverse("core:access-log"))
    _, commune_b = _page(client, admin_b, reverse("core:access-log"))
    clerk, _ = _page(client, world.clerk_a, reverse("core:access-log"))

    assert "Hoàng Thị Riêng" in province
    assert "clerk_a" in province
    assert "Hoàng Thị Riêng" not in commune_b
    assert clerk.status_code == 403


def test_the_access_log_filters_and_exports_as_csv(client, world, person):
    client.force_login(world.clerk_a)
    client.get(reverse("people:person-detail", args=[person.pk]) + "?identity=1")
    client.get(reverse("bulk:export", args=["persons"]))
    client.force_login(world.province_admin)

    filtered = client.get(reverse("core:access-log") + "?kind=export").content.decode()
    response = client.get(reverse("core:access-log") + "?format=csv&kind=view_identity")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))

    assert "Người dân" in filtered
    assert "Hoàng Thị Riêng" not in filtered
    assert rows[0][:3] == ["Lúc", "Tên đăng nhập", "Việc"]
    assert [r[1] for r in rows[1:]] == ["clerk_a"]
    # Reading the log out is itself recorded.
    assert AccessRecord.objects.filter(actor=world.province_admin, kind="export").count() == 1


def test_bad_filters_on_the_access_log_are_named_and_ignored(client, world):
    client.force_login(world.province_admin)

    response = client.get(reverse("core:access-log") + "?since=32/13/2026&actor=%s" % ("x" * 400))

    body = response.content.decode()
    assert response.status_code == 200
    assert 'class="form-errors"' in body
    assert "Từ ngày:" in body
    assert "Tên đăng nhập:" in body


def test_nobody_can_edit_or_delete_the_access_log(world, person):
    from khuyenhoc.people.services.privacy import identity_read

    record = identity_read(actor=world.clerk_a, scope=f.ROOT, person=person, channel="web")

    record.subject = "sửa"
    with pytest.raises(PermissionError):
        record.save()
    with pytest.raises(PermissionError):
        record.delete()
    with pytest.raises(PermissionError):
        AccessRecord.objects.update(subject="sửa")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE core_accessrecord SET subject = 'sửa'")
    assert AccessRecord.objects.get().subject.startswith("Hoàng Thị Riêng")


def test_only_those_who_may_see_identities_are_offered_the_full_export(client, world, person):
    _, clerk_list = _page(client, world.clerk_a, reverse("people:person-list"))
    _, clerk_index = _page(client, world.clerk_a, reverse("bulk:index"))
    _, viewer_list = _page(client, world.viewer_a, reverse("people:person-list"))
    _, viewer_index = _page(client, world.viewer_a, reverse("bulk:index"))

    assert "full=1" in clerk_list
    assert "full=1" in clerk_index
    assert "full=1" not in viewer_list
    assert "full=1" not in viewer_index


def test_an_overlong_erasure_reason_is_refused_and_changes_nothing(client, world, person):
    client.force_login(world.clerk_a)

    response = client.post(reverse("people:person-erase", args=[person.pk]), {"reason": "x" * 201})

    assert response.status_code == 422
    assert Person.objects.get(pk=person.pk).full_name == "Hoàng Thị Riêng"
    assert not AccessRecord.objects.exists()


def test_a_sibling_clerk_can_neither_reveal_download_nor_erase(client, world, person):
    client.force_login(world.clerk_b)

    shown = client.get(reverse("people:person-detail", args=[person.pk]) + "?identity=1")
    data = client.get(reverse("people:person-data", args=[person.pk]))
    erased = client.post(reverse("people:person-erase", args=[person.pk]), {"reason": "Đơn"})

    assert (shown.status_code, data.status_code, erased.status_code) == (404, 404, 404)
    assert Person.objects.get(pk=person.pk).full_name == "Hoàng Thị Riêng"
    assert not AccessRecord.objects.exists()
