"""Background imports: the web form stores the file and queues a job; `khuyenhoc db_worker` runs it."""

from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django_tasks import task

from khuyenhoc.bulk import registry
from khuyenhoc.bulk.engine import run_import
from khuyenhoc.bulk.jobs import estimate_rows, heartbeat, job_dir, worker_name, write_progress
from khuyenhoc.bulk.kinds import ImportContext
from khuyenhoc.bulk.models import ImportJob
from khuyenhoc.bulk.report import ImportReport
from khuyenhoc.bulk.services import (
    job_create,
    job_finish,
    job_retry,
    job_start,
    jobs_mark_died,
)
from khuyenhoc.core.middleware import scope_for_user
from khuyenhoc.core.scope import Scope


@task()
def run_import_job(job_id: int) -> None:
    """Run a queued web import; progress goes to a file the job page polls, and the worker holds
    the job's lease (bulk.jobs.heartbeat) until the run has committed or rolled back."""
    jobs_mark_died()
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    if not job_start(job=job, worker=worker_name()):
        return  # taken by another worker, or already run (a repeated delivery must not import twice)
    with heartbeat(job.pk):
        _run(job)


def _run(job: ImportJob) -> None:
    """The import and the job's outcome in one transaction: if the job was taken for dead while
    this run went on (its lease expired), the run's rows are rolled back, as its page says."""
    scope = scope_for_user(job.created_by)
    org = registry.find_org(scope, job.org_code) if job.org_code else None
    upload = Path(job.upload)
    if not upload.is_file():
        job_finish(job=job, report=_missing(job))
        return
    ctx = ImportContext(actor=job.created_by, scope=scope, org=org)
    report_path = job_dir() / f"{job.pk}-report.xlsx"
    total = estimate_rows(upload)
    write_progress(job.pk, 0, total)
    with transaction.atomic():
        report = run_import(
            job.kind, upload, ctx=ctx, file_name=job.file_name, dry_run=job.dry_run,
            skip_invalid=job.skip_invalid, report_path=report_path,
            progress=lambda rows: write_progress(job.pk, rows, total),
        )  # fmt: skip
        job.report_file = str(report_path) if report_path.exists() else ""
        if not job_finish(job=job, report=report):
            transaction.set_rollback(True)


def _missing(job: ImportJob) -> ImportReport:
    message = _("Tệp đã tải lên không còn trên máy chủ; hãy tải tệp lên lại.")
    return ImportReport(kind=job.kind, file_name=job.file_name, dry_run=job.dry_run, fatal=message)


def job_queue(
    *, actor: Any, kind: str, upload: Any, org_code: str, dry_run: bool, skip_invalid: bool
) -> ImportJob:
    """Store an uploaded file and queue its import for the background worker."""
    job = job_create(
        actor=actor, kind=kind, upload=upload, org_code=org_code, dry_run=dry_run,
        skip_invalid=skip_invalid,
    )  # fmt: skip
    transaction.on_commit(lambda: run_import_job.enqueue(job.pk))
    return job


def job_requeue(*, actor: Any, scope: Scope, job: ImportJob) -> ImportJob:
    """Queue a new run of a stopped or failed job (bulk.services.job_retry says which may be)."""
    retry = job_retry(actor=actor, scope=scope, job=job)
    transaction.on_commit(lambda: run_import_job.enqueue(retry.pk))
    return retry
