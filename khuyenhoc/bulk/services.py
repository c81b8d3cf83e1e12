"""Writes of the import engine's own records: a run's audit row and a background job's state.

The rows an import creates are written by the services of the app that declares the kind; these are
only the ImportJob rows that say who imported what, when, and how it went, and the access-log line of
every export.
"""

from pathlib import Path
from typing import Any

from django.utils import timezone

from khuyenhoc.bulk.jobs import job_dir
from khuyenhoc.bulk.kinds import Kind
from khuyenhoc.bulk.models import ImportJob, JobStatus
from khuyenhoc.bulk.report import ImportReport
from khuyenhoc.core.models import AccessKind, AccessRecord
from khuyenhoc.core.scope import Scope
from khuyenhoc.core.services import access_record

COUNTS = ("read", "created", "updated", "unchanged", "invalid")


def job_record(
    *, report: ImportReport, actor: Any, org: Any = None, job: ImportJob | None = None
) -> ImportJob:
    """Store the outcome of a run (a new row for command-line runs, the job's row for web runs)."""
    job = job or ImportJob(kind=report.kind, file_name=report.file_name, dry_run=report.dry_run)
    job.created_by = actor if getattr(actor, "pk", None) else None
    job.org_code = getattr(org, "code", "") or job.org_code
    for name in COUNTS:
        setattr(job, name, getattr(report, name))
    job.written, job.fatal = report.written, report.fatal
    job.problems = [vars(p) for p in report.problems[:200]]
    job.status = JobStatus.FAILED if report.fatal else JobStatus.DONE
    job.finished_at = timezone.now()
    job.save()
    return job


def job_create(
    *, actor: Any, kind: str, upload: Any, org_code: str, dry_run: bool, skip_invalid: bool
) -> ImportJob:
    """A queued job holding an uploaded file (stored beside the other imports' files)."""
    job = ImportJob.objects.create(
        kind=kind,
        file_name=upload.name[:255],
        org_code=org_code,
        created_by=actor,
        dry_run=dry_run,
        skip_invalid=skip_invalid,
    )
    path = job_dir() / f"{job.pk}-upload{Path(upload.name).suffix.lower()[:8]}"
    with open(path, "wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    job.upload = str(path)
    job.save(update_fields=["upload", "updated_at"])
    return job


def job_start(*, job: ImportJob) -> bool:
    """Mark a queued job as running; False when it already ran (a retried delivery)."""
    if job.status != JobStatus.QUEUED:
        return False
    job.status, job.started_at = JobStatus.RUNNING, timezone.now()
    job.save(update_fields=["status", "started_at", "updated_at"])
    return True


def export_record(
    *,
    actor: Any,
    scope: Scope,
    kind: Kind,
    records: Any,
    org: Any,
    full: bool,
    channel: str,
    ip: str | None = None,
) -> AccessRecord:
    """Record an export in the access log before it is written out: who, which kind, how many rows,
    masked or with full identity numbers, from which subtree (the unit asked for, else the user's)."""
    rows = records.count() if hasattr(records, "count") else 0
    where = f" — {org.name}" if org is not None else ""
    return access_record(
        actor=actor,
        kind=AccessKind.EXPORT_FULL if full else AccessKind.EXPORT,
        channel=channel,
        subject=f"{kind.label}{where}",
        org_path=org.path if org is not None else scope.home_path(),
        rows=rows,
        ip=ip,
    )
