"""Today's date in Vietnam, read once a second at most (imports check a date on every row)."""

import datetime
import time

from django.utils import timezone

_cache: list[tuple[float, datetime.date]] = []


def today() -> datetime.date:
    """timezone.localdate(), remembered for one second."""
    now = time.monotonic()
    if not _cache or now - _cache[0][0] > 1.0:
        _cache[:] = [(now, timezone.localdate())]
    return _cache[0][1]
