"""Person search: by the start of any word of the name, without diacritics, or by CCCD.

"nguyen van an", "van an" and "an" all find "Nguyễn Văn An" (and "Nguyễn Văn Anh"): each is the start of
one of the name's word-suffixes kept in PersonNameKey, so a search is one index range on both databases,
already in order — no trigram or full-text index, nothing dialect-specific.

`search_terms` is the one reading of what was typed; `person_search` (the selectors) and the name page
of `listing.person_page` both start from it.
"""

from dataclasses import dataclass

from django.db.models import QuerySet

from khuyenhoc.core.scope import prefix_q
from khuyenhoc.core.text import fold
from khuyenhoc.people.cccd import CCCD_LENGTH, CccdError, cccd_typed_digits, parse_cccd
from khuyenhoc.people.models import PersonNameKey


@dataclass(frozen=True)
class SearchTerms:
    """What a typed search asks for: a whole CCCD, the first digits of one, or name word starts."""

    cccd: str = ""
    cccd_start: str = ""
    name_key: str = ""
    matches_nobody: bool = False


NOBODY = SearchTerms(matches_nobody=True)


def search_terms(text: str) -> SearchTerms:
    """Read a typed search: a number is a CCCD (by the people rule) or its beginning, else a name."""
    text = text.strip()
    if not text:
        return SearchTerms()
    try:
        return SearchTerms(cccd=parse_cccd(text))
    except CccdError:
        digits = cccd_typed_digits(text)
    if digits is not None:
        return SearchTerms(cccd_start=digits) if len(digits) < CCCD_LENGTH else NOBODY
    key = " ".join(fold(text).split())
    return SearchTerms(name_key=key) if key else NOBODY


def namekeys_matching(key: str) -> QuerySet[PersonNameKey]:
    """The word-suffix keys that start with the folded name search `key`."""
    return PersonNameKey.objects.filter(prefix_q("key", key))


def person_search(persons: QuerySet, text: str) -> QuerySet:
    """Filter `persons` by a name fragment at a word start, or by a CCCD (or its first digits)."""
    terms = search_terms(text)
    if terms.matches_nobody:
        return persons.none()
    if terms.cccd:
        return persons.filter(cccd=terms.cccd)
    if terms.cccd_start:
        return persons.filter(prefix_q("cccd", terms.cccd_start))
    if terms.name_key:
        return persons.filter(pk__in=namekeys_matching(terms.name_key).values("person_id"))
    return persons
