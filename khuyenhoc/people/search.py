"""Person search: by the start of any word of the name, without diacritics, or by CCCD.

"nguyen van an", "van an" and "an" all find "Nguyễn Văn An" (and "Nguyễn Văn Anh"): each is the start of
one of the name's word-suffixes kept in PersonNameKey, so a search is one index range on both databases,
already in order — no trigram or full-text index, nothing dialect-specific.
"""

import re

from django.db.models import QuerySet

from khuyenhoc.core.scope import prefix_q
from khuyenhoc.core.text import fold
from khuyenhoc.people.cccd import normalise_cccd
from khuyenhoc.people.models import PersonNameKey

_DIGITS = re.compile(r"^[\d\s.]+$")


def is_cccd_search(text: str) -> bool:
    """Whether the search text is a CCCD number (or its beginning) rather than a name."""
    return bool(_DIGITS.match(text.strip()))


def search_key(text: str) -> str:
    """The folded, single-spaced form of a name search ("  NGUYỄN  văn " → "nguyen van")."""
    return " ".join(fold(text).split())


def person_search(persons: QuerySet, text: str) -> QuerySet:
    """Filter `persons` by a name fragment at a word start, or by a CCCD (or its first digits)."""
    text = text.strip()
    if not text:
        return persons
    if is_cccd_search(text):
        digits = normalise_cccd(text)
        if len(digits) == 12:
            return persons.filter(cccd=digits)
        return persons.filter(prefix_q("cccd", digits)) if digits else persons.none()
    key = search_key(text)
    if not key:
        return persons.none()
    return persons.filter(
        pk__in=PersonNameKey.objects.filter(prefix_q("key", key)).values("person_id")
    )
