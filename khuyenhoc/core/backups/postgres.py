"""PostgreSQL's side of backups: pg_dump's custom format at one exported snapshot, and pg_restore.

pg_dump must be at least as new as the server, and pg_restore at least as new as the pg_dump that
wrote the archive; Debian installs each version's tools under /usr/lib/postgresql/<major>/bin.
"""

import glob
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

from django.db import connection
from django.utils.translation import gettext as _

from khuyenhoc.core.backups.archive import Snapshot
from khuyenhoc.core.backups.errors import BackupError

# The tables of the schemas on the search path (pg_catalog left out), plain or partitioned; not the
# partitions (a parent's count includes them).
TABLES = """
    SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
      AND n.nspname = ANY(current_schemas(false)) AND pg_table_is_visible(c.oid)
    ORDER BY c.relname
"""
LIBPQ_OPTIONS = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "passfile": "PGPASSFILE",
    "service": "PGSERVICE",
}


def pg_tool(name: str, at_least: int) -> tuple[str, str]:
    """The `name` to run (pg_dump, pg_restore) whose major version is `at_least` or newer."""
    candidates = [found] if (found := shutil.which(name)) else []
    candidates += sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=_major_in_path)[::-1]
    seen = []
    for path in candidates:
        version = _version(path)
        if version and int(version.split(".")[0]) >= at_least:
            return path, f"{name} {version}"
        seen.append(f"{path} ({version or '?'})")
    raise BackupError(
        _(
            "Không tìm thấy %(tool)s phiên bản %(major)s trở lên (cần cho PostgreSQL %(major)s); "
            "đã thấy: %(seen)s. Hãy cài gói postgresql-client-%(major)s."
        )
        % {"tool": name, "major": at_least, "seen": ", ".join(seen) or _("không có")}
    )


def _major_in_path(path: str) -> int:
    match = re.search(r"/postgresql/(\d+)/", path)
    return int(match.group(1)) if match else 0


def _version(path: str) -> str | None:
    try:
        done = subprocess.run(  # noqa: S603
            [path, "--version"], capture_output=True, text=True, timeout=30, check=False
        )
    except OSError:
        return None
    match = re.search(r"\) (\d+(?:\.\d+)?)", done.stdout)
    return match.group(1) if done.returncode == 0 and match else None


def pg_snapshot(into: Path) -> Snapshot:
    """pg_dump the database into `into`, at the snapshot whose row counts are also taken."""
    from psycopg import IsolationLevel

    server: Any = connection  # the PostgreSQL wrapper, which knows the server's version
    tool, tool_version = pg_tool("pg_dump", server.pg_version // 10000)
    raw: Any = connection.get_new_connection(connection.get_connection_params())
    try:
        # An exported snapshot: pg_dump sees exactly what this transaction sees.
        raw.isolation_level = IsolationLevel.REPEATABLE_READ
        raw.read_only = True
        with raw.cursor() as cursor:
            cursor.execute("SELECT pg_export_snapshot(), current_setting('server_version')")
            snapshot_id, server_version = cursor.fetchone()
            tables = pg_counts(cursor)
            migrations = _migrations(cursor) if "django_migrations" in tables else {}
        args = ["--format=custom", f"--snapshot={snapshot_id}", f"--file={into}"]
        _run(tool, [*args, "--no-password"])
    finally:
        raw.rollback()
        raw.close()
    return Snapshot(tables, migrations, server_version, tool_version)


def pg_tables() -> dict[str, int]:
    """Row counts of the tables of the database the application uses."""
    with connection.cursor() as cursor:
        return pg_counts(cursor)


def pg_counts(cursor: Any) -> dict[str, int]:
    cursor.execute(TABLES)
    names = [row[0] for row in cursor.fetchall()]
    counts = {}
    for name in names:
        quoted = '"' + name.replace('"', '""') + '"'
        cursor.execute(f"SELECT COUNT(*) FROM {quoted}")  # noqa: S608
        counts[name] = int(cursor.fetchone()[0])
    return counts


def _migrations(cursor: Any) -> dict[str, list[str]]:
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY id")
    applied: dict[str, list[str]] = {}
    for app, name in cursor.fetchall():
        applied.setdefault(app, []).append(name)
    return applied


def pg_restore(dump: Path, written_by: str) -> None:
    """pg_restore a custom-format dump into the (empty) database, all of it or none of it."""
    match = re.search(r"(\d+)", written_by)
    tool, _version_text = pg_tool("pg_restore", int(match.group(1)) if match else 0)
    name = str(connection.settings_dict["NAME"]).replace("\\", "\\\\").replace("'", "\\'")
    connection.close()
    args = ["--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error"]
    _run(tool, [*args, "--no-password", f"--dbname=dbname='{name}'", str(dump)])


def _run(tool: str, args: list[str]) -> None:
    done = subprocess.run(  # noqa: S603
        [tool, *args], env=_libpq_env(), capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise BackupError(
            _("%(tool)s dừng với mã %(code)s: %(error)s")
            % {"tool": tool, "code": done.returncode, "error": done.stderr.strip()[-2000:]}
        )


def _libpq_env() -> dict[str, str]:
    """The application's connection settings as libpq variables (no password on a command line)."""
    settings = connection.settings_dict
    env = dict(os.environ)
    named = {
        "PGDATABASE": "NAME",
        "PGHOST": "HOST",
        "PGPORT": "PORT",
        "PGUSER": "USER",
        "PGPASSWORD": "PASSWORD",
    }
    for variable, key in named.items():
        if settings.get(key):
            env[variable] = str(settings[key])
    for option, variable in LIBPQ_OPTIONS.items():
        if settings.get("OPTIONS", {}).get(option):
            env[variable] = str(settings["OPTIONS"][option])
    return env
