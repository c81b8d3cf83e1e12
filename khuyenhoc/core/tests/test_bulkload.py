"""The bulk-load session: its settings hold during a run and are gone after it, rollback or not."""

import pytest
from django.db import connection, transaction

from khuyenhoc.core.bulkload import SQLITE_LOAD_CACHE_KIB, bulk_load_session


def _setting() -> str:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW enable_seqscan")
        else:
            cursor.execute("PRAGMA cache_size")
        return str(cursor.fetchone()[0])


@pytest.mark.parametrize("rolled_back", [False, True])
def test_the_session_tunes_the_run_and_leaves_the_connection_as_it_was(db, rolled_back):
    before = _setting()

    with transaction.atomic(), bulk_load_session():
        during = _setting()
        if rolled_back:
            transaction.set_rollback(True)

    tuned = "off" if connection.vendor == "postgresql" else str(-SQLITE_LOAD_CACHE_KIB)
    assert (during, before) == (tuned, _setting())
    assert during != before
