"""Word-suffix keys of persons' names, the index behind name search (see PersonNameKey)."""

from collections.abc import Iterable

from khuyenhoc.people.models import Person


def name_suffixes(name_key: str) -> list[str]:
    """ "nguyen van an" → ["nguyen van an", "van an", "an"] (each word start to the end)."""
    words = name_key.split()
    return [" ".join(words[i:]) for i in range(len(words))]


def name_keys(name_key: str) -> tuple[str, ...]:
    """The distinct keys a person with this folded name is found by."""
    return tuple(dict.fromkeys(name_suffixes(name_key)))


def namekey_rows(persons: Iterable[Person]) -> list[tuple[int, str, str]]:
    """(person id, key, org path) for every key of `persons` (bulk loads insert these tuples)."""
    return [(p.pk, key, p.org_path) for p in persons for key in name_keys(p.name_key)]
