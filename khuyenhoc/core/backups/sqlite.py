"""SQLite's side of backups: a snapshot through the online backup API, and its restore.

The snapshot is taken from a connection of its own, never from one the application uses, so no open
transaction of the caller leaks into it.
"""

import gzip
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import IO

from django.utils.translation import gettext as _

from khuyenhoc.core.backups.archive import Snapshot
from khuyenhoc.core.backups.errors import BackupError

# Seconds to wait for a lock: in WAL mode a reader waits only while a checkpoint resets the log.
BUSY_TIMEOUT = 30.0


def sqlite_snapshot(database: Path, into: Path) -> Snapshot:
    """Copy the live database into a gzip file `into`, as it was at one point in time."""
    if not database.is_file():
        raise BackupError(_("Không có cơ sở dữ liệu SQLite %(path)s.") % {"path": database})
    copy = into.with_suffix(".sqlite3")
    with (
        closing(sqlite3.connect(database, timeout=BUSY_TIMEOUT)) as source,
        closing(sqlite3.connect(copy)) as target,
    ):
        # pages=-1: the whole copy in one step, under one read transaction. In WAL mode writers go
        # on meanwhile, and the copy is the database as of that transaction's start.
        source.backup(target, pages=-1)
        target.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        snapshot = Snapshot(
            tables=sqlite_counts(target),
            migrations=_migrations(target),
            server_version=sqlite3.sqlite_version,
        )
    with open(copy, "rb") as plain, gzip.GzipFile(into, "wb", compresslevel=6, mtime=0) as packed:
        shutil.copyfileobj(plain, packed, 1 << 20)
    copy.unlink()
    return snapshot


def sqlite_tables(database: Path) -> dict[str, int]:
    """Row counts of an SQLite file's tables ({} when the file does not exist yet)."""
    if not database.is_file():
        return {}
    with closing(sqlite3.connect(database, timeout=BUSY_TIMEOUT)) as connection:
        return sqlite_counts(connection)


def sqlite_counts(connection: sqlite3.Connection) -> dict[str, int]:
    """Every table's row count (sqlite_sequence too: it holds the next ids)."""
    names = [
        row[0]
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
        )
    ]
    return {name: _count(connection, name) for name in names}


def _count(connection: sqlite3.Connection, table: str) -> int:
    quoted = '"' + table.replace('"', '""') + '"'
    return int(connection.execute(f"SELECT COUNT(*) FROM {quoted}").fetchone()[0])  # noqa: S608


def _migrations(connection: sqlite3.Connection) -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    found = connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'django_migrations'"
    ).fetchone()
    if found:
        for app, name in connection.execute("SELECT app, name FROM django_migrations ORDER BY id"):
            applied.setdefault(app, []).append(name)
    return applied


def sqlite_restore(packed: IO[bytes], database: Path) -> None:
    """Write a gzip snapshot into the (empty) database file, through the backup API."""
    staging = database.with_name(database.name + ".restoring")
    try:
        with gzip.GzipFile(fileobj=packed) as plain, open(staging, "wb") as copy:
            shutil.copyfileobj(plain, copy, 1 << 20)
        with (
            closing(sqlite3.connect(staging)) as source,
            closing(sqlite3.connect(database, timeout=BUSY_TIMEOUT)) as target,
        ):
            source.backup(target, pages=-1)
    except (OSError, EOFError, sqlite3.DatabaseError) as error:
        raise BackupError(
            _("Không ghi được cơ sở dữ liệu SQLite %(path)s: %(error)s")
            % {"path": database, "error": error}
        ) from None
    finally:
        staging.unlink(missing_ok=True)
