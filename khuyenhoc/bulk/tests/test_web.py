"""Import and export from the web UI: templates, uploads that run as jobs, progress and reports."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from khuyenhoc.bulk import registry
from khuyenhoc.bulk.models import ImportJob
from khuyenhoc.people.models import Person

CSV = "Họ và tên,Ngày sinh,Giới tính,Số CCCD\nNguyễn Văn Bảy,05/09/1985,Nam,040085123456\nLê Sai,31/02/1985,Nam,\n"


def test_every_kind_has_a_template_with_headers_example_and_dropdowns(client, world):
    client.force_login(world.clerk_a)

    for kind in registry.all_kinds():
        response = client.get(reverse("bulk:template", args=[kind.name]))
        book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
        sheet = book.worksheets[0]
        headers = [c.value for c in sheet[1]]

        assert [h.removesuffix(" (*)") for h in headers] == [c.header for c in kind.columns]
        with_choices = [c for c in kind.columns if kind.choices_for(c)]
        assert len(sheet.data_validations.dataValidation) == len(with_choices)
    persons = load_workbook(
        io.BytesIO(
            b"".join(client.get(reverse("bulk:template", args=["persons"])).streaming_content)
        )
    )
    assert persons.worksheets[0]["B2"].value == "Nguyễn Văn An"


def test_upload_runs_as_a_job_and_shows_counts_problems_and_report(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world.clerk_a)
    upload = SimpleUploadedFile("hoi-vien.csv", CSV.encode("utf-8-sig"), content_type="text/csv")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("bulk:upload", args=["persons"]),
            {"file": upload, "org_code": world.commune_a.code},
        )

    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("bulk:job", args=[job.pk])
    assert (job.status, job.read, job.invalid, job.written) == ("done", 2, 1, False)
    page = client.get(reverse("bulk:job", args=[job.pk])).content.decode()
    assert "31/02/1985" in page
    assert not Person.objects.exists()
    report = client.get(reverse("bulk:job-report", args=[job.pk]))
    assert report.status_code == 200


def test_skip_invalid_from_the_web(client, world, django_capture_on_commit_callbacks):
    client.force_login(world.clerk_a)
    upload = SimpleUploadedFile("hoi-vien.csv", CSV.encode(), content_type="text/csv")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("bulk:upload", args=["persons"]),
            {"file": upload, "org_code": world.commune_a.code, "skip_invalid": "on"},
        )

    assert response.status_code == 302
    assert response.url == reverse("bulk:job", args=[ImportJob.objects.get().pk])
    assert Person.objects.get().cccd == "040085123456"


def test_upload_refuses_a_unit_outside_the_scope_and_an_empty_file(client, world):
    client.force_login(world.clerk_a)

    outside = client.post(
        reverse("bulk:upload", args=["persons"]),
        {"file": SimpleUploadedFile("a.csv", CSV.encode()), "org_code": world.commune_b.code},
    )
    empty = client.post(
        reverse("bulk:upload", args=["persons"]), {"file": SimpleUploadedFile("a.csv", b"")}
    )

    assert outside.status_code == 422
    assert "phạm vi" in outside.content.decode()
    assert empty.status_code == 422
    assert not ImportJob.objects.exists()


def test_viewer_cannot_upload(client, world):
    client.force_login(world.viewer_a)

    assert client.get(reverse("bulk:upload", args=["persons"])).status_code == 403


def test_person_list_export_keeps_its_filters(client, world):
    from khuyenhoc.testing import factories as f

    f.person(world.commune_a, full_name="Nguyễn Văn An")
    f.person(world.commune_a, full_name="Trần Thị Bích")
    client.force_login(world.clerk_a)

    body = b"".join(
        client.get(
            reverse("bulk:export", args=["persons"]), {"q": "nguyen van an"}
        ).streaming_content
    ).decode()

    assert "Nguyễn Văn An" in body
    assert "Trần Thị Bích" not in body


def test_running_job_page_polls_and_shows_progress(client, world, tmp_path):
    from khuyenhoc.bulk.jobs import estimate_rows, write_progress

    job = ImportJob.objects.create(
        kind="persons", file_name="a.csv", created_by=world.clerk_a, status="running"
    )
    csv = tmp_path / "a.csv"
    csv.write_text("a\nb\nc\n")
    write_progress(job.pk, 2000, estimate_rows(csv) * 1000)
    client.force_login(world.clerk_a)

    fragment = client.get(
        reverse("bulk:job", args=[job.pk]), HTTP_HX_REQUEST="true"
    ).content.decode()

    assert 'hx-trigger="every 1s"' in fragment
    assert '<progress max="3000" value="2000"' in fragment
    assert "<html" not in fragment


def test_an_accountant_imports_donations_but_not_persons(client, world):
    client.force_login(world.accountant_a)

    donations = client.get(reverse("bulk:upload", args=["donations"]))
    persons = client.get(reverse("bulk:upload", args=["persons"]))
    posted = client.post(reverse("bulk:upload", args=["persons"]), {
        "file": SimpleUploadedFile("nguoi.csv", "Họ và tên\nLê An\n".encode())})  # fmt: skip

    assert donations.status_code == 200
    assert (persons.status_code, posted.status_code) == (403, 403)
    assert not ImportJob.objects.exists()
