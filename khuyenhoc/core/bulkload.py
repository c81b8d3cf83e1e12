"""Fast inserts for imports: the database's own bulk path (PostgreSQL COPY, SQLite executemany).

Django's bulk_create builds a model instance per row and one multi-row INSERT per batch; at import scale
that costs more than the database itself. The two dialect branches sit here, behind one interface, and the
whole suite runs on both databases. Must be called inside a transaction.
"""

from collections.abc import Iterable, Sequence
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
