"""Background imports: the web form stores the file and queues a job; `khuyenhoc db_worker` runs it."""

from pathlib import Path
from typing import Any

from django.db import transaction
from django_tasks import task

from khuyenhoc.bulk import registry
from khuyenhoc.bulk.engine import run_import
from khuyenhoc.bulk.jobs import estimate_rows, job_dir, write_progress
from khuyenhoc.bulk.kinds import ImportContext
from khuyenhoc.bulk.models import ImportJob
from khuyenhoc.bulk.services import job_create, job_record, job_start
from khuyenhoc.core.middleware import scope_for_user


@task()
def run_import_job(job_id: int) -> None:
    """Run a queued web import; progress goes to a file the job page polls."""
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    if not job_start(job=job):
        return  # already run (a retried delivery must not import twice)
    scope = scope_for_user(job.created_by)
    org = registry.find_org(scope, job.org_code) if job.org_code else None
    ctx = ImportContext(actor=job.created_by, scope=scope, org=org)
    report_path = job_dir() / f"{job.pk}-report.xlsx"
    total = estimate_rows(Path(job.upload))
    write_progress(job.pk, 0, total)
    report = run_import(
        job.kind,
        Path(job.upload),
        ctx=ctx,
        file_name=job.file_name,
        dry_run=job.dry_run,
        skip_invalid=job.skip_invalid,
        report_path=report_path,
        progress=lambda rows: write_progress(job.pk, rows, total),
    )
    job.report_file = str(report_path) if report_path.exists() else ""
    job_record(report=report, actor=job.created_by, org=org, job=job)


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
