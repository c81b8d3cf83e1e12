"""`khuyenhoc backup`: a consistent snapshot of the database and the uploaded files, in one archive."""

import datetime
import tarfile
import tempfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from khuyenhoc.core.backups.archive import (
    DATABASE_MEMBERS,
    MEDIA,
    ArchiveWriter,
    Manifest,
    Snapshot,
)
from khuyenhoc.core.backups.errors import BackupError
from khuyenhoc.core.backups.media import media_files
from khuyenhoc.core.backups.postgres import pg_snapshot
from khuyenhoc.core.backups.sqlite import sqlite_snapshot
from khuyenhoc.core.numbers import number_text


@dataclass
class BackupSummary:
    path: Path
    size: int
    tables: dict[str, int]
    media: int


def backup_default_path() -> Path:
    """var/backups/khuyenhoc-YYYYmmdd-HHMMSS.tar, in Vietnam's time."""
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    return Path(settings.VAR_DIR) / "backups" / f"khuyenhoc-{stamp}.tar"


def backup_create(output: Path | None = None) -> BackupSummary:
    """Write the database (as of one point in time) and then the uploaded files into `output`.

    The database is copied first: a file uploaded while the files are being copied may be in the
    archive without its row, never a row without the file it had when the snapshot was taken (files
    are added, not replaced). The archive is written under a temporary name and renamed when whole.
    """
    output = (output or backup_default_path()).absolute()
    if output.exists():
        raise BackupError(_("Tệp %(path)s đã có; hãy chọn tên khác.") % {"path": output})
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(output.name + ".part")
    with tempfile.TemporaryDirectory(dir=output.parent, prefix=".khuyenhoc-backup-") as work:
        dump, taken_at = Path(work) / "database", timezone.now()
        snapshot = _database_snapshot(dump)
        manifest = _manifest(snapshot, taken_at)
        try:
            media = _archive_write(
                partial, dump, manifest, skip={output.resolve(), partial.resolve()}
            )
            partial.replace(output)
        finally:
            partial.unlink(missing_ok=True)
    return BackupSummary(output, output.stat().st_size, snapshot.tables, media)


def _database_snapshot(into: Path) -> Snapshot:
    if connection.vendor == "sqlite":
        return sqlite_snapshot(Path(connection.settings_dict["NAME"]), into)
    if connection.vendor == "postgresql":
        return pg_snapshot(into)
    raise BackupError(
        _("Chỉ sao lưu được SQLite và PostgreSQL, không phải %(vendor)s.")
        % {"vendor": connection.vendor}
    )


def _archive_write(path: Path, dump: Path, manifest: Manifest, skip: set[Path]) -> int:
    """Write the archive; the number of media files it holds."""
    media = 0
    with tarfile.open(path, "x:", format=tarfile.PAX_FORMAT) as tar:
        writer = ArchiveWriter(tar)
        writer.add_file(DATABASE_MEMBERS[connection.vendor], dump)
        for name, file in media_files(Path(settings.MEDIA_ROOT), skip):
            media += writer.add_file(MEDIA + name, file)
        writer.close(manifest)
    return media


def _manifest(snapshot: Snapshot, taken_at: datetime.datetime) -> Manifest:
    try:
        version = metadata.version("khuyenhoc")
    except metadata.PackageNotFoundError:
        version = ""
    return Manifest(
        created_at=taken_at.isoformat(timespec="seconds"),
        engine=connection.vendor,
        server_version=snapshot.server_version,
        app_version=version,
        migrations=snapshot.migrations,
        tables=snapshot.tables,
        tool=snapshot.tool,
    )


def backup_size_text(size: int) -> str:
    """A file size for people: "12,3 MB"."""
    for unit, scale in (("GB", 1 << 30), ("MB", 1 << 20), ("kB", 1 << 10)):
        if size >= scale:
            return f"{number_text(size / scale, decimals=1)} {unit}"
    return f"{size} B"
