"""Import runs as records: reading them, and the progress files of background imports (written
outside the import's transaction). Their rows are written by bulk.services."""

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import QuerySet

from khuyenhoc.bulk.models import ImportJob
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


def job_list(*, user: Any) -> QuerySet[ImportJob]:
    """The imports a user ran, newest first."""
    return ImportJob.objects.filter(created_by=user).order_by("-created_at", "-id")


def job_get(*, user: Any, pk: int) -> ImportJob:
    """One of the user's imports."""
    found = job_list(user=user).filter(pk=pk).first()
    if found is None:
        raise NotFoundError("ImportJob")
    return found
