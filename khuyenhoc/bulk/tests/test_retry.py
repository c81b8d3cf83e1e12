"""A job whose worker died: shown stopped (no write on reading), retried as a new run of the same file,
once, by its owner only, while they may still import its kind; workers take a job atomically."""

import datetime
import time

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from khuyenhoc.bulk.jobs import heartbeat, is_dead
from khuyenhoc.bulk.models import ImportJob
from khuyenhoc.bulk.report import ImportReport
from khuyenhoc.bulk.services import job_create, job_finish, job_mark_died, job_start
from khuyenhoc.bulk.tasks import job_queue
from khuyenhoc.people.models import Person

CSV = "Họ và tên,Năm sinh,Giới tính\nNguyễn Văn Bảy,1985,Nam\nTrần Thị Hoa,1990,Nữ\n"
DIED = "Tiến trình nhập đã dừng giữa chừng; không dòng nào được ghi."


def _job(actor, *, status="running", minutes_ago=10, name="ds.csv"):
    """A job of `actor` with an uploaded file, taken by a worker `minutes_ago` and never renewed."""
    upload = SimpleUploadedFile(name, CSV.encode())
    job = job_create(actor=actor, kind="persons", upload=upload, org_code=actor.org_node.code,
                     dry_run=False, skip_invalid=False)  # fmt: skip
    started = timezone.now() - datetime.timedelta(minutes=minutes_ago)
    ImportJob.objects.filter(pk=job.pk).update(status=status, started_at=started)
    job.refresh_from_db()
    return job


def _retry(client, job):
    return client.post(reverse("bulk:job-retry", args=[job.pk]))


def _state():
    return list(ImportJob.objects.order_by("pk").values_list("status", "retry_of", "attempt"))


def test_a_job_whose_lease_expired_shows_stopped_with_a_retry_button(client, world):
    job = _job(world.clerk_a)
    client.force_login(world.clerk_a)

    page = client.get(reverse("bulk:job", args=[job.pk])).content.decode()
    polled = client.get(reverse("bulk:job", args=[job.pk]), HTTP_HX_REQUEST="true").content.decode()
    listed = client.get(reverse("bulk:index")).content.decode()

    assert DIED in page
    assert reverse("bulk:job-retry", args=[job.pk]) in page
    assert "csrfmiddlewaretoken" in page
    assert DIED in polled
    assert "hx-trigger" not in polled
    assert "Dừng giữa chừng" in listed
    assert _state() == [("running", None, 1)], "reading a page wrote nothing"


def test_a_job_whose_worker_renews_its_lease_runs_on_and_is_not_retried(client, world, settings):
    settings.IMPORT_LEASE_SECONDS = 0.4
    job = _job(world.clerk_a)
    client.force_login(world.clerk_a)

    with heartbeat(job.pk):
        time.sleep(0.6)
        page = client.get(reverse("bulk:job", args=[job.pk])).content.decode()
        posted = _retry(client, job)
        alive = is_dead(job)
    time.sleep(0.6)

    assert 'hx-trigger="every 1s"' in page
    assert DIED not in page
    assert posted.url == reverse("bulk:job", args=[job.pk])
    assert "có trạng thái “Đang chạy”" in client.get(posted.url).content.decode()
    assert (alive, is_dead(job)) == (False, True)  # the lease ends with the process's renewals
    assert _state() == [("running", None, 1)]


def test_retry_runs_the_same_file_from_the_start_once(
    client, world, django_capture_on_commit_callbacks
):
    job = _job(world.clerk_a)
    client.force_login(world.clerk_a)

    with django_capture_on_commit_callbacks(execute=True):
        retried = _retry(client, job)
    double_click = _retry(client, job)
    retry = ImportJob.objects.get(retry_of=job)

    assert retried.url == reverse("bulk:job", args=[retry.pk])
    assert _state() == [("died", None, 1), ("done", job.pk, 2)]
    assert (retry.upload, retry.created, retry.written) == (job.upload, 2, True)
    assert Person.objects.count() == 2
    assert "Lần nhập này đã được chạy lại." in client.get(double_click.url).content.decode()
    old_page = client.get(reverse("bulk:job", args=[job.pk])).content.decode()
    assert DIED in old_page
    assert reverse("bulk:job", args=[retry.pk]) in old_page


def test_only_the_owner_retries_and_only_with_post_and_csrf(client, world):
    job = _job(world.clerk_a)
    client.force_login(world.clerk_b)
    other = _retry(client, job)
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(world.clerk_a)
    client.force_login(world.clerk_a)

    assert other.status_code == 404
    assert strict.post(reverse("bulk:job-retry", args=[job.pk])).status_code == 403
    assert client.get(reverse("bulk:job-retry", args=[job.pk])).status_code == 405
    assert _state() == [("running", None, 1)]


def test_a_finished_job_is_not_retried(client, world):
    job = _job(world.clerk_a, status="done")
    client.force_login(world.clerk_a)

    posted = _retry(client, job)

    assert posted.url == reverse("bulk:job", args=[job.pk])
    assert "có trạng thái “Xong”" in client.get(posted.url).content.decode()
    assert "Chạy lại</button>" not in client.get(posted.url).content.decode()
    assert _state() == [("done", None, 1)]


def test_a_user_who_may_no_longer_import_the_kind_cannot_retry(client, world):
    job = _job(world.accountant_a)  # persons: an accountant records money, not persons
    client.force_login(world.accountant_a)

    page = client.get(reverse("bulk:job", args=[job.pk])).content.decode()
    posted = _retry(client, job)

    assert DIED in page
    assert "Chạy lại</button>" not in page
    assert posted.status_code == 403
    assert _state() == [("running", None, 1)]


def test_a_retry_whose_upload_is_gone_says_so(client, world):
    job = _job(world.clerk_a)
    ImportJob.objects.filter(pk=job.pk).update(upload=str(job.upload) + ".gone")
    client.force_login(world.clerk_a)

    posted = _retry(client, job)

    assert "không còn trên máy chủ" in client.get(posted.url).content.decode()
    assert _state() == [("running", None, 1)]


def test_two_workers_never_start_the_same_job(world):
    job = _job(world.clerk_a, status="queued")
    first, second = ImportJob.objects.get(pk=job.pk), ImportJob.objects.get(pk=job.pk)

    taken = (job_start(job=first, worker="a:1"), job_start(job=second, worker="b:2"))

    assert taken == (True, False)
    assert ImportJob.objects.values_list("status", "worker").get() == ("running", "a:1")


def test_a_run_taken_for_dead_cannot_record_its_outcome(world):
    job = _job(world.clerk_a)

    died = job_mark_died(job=job)
    finished = job_finish(job=job, report=ImportReport(kind="persons", file_name="ds.csv", read=2))

    assert (died, finished) == (True, False)
    assert ImportJob.objects.values_list("status", "fatal").get() == ("died", DIED)


def test_a_worker_marks_dead_jobs_before_it_runs_one(world, django_capture_on_commit_callbacks):
    dead = _job(world.clerk_a)

    with django_capture_on_commit_callbacks(execute=True):
        job_queue(actor=world.clerk_a, kind="persons", upload=SimpleUploadedFile("b.csv", CSV.encode()),
                  org_code="HKH-A", dry_run=False, skip_invalid=False)  # fmt: skip

    dead.refresh_from_db()
    assert (dead.status, dead.fatal) == ("died", DIED)
    assert _state() == [("died", None, 1), ("done", None, 1)]
