"""Import runs as records: the audit event of every run, and background imports with a progress file."""

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from khuyenhoc.bulk.models import ImportJob, JobStatus
from khuyenhoc.bulk.report import ImportReport
from khuyenhoc.core.errors import NotFoundError

COUNTS = ("read", "created", "updated", "unchanged", "invalid")


def record_run(
    report: ImportReport, *, actor: Any, org: Any = None, job: ImportJob | None = None
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


def job_dir() -> Path:
    """Where uploads, reports and progress files of background imports live."""
    path = Path(settings.MEDIA_ROOT) / "imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def progress_path(job_id: int) -> Path:
    return job_dir() / f"{job_id}.progress.json"


def write_progress(job_id: int, rows: int, total: int | None) -> None:
    """Publish progress outside the import's transaction (a file, so both databases can show it)."""
    tmp = progress_path(job_id).with_suffix(".tmp")
    tmp.write_text(json.dumps({"rows": rows, "total": total}))
    tmp.replace(progress_path(job_id))


def estimate_rows(path: Path) -> int | None:
    """Roughly how many rows a file holds: its line count for text files, unknown for workbooks."""
    with open(path, "rb") as source:
        head = source.read(8)
        if head.startswith((b"PK", b"\xd0\xcf\x11\xe0")):
            return None
        source.seek(0)
        return sum(chunk.count(b"\n") for chunk in iter(lambda: source.read(1 << 20), b""))


def read_progress(job_id: int) -> dict[str, Any]:
    """The last published progress of a job ({} before it starts)."""
    try:
        return json.loads(progress_path(job_id).read_text())
    except (OSError, ValueError):
        return {}


def job_list(*, user: Any) -> QuerySet[ImportJob]:
    """The imports a user ran, newest first."""
    return ImportJob.objects.filter(created_by=user).order_by("-created_at", "-id")


def job_get(*, user: Any, pk: int) -> ImportJob:
    """One of the user's imports."""
    found = job_list(user=user).filter(pk=pk).first()
    if found is None:
        raise NotFoundError("ImportJob")
    return found
