"""Writes of the import engine's own records: a run's audit row and a background job's state.

The rows an import creates are written by the services of the app that declares the kind; these are
only the ImportJob rows that say who imported what, when, and how it went, and the access-log line of
every export.
"""

from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from khuyenhoc.bulk import registry
from khuyenhoc.bulk.jobs import is_dead, job_dir
from khuyenhoc.bulk.kinds import Kind
from khuyenhoc.bulk.models import ImportJob, JobStatus
from khuyenhoc.bulk.report import ImportReport
from khuyenhoc.core.errors import DomainError, ErrorCode, NotFoundError
from khuyenhoc.core.models import AccessKind, AccessRecord
from khuyenhoc.core.scope import Scope
from khuyenhoc.core.services import access_record, require

COUNTS = ("read", "created", "updated", "unchanged", "invalid")
# True because a run is one transaction: a run that never reached its commit wrote nothing.
DIED_MESSAGE = gettext_lazy("Tiến trình nhập đã dừng giữa chừng; không dòng nào được ghi.")
RETRYABLE = {JobStatus.FAILED, JobStatus.DIED}


def job_record(*, report: ImportReport, actor: Any, org: Any = None) -> ImportJob:
    """Store the outcome of a command-line run as a new row."""
    job = ImportJob(kind=report.kind, file_name=report.file_name, dry_run=report.dry_run)
    job.created_by = actor if getattr(actor, "pk", None) else None
    job.org_code = getattr(org, "code", "")
    for name, value in _outcome(report).items():
        setattr(job, name, value)
    job.save()
    return job


def job_finish(*, job: ImportJob, report: ImportReport) -> bool:
    """Store the outcome of a web run on its job, only while the job is still running: False when
    it was meanwhile taken for dead (then the caller rolls the run back, since a retry runs it)."""
    fields = _outcome(report) | {"report_file": job.report_file, "updated_at": timezone.now()}
    if not ImportJob.objects.filter(pk=job.pk, status=JobStatus.RUNNING).update(**fields):
        return False
    for name, value in fields.items():
        setattr(job, name, value)
    return True


def _outcome(report: ImportReport) -> dict[str, Any]:
    counts = {name: getattr(report, name) for name in COUNTS}
    return counts | {
        "written": report.written,
        "fatal": report.fatal,
        "problems": [vars(p) for p in report.problems[:200]],
        "status": JobStatus.FAILED if report.fatal else JobStatus.DONE,
        "finished_at": timezone.now(),
    }


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


def job_start(*, job: ImportJob, worker: str) -> bool:
    """Mark a queued job as running by `worker`; False when it is not queued any more (another
    worker took it, or it already ran). One conditional UPDATE, so two workers never both win."""
    now = timezone.now()
    fields = {"status": JobStatus.RUNNING, "started_at": now, "worker": worker, "updated_at": now}
    if not ImportJob.objects.filter(pk=job.pk, status=JobStatus.QUEUED).update(**fields):
        return False
    for name, value in fields.items():
        setattr(job, name, value)
    return True


def job_mark_died(*, job: ImportJob) -> bool:
    """Record that a running job's worker died (its lease expired); False if it is not dead."""
    if not is_dead(job):
        return False
    now = timezone.now()
    fields = {"status": JobStatus.DIED, "fatal": str(DIED_MESSAGE), "written": False}
    fields |= {"finished_at": now, "updated_at": now}
    if not ImportJob.objects.filter(pk=job.pk, status=JobStatus.RUNNING).update(**fields):
        return False
    for name, value in fields.items():
        setattr(job, name, value)
    return True


def jobs_mark_died() -> int:
    """Mark every running job whose worker died (the worker does it before each job it runs)."""
    return sum(job_mark_died(job=job) for job in ImportJob.objects.filter(status=JobStatus.RUNNING))


@transaction.atomic
def job_retry(*, actor: Any, scope: Scope, job: ImportJob) -> ImportJob:
    """A new queued run of a stopped or failed job's uploaded file, pointing to the run it retries.

    The old row stays as it was (history by appending); the job row is locked so that a double
    click queues one retry, and the one-to-one `retry_of` guarantees it in the database.
    """
    locked = ImportJob.objects.select_for_update().filter(pk=job.pk, created_by=actor).first()
    if locked is None:
        raise NotFoundError("ImportJob")
    job_mark_died(job=locked)
    _check_retryable(locked)
    _require_kind_action(scope, locked)
    return ImportJob.objects.create(
        kind=locked.kind, file_name=locked.file_name, upload=locked.upload,
        org_code=locked.org_code, created_by=actor, dry_run=locked.dry_run,
        skip_invalid=locked.skip_invalid, retry_of=locked, attempt=locked.attempt + 1,
    )  # fmt: skip


def _check_retryable(job: ImportJob) -> None:
    if hasattr(job, "retry"):
        raise DomainError(ErrorCode.INVALID, _("Lần nhập này đã được chạy lại."))
    if job.status not in RETRYABLE:
        raise DomainError(
            ErrorCode.INVALID,
            _("Chỉ chạy lại được lần nhập đã dừng giữa chừng hoặc không thành công; lần nhập này "
              "có trạng thái “%(status)s”.") % {"status": JobStatus(job.status).label},
        )  # fmt: skip
    if not job.upload or not Path(job.upload).is_file():
        raise DomainError(
            ErrorCode.INVALID,
            _("Tệp đã tải lên của lần nhập này không còn trên máy chủ; hãy tải tệp lên lại."),
        )


def _require_kind_action(scope: Scope, job: ImportJob) -> None:
    """The user must still be allowed the kind's action (under the job's unit, if it names one)."""
    action = registry.get(job.kind).action
    if not job.org_code:
        if not scope.can(action):
            raise PermissionDenied(_("Vai trò của bạn không được nhập loại dữ liệu này."))
        return
    org = registry.find_org(scope, job.org_code)
    if org is None:
        raise PermissionDenied(_("Không có đơn vị mã này trong phạm vi của bạn."))
    require(scope, action, org.path)


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
