"""Fixtures of the tests that run the engine in real, separate processes."""

import os
import re
from pathlib import Path

import pytest


@pytest.fixture
def scratch_database_url(tmp_path: Path, request: pytest.FixtureRequest):
    """A scratch database of the kind the suite runs on (a SQLite file or a PostgreSQL database of
    its own, named after the test), for processes that cannot share the test's transaction."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        yield f"sqlite:///{tmp_path / 'scratch.sqlite3'}"
        return
    import psycopg

    test = re.sub(r"\W+", "_", request.node.name[:40].lower())
    base, name = url.rsplit("/", 1)[0], f"khuyenhoc_{test}_{os.getpid()}"
    with psycopg.connect(base + "/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    yield f"{base}/{name}"
    with psycopg.connect(base + "/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
