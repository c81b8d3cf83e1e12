"""A web import queued in the database and run by `khuyenhoc db_worker`, as `make run` does."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings
from django_tasks_db.management.commands import db_worker

from khuyenhoc.bulk.jobs import read_progress
from khuyenhoc.bulk.tasks import job_queue
from khuyenhoc.people.models import Person

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@override_settings(TASKS=DATABASE_TASKS)
def test_queued_import_waits_for_the_worker_then_completes(
    world, django_capture_on_commit_callbacks, monkeypatch
):
    # The worker recycles database connections between tasks; inside the test's transaction that would
    # close it (PostgreSQL), so that one production-only step is switched off here.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    csv = "Họ và tên,Năm sinh,Giới tính\nNguyễn Văn Bảy,1985,Nam\nTrần Thị Hoa,1990,Nữ\n"
    upload = SimpleUploadedFile("ds.csv", csv.encode())

    with django_capture_on_commit_callbacks(execute=True):
        job = job_queue(
            actor=world.clerk_a,
            kind="persons",
            upload=upload,
            org_code=world.commune_a.code,
            dry_run=False,
            skip_invalid=False,
        )
    job.refresh_from_db()
    waiting = (job.status, Person.objects.count())
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload")
    job.refresh_from_db()

    assert waiting == ("queued", 0)
    assert (job.status, job.created, job.written) == ("done", 2, True)
    assert read_progress(job.pk)["rows"] == 2
    assert Person.objects.count() == 2
