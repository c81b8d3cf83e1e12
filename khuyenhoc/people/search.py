"""Person search by name without diacritics or by CCCD, served from an index on both databases.

The dialect-specific part sits in `_name_contains`: PostgreSQL answers LIKE '%…%' from a pg_trgm GIN
index; SQLite from the FTS5 trigram table kept in step by triggers (migration 0003).
"""

import re

from django.db import connection
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL

from khuyenhoc.core.text import fold
from khuyenhoc.people.cccd import normalise_cccd

_DIGITS = re.compile(r"^[\d\s.]+$")
MIN_FRAGMENT = 3


def like_patterns(key: str) -> list[str]:
    """The LIKE patterns (any may match) equivalent to the name condition of `person_search`."""
    escaped = key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    if len(key) < MIN_FRAGMENT:
        return [escaped, f"{escaped} %", f"% {escaped}", f"% {escaped} %"]
    return [f"%{escaped}%"]


def is_cccd_search(text: str) -> bool:
    """Whether the search text is a CCCD number (or its beginning) rather than a name."""
    return bool(_DIGITS.match(text.strip()))


def person_search(persons: QuerySet, text: str) -> QuerySet:
    """Filter `persons` by a name fragment ("nguyen van an" finds "Nguyễn Văn An") or a CCCD."""
    text = text.strip()
    if not text:
        return persons
    if is_cccd_search(text):
        digits = normalise_cccd(text)
        if len(digits) == 12:
            return persons.filter(cccd=digits)
        upper = digits[:-1] + chr(ord(digits[-1]) + 1) if digits else digits
        return persons.filter(cccd__gte=digits, cccd__lt=upper)
    key = fold(text)
    return persons.filter(_name_contains(key))


def _name_contains(key: str) -> Q:
    if len(key) < MIN_FRAGMENT:
        # Trigram indexes need three characters; a short fragment matches whole words only.
        return (
            Q(name_key=key)
            | Q(name_key__startswith=f"{key} ")
            | Q(name_key__endswith=f" {key}")
            | Q(name_key__contains=f" {key} ")
        )
    if connection.vendor == "sqlite":
        phrase = '"' + key.replace('"', '""') + '"'
        matching = RawSQL(
            "SELECT rowid FROM people_person_name_fts WHERE people_person_name_fts MATCH %s",
            (phrase,),
        )
        return Q(id__in=matching)
    return Q(name_key__contains=key)
