"""Fast inserts for imports: the database's own bulk path (PostgreSQL COPY, SQLite executemany).

Django's bulk_create builds a model instance per row and one multi-row INSERT per batch; at import scale
that costs more than the database itself. The two dialect branches sit here, behind one interface, and the
whole suite runs on both databases. Must be called inside a transaction.
"""

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.db import connection
from django.db.models import Model


def allocate_ids(model: type[Model], count: int) -> list[int]:
    """Reserve `count` primary keys for rows inserted with explicit ids."""
    if count == 0:
        return []
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [table, count],
            )
            return [row[0] for row in cursor.fetchall()]
        # SQLite: the import's transaction holds the write lock (BEGIN IMMEDIATE), so no one else
        # can take these ids before the rows are written.
        cursor.execute(f'SELECT COALESCE(MAX("id"), 0) FROM "{table}"')  # noqa: S608
        start = cursor.fetchone()[0] + 1
    return list(range(start, start + count))


def insert_rows(table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """Insert plain tuples into `table` (values already in database form: ids, dates, strings)."""
    names = ", ".join(f'"{c}"' for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.copy(f'COPY "{table}" ({names}) FROM STDIN') as copy:
                for row in rows:
                    copy.write_row(row)
            return
        marks = ", ".join(["%s"] * len(columns))
        cursor.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', list(rows))  # noqa: S608


SQLITE_LOAD_CACHE_KIB = 128 * 1024


@contextmanager
def bulk_load_session() -> Iterator[None]:
    """Tune the connection for a run that loads large tables, inside the run's transaction.

    PostgreSQL plans from statistics taken before the run: to it, a table that was empty when the run
    began stays empty while the run fills it, so each batch's look-up by CCCD would scan the whole
    (growing) table; index plans are kept for the run (SET LOCAL ends with its transaction). SQLite's
    default page cache (2 MB) is far smaller than the indexes a large load updates, so each insert
    re-reads their pages from the OS; the run gets a 128 MB cache, and the connection its old size back.
    The benchmark's raw bulk load runs under the same session, so both are measured alike.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_setting('enable_seqscan')")
            before = cursor.fetchone()[0]
            cursor.execute("SET LOCAL enable_seqscan = off")
        yield  # if the run fails or is rolled back, the rollback undoes the SET LOCAL itself
        if not connection.needs_rollback:  # the run may sit inside a longer transaction
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config('enable_seqscan', %s, true)", [before])
        return
    # The page cache is the connection's, not the transaction's: set and restored on the driver's own
    # connection, which works even when the run's transaction is marked for rollback.
    connection.ensure_connection()
    sqlite = connection.connection
    before = sqlite.execute("PRAGMA cache_size").fetchone()[0]
    sqlite.execute(f"PRAGMA cache_size = -{SQLITE_LOAD_CACHE_KIB}")
    try:
        yield
    finally:
        sqlite.execute(f"PRAGMA cache_size = {int(before)}")
