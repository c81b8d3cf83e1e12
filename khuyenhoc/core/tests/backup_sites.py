"""Installations for the backup tests: a database of the kind the suite runs on and a var/ folder,
driven through the real `khuyenhoc` command in subprocesses, and read back with the drivers.

On SQLite a site is a file under the test's temporary folder; on PostgreSQL (the suite run with a
postgres:// DATABASE_URL) a database of its own on that server, dropped when the test is done.
"""

import hashlib
import os
import secrets
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SUITE_URL = os.environ.get("DATABASE_URL", "")
ON_POSTGRES = SUITE_URL.startswith("postgres")


@dataclass
class Site:
    url: str
    var: Path

    @property
    def media(self) -> Path:
        return self.var / "media"

    def run(self, *args: str, timeout: int = 600) -> subprocess.CompletedProcess:
        """`khuyenhoc ARGS` against this site, in a process of its own."""
        env = {
            **os.environ,
            "DATABASE_URL": self.url,
            "KHUYENHOC_VAR_DIR": str(self.var),
            "DJANGO_SETTINGS_MODULE": "khuyenhoc.settings",
        }
        command = [sys.executable, "-m", "khuyenhoc.cli", *args]
        return subprocess.run(  # noqa: S603
            command, env=env, capture_output=True, text=True, timeout=timeout, check=False
        )

    def connect(self) -> Any:
        """A driver connection (sqlite3 or psycopg) to the site's database."""
        if ON_POSTGRES:
            import psycopg

            return psycopg.connect(self.url)
        return sqlite3.connect(self.url.removeprefix("sqlite:///"), timeout=30)

    def tables(self) -> list[str]:
        """Every table the database holds (sqlite_sequence too: it holds the next ids)."""
        query = (
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
            if ON_POSTGRES
            else "SELECT name FROM sqlite_master WHERE type = 'table'"
        )
        with closing(self.connect()) as connection:
            return sorted(row[0] for row in connection.execute(query).fetchall())

    def digests(self) -> dict[str, tuple[int, str]]:
        """Each table's (row count, hash of its rows in a fixed order); PostgreSQL's sequences too."""
        found = {}
        with closing(self.connect()) as connection:
            for table in self.tables():
                rows = connection.execute(f'SELECT * FROM "{table}"').fetchall()  # noqa: S608
                lines = sorted(repr(tuple(row)) for row in rows)
                found[table] = (len(rows), hashlib.sha256("\n".join(lines).encode()).hexdigest())
            if ON_POSTGRES:
                query = "SELECT sequencename, last_value FROM pg_sequences ORDER BY 1"
                found["(sequences)"] = (0, repr(connection.execute(query).fetchall()))
        return found

    def media_digests(self) -> dict[str, str]:
        """Each file under MEDIA_ROOT by its path there, with its SHA-256."""
        if not self.media.exists():
            return {}
        return {
            path.relative_to(self.media).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(self.media.rglob("*"))
            if path.is_file()
        }


@contextmanager
def new_site(folder: Path, name: str) -> Iterator[Site]:
    """An installation with an empty database (no table) and an empty var/ folder."""
    var = folder / f"{name}-var"
    var.mkdir(parents=True)
    if not ON_POSTGRES:
        yield Site(f"sqlite:///{folder / name}.sqlite3", var)
        return
    import psycopg

    server = SUITE_URL.rsplit("/", 1)[0]
    database = f"khuyenhoc_{name}_{secrets.token_hex(4)}"
    with psycopg.connect(server + "/postgres", autocommit=True) as connection:
        connection.execute(f"CREATE DATABASE {database}")
    try:
        yield Site(f"{server}/{database}", var)
    finally:
        with psycopg.connect(server + "/postgres", autocommit=True) as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
