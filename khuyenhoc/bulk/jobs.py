"""Import runs as records: reading them, and the progress and lease files of background imports
(written outside the import's transaction). Their rows are written by bulk.services.

A running job's lease is a file that a thread of the worker process rewrites every quarter of
IMPORT_LEASE_SECONDS; when the process dies (killed, machine down) the renewals stop and, once the
lease has expired, the job is taken for dead. Why a file and not a column: on SQLite the import's
one transaction holds the database's only write lock for the whole run, so a heartbeat UPDATE from
another connection would wait for the very run it reports on; a file is written at once on both
databases, beside the upload and the progress file, which the web and the worker already share. Why
a thread and not the progress callback: a run can go quiet for long stretches (loading look-up
tables, committing millions of rows), and a lease must only stop when the process does.
"""

import json
import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from khuyenhoc.bulk.models import ImportJob, JobStatus
from khuyenhoc.core.errors import NotFoundError


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


def worker_name() -> str:
    """This process as a job's worker: "host:pid"."""
    return f"{socket.gethostname()}:{os.getpid()}"


def lease_path(job_id: int) -> Path:
    return job_dir() / f"{job_id}.lease.json"


def _renew(job_id: int) -> None:
    tmp = lease_path(job_id).with_suffix(".tmp")
    tmp.write_text(json.dumps({"worker": worker_name(), "at": time.time()}))
    tmp.replace(lease_path(job_id))


@contextmanager
def heartbeat(job_id: int) -> Iterator[None]:
    """Hold a running job's lease while the block runs: a daemon thread renews it, and dies with
    the process (a forked parsing process does not inherit it)."""
    every = max(settings.IMPORT_LEASE_SECONDS / 4, 0.05)
    stop = threading.Event()

    def beat() -> None:
        while True:
            _renew(job_id)
            if stop.wait(every):
                return

    thread = threading.Thread(target=beat, name=f"import-lease-{job_id}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()
        lease_path(job_id).unlink(missing_ok=True)


def last_renewed(job: ImportJob) -> datetime | None:
    """When the job's lease was last renewed: its last heartbeat, else when a worker took it."""
    try:
        beat = json.loads(lease_path(job.pk).read_text())["at"]
    except (OSError, ValueError, KeyError, TypeError):
        return job.started_at
    renewed = datetime.fromtimestamp(float(beat), tz=timezone.get_current_timezone())
    return max(renewed, job.started_at) if job.started_at else renewed


def is_dead(job: ImportJob, now: datetime | None = None) -> bool:
    """Whether a running job's worker stopped renewing its lease longer than IMPORT_LEASE_SECONDS ago."""
    if job.status != JobStatus.RUNNING:
        return False
    renewed = last_renewed(job) or job.updated_at
    lease = timedelta(seconds=settings.IMPORT_LEASE_SECONDS)
    return (now or timezone.now()) - renewed > lease


def shown_status(job: ImportJob) -> str:
    """The job's status as its pages show it: a running job whose worker died has died."""
    return JobStatus.DIED if is_dead(job) else str(job.status)


def job_list(*, user: Any) -> QuerySet[ImportJob]:
    """The imports a user ran, newest first."""
    return ImportJob.objects.filter(created_by=user).order_by("-created_at", "-id")


def job_get(*, user: Any, pk: int) -> ImportJob:
    """One of the user's imports."""
    found = job_list(user=user).filter(pk=pk).first()
    if found is None:
        raise NotFoundError("ImportJob")
    return found
