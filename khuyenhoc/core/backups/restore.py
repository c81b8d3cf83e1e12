"""`khuyenhoc restore FILE`: an archive back into an empty database and its files into MEDIA_ROOT.

Everything that can refuse is checked before anything is written: the archive (manifest, members,
checksums), its engine and migrations against this installation, the target database (it must have
no table at all: a new PostgreSQL database, or an SQLite file that does not exist yet) and the files
already under MEDIA_ROOT (never overwritten).
"""

import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.utils.translation import gettext as _

from khuyenhoc.core.backups.archive import Manifest, archive_read, archive_verify, member_chunks
from khuyenhoc.core.backups.errors import BackupError
from khuyenhoc.core.backups.media import media_check, media_remove, media_restore
from khuyenhoc.core.backups.postgres import pg_restore, pg_tables
from khuyenhoc.core.backups.sqlite import sqlite_restore, sqlite_tables

ENGINE_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


@dataclass
class RestoreSummary:
    manifest: Manifest
    tables: dict[str, int]
    media: int
    migrations_behind: int  # migrations of this version the archive's database has not applied


def backup_restore(path: Path) -> RestoreSummary:
    """Restore the archive at `path` into the configured (empty) database and MEDIA_ROOT."""
    tar, manifest = archive_read(path)
    media_root = Path(settings.MEDIA_ROOT)
    with tar:
        _check_engine(manifest)
        behind = _check_migrations(manifest)
        _check_empty(target_tables())
        archive_verify(tar, manifest)
        media_check(tar, manifest, media_root)
        written = media_restore(tar, manifest, media_root)
        try:
            _database_restore(tar, manifest)
        except BaseException:
            media_remove(written)
            raise
    tables = target_tables()
    _check_counts(manifest, tables)
    return RestoreSummary(manifest, tables, len(manifest.media), behind)


def target_tables() -> dict[str, int]:
    """Row counts of the configured database's tables."""
    if connection.vendor == "sqlite":
        return sqlite_tables(Path(connection.settings_dict["NAME"]))
    return pg_tables()


def _check_engine(manifest: Manifest) -> None:
    if manifest.engine != connection.vendor:
        raise BackupError(
            _(
                "Bản sao lưu này là của %(archive)s, còn cơ sở dữ liệu đích là %(target)s: không "
                "khôi phục chéo được. Hãy đặt DATABASE_URL tới một cơ sở dữ liệu %(archive)s mới."
            )
            % {
                "archive": ENGINE_NAMES.get(manifest.engine, manifest.engine),
                "target": ENGINE_NAMES.get(connection.vendor, connection.vendor),
            }
        )


def _check_migrations(manifest: Manifest) -> int:
    """Refuse an archive from a newer version; how many of this version's migrations it lacks."""
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    applied = {(app, name) for app, names in manifest.migrations.items() for name in names}
    unknown = sorted(f"{app}.{name}" for app, name in applied - known)
    if unknown:
        raise BackupError(
            _(
                "Bản sao lưu được tạo bởi một phiên bản mới hơn (có migration %(names)s mà phiên "
                "bản này không có): hãy cập nhật phần mềm trước khi khôi phục."
            )
            % {"names": ", ".join(unknown[:5])}
        )
    return len(known - applied)


def _check_empty(tables: dict[str, int]) -> None:
    """The target must have no table: a restore never merges into or replaces existing data."""
    if not tables:
        return
    where = _("cơ sở dữ liệu đích %(name)s") % {"name": connection.settings_dict["NAME"]}
    filled = [(name, rows) for name, rows in tables.items() if rows]
    if filled:
        name, rows = filled[0]
        raise BackupError(
            _(
                "Không khôi phục: %(where)s không trống — bảng %(table)s có %(rows)s dòng. Chỉ "
                "khôi phục vào một cơ sở dữ liệu mới chưa chạy migrate (SQLite: một tệp chưa có; "
                "PostgreSQL: một cơ sở dữ liệu vừa tạo bằng createdb)."
            )
            % {"where": where, "table": name, "rows": rows}
        )
    raise BackupError(
        _(
            "Không khôi phục: %(where)s đã có %(count)s bảng (như %(table)s), dù chưa có dòng nào. "
            "Chỉ khôi phục vào một cơ sở dữ liệu mới, chưa có bảng nào."
        )
        % {"where": where, "count": len(tables), "table": next(iter(tables))}
    )


def _database_restore(tar: tarfile.TarFile, manifest: Manifest) -> None:
    if manifest.engine == "sqlite":
        connection.close()
        with tar.extractfile(manifest.database_member) as source:  # type: ignore[union-attr]
            sqlite_restore(source, Path(connection.settings_dict["NAME"]))
        return
    with tempfile.TemporaryDirectory(dir=settings.VAR_DIR, prefix=".khuyenhoc-restore-") as work:
        dump = Path(work) / "postgresql.dump"
        with open(dump, "wb") as out:
            for chunk in member_chunks(tar, manifest.database_member):
                out.write(chunk)
        pg_restore(dump, manifest.tool)


def _check_counts(manifest: Manifest, tables: dict[str, int]) -> None:
    for name, expected in manifest.tables.items():
        if tables.get(name) != expected:
            raise BackupError(
                _(
                    "Đã khôi phục, nhưng bảng %(table)s có %(found)s dòng thay vì %(expected)s như "
                    "bản sao lưu ghi: hãy kiểm tra lại cơ sở dữ liệu trước khi dùng."
                )
                % {"table": name, "found": tables.get(name, 0), "expected": expected}
            )
