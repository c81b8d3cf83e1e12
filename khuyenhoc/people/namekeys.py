"""Word-suffix keys of persons' names, the index behind name search (see PersonNameKey)."""

from collections.abc import Iterable

from khuyenhoc.people.models import Person, PersonNameKey


def name_suffixes(name_key: str) -> list[str]:
    """ "nguyen van an" → ["nguyen van an", "van an", "an"] (each word start to the end)."""
    words = name_key.split()
    return [" ".join(words[i:]) for i in range(len(words))]


def namekeys_for(persons: Iterable[Person]) -> list[PersonNameKey]:
    """Unsaved key rows for `persons` (bulk loads insert them with bulk_create)."""
    return [
        PersonNameKey(person_id=person.pk, key=key, org_path=person.org_path)
        for person in persons
        for key in dict.fromkeys(name_suffixes(person.name_key))
    ]


def namekeys_refresh(person: Person) -> None:
    """Replace the person's keys after its name or organisation changed."""
    PersonNameKey.objects.filter(person=person).delete()
    PersonNameKey.objects.bulk_create(namekeys_for([person]))
