"""Test databases in which no two tables hand out the same ids.

Every table's ids would otherwise start at 1, so a view that takes one model's id for another's (a
programme's for an indicator's) still finds the right row and its test passes. `ids_spread` starts the
k-th table's new rows at (k + 1) × SPREAD. Rows the migrations loaded (places, organisation systems,
criteria sets) keep their small ids.

Usage: once, right after the test database is created (the root conftest.py's `django_db_setup`).
The starts hold for `db` tests (SQLite's sqlite_sequence rolls back to the start set here,
PostgreSQL's sequences only move forward) and for `transactional_db` tests (the flush after each one
deletes rows but resets no sequence), on SQLite and PostgreSQL. A test marked `django_db(reset_sequences=True)` (none is) would start every
table at 1 again.
"""

from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import connection

# Room for every row one whole test run adds to one table; sequences are not rolled back on PostgreSQL.
SPREAD = 1_000_000


def ids_spread() -> None:
    """Start the k-th table's (by name) next id at (k + 1) × SPREAD."""
    sequences = sorted(_sequences(), key=lambda seq: seq["table"])
    with connection.cursor() as cursor:
        for k, seq in enumerate(sequences):
            _check_room(cursor, seq)
            _sequence_restart(cursor, seq, (k + 1) * SPREAD)


def _sequences() -> list[dict[str, Any]]:
    found = connection.introspection.sequence_list()
    if connection.vendor != "sqlite":
        return found
    # SQLite lists every table; only AUTOINCREMENT ones (Django's AutoFields) keep a sequence.
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE sql LIKE '%AUTOINCREMENT%'")
        counted = {row[0] for row in cursor.fetchall()}
    return [seq for seq in found if seq["table"] in counted]


def _check_room(cursor: Any, seq: dict[str, Any]) -> None:
    quote = connection.ops.quote_name
    cursor.execute(f"SELECT MAX({quote(seq['column'] or 'id')}) FROM {quote(seq['table'])}")  # noqa: S608
    highest = cursor.fetchone()[0] or 0
    if highest >= SPREAD:
        raise ValueError(
            f"{seq['table']} already holds id {highest}: spread ids on a new test database only."
        )


def _sequence_restart(cursor: Any, seq: dict[str, Any], start: int) -> None:
    if connection.vendor == "postgresql":
        table, column = connection.ops.quote_name(seq["table"]), seq["column"] or "id"
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence(%s, %s), %s, false)", [table, column, start]
        )
    elif connection.vendor == "sqlite":
        # The next id is max(seq, largest id) + 1; a table never written to has no row here yet.
        cursor.execute("DELETE FROM sqlite_sequence WHERE name = %s", [seq["table"]])
        cursor.execute(
            "INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)", [seq["table"], start - 1]
        )
    else:  # the project runs on these two databases only (README); say so rather than guess
        raise ImproperlyConfigured(
            f"Test ids are spread on SQLite and PostgreSQL only, not on {connection.vendor}."
        )
