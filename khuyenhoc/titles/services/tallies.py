"""Keep `TitleTally` in step with the registrations: +1 where a registration arrives, −1/+1 when its
status moves. Called by the services in the transaction that changes the registrations, with one upsert
statement per batch (the same SQL on SQLite and PostgreSQL)."""

from collections import Counter
from collections.abc import Iterable

from django.db import connection, transaction

from khuyenhoc.titles.models import Registration, TitleTally

Move = tuple[Registration, str | None, str | None]  # a registration, its old status, its new one


def tally_apply(*, moves: Iterable[Move]) -> None:
    """Apply status moves to the tallies (None as old status: a new registration)."""
    changes: Counter = Counter()
    places: dict[tuple, str] = {}
    for reg, old, new in moves:
        if old == new:
            continue
        for status, step in ((old, -1), (new, 1)):
            if status is not None:
                key = (reg.year, reg.title, status, reg.org_path, reg.commune_code)
                changes[key] += step
                places[key] = reg.province_code
    rows = [(*key, places[key], n) for key, n in changes.items() if n]
    if not rows:
        return
    table = TitleTally._meta.db_table
    sql = (
        f'INSERT INTO "{table}" ("year", "title", "status", "org_path", "commune_code", '  # noqa: S608
        '"province_code", "count") VALUES (%s, %s, %s, %s, %s, %s, %s) '
        'ON CONFLICT ("year", "title", "status", "org_path", "commune_code") '
        f'DO UPDATE SET "count" = "{table}"."count" + excluded."count"'
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


@transaction.atomic
def tallies_rebuild() -> int:
    """Recount every tally from the registrations (after a restore, or to check); returns the rows."""
    TitleTally.objects.all().delete()
    table, source = TitleTally._meta.db_table, Registration._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f'INSERT INTO "{table}" ("year", "title", "status", "org_path", "commune_code", '  # noqa: S608
            '"province_code", "count") '
            f'SELECT "year", "title", "status", "org_path", "commune_code", MAX("province_code"), '
            f'COUNT(*) FROM "{source}" GROUP BY "year", "title", "status", "org_path", "commune_code"'
        )
    return TitleTally.objects.count()
