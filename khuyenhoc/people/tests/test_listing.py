"""Person pages: the two plans of the plain list agree, and name search finds every word start."""

import pytest

from khuyenhoc.core import listing as core_listing
from khuyenhoc.core.middleware import scope_for_user
from khuyenhoc.core.text import fold
from khuyenhoc.people import listing, selectors
from khuyenhoc.people.models import Person
from khuyenhoc.people.services.persons import person_update
from khuyenhoc.testing import factories as f

NAMES = [
    "Nguyễn Văn An",
    "Nguyễn Văn Anh",
    "Trần An Bình",
    "Lê Thị Lan",
    "Phạm Văn An",
    "An Văn Nam",
    "Đỗ Ân",
]


@pytest.fixture
def crowd(world):
    for i in range(40):
        f.person(world.commune_a if i % 3 else world.commune_b, full_name=NAMES[i % len(NAMES)])
    return world


def _walk(scope, search, size):
    """Every page forwards, then back again from the last page: the ids seen each way."""
    forward, cursor, page = [], None, None
    while True:
        page = listing.person_page(scope=scope, search=search, cursor=cursor, size=size)
        forward += [p.pk for p in page.items]
        if not page.has_next:
            break
        cursor = page.next_cursor
    backward = [p.pk for p in page.items]
    while page.has_prev:
        page = listing.person_page(scope=scope, search=search, cursor=page.prev_cursor, size=size)
        backward = [p.pk for p in page.items] + backward
    return forward, backward


@pytest.mark.parametrize("who", ["clerk_a", "province_admin"])
def test_window_plan_and_range_plan_list_the_same_pages(crowd, monkeypatch, who):
    scope = scope_for_user(getattr(crowd, who))

    window = _walk(scope, "", 4)
    monkeypatch.setattr(
        core_listing, "WINDOW", 3
    )  # too small to fill a page: the range plan answers
    ranged = _walk(scope, "", 4)

    assert window == ranged
    forward, backward = window
    assert forward == backward
    keys = [(p.name_key, p.pk) for p in Person.objects.in_bulk(forward).values()]
    assert [k[1] for k in sorted(keys)] == forward
    assert set(forward) == set(Person.objects.in_scope(scope).values_list("pk", flat=True))


@pytest.mark.parametrize(
    "search", ["van an", "AN", "nguyễn", "an binh", "lan", "khong co ai", "  "]
)
@pytest.mark.parametrize("who", ["clerk_a", "province_admin"])
def test_name_search_finds_every_word_start_inside_the_scope(crowd, search, who):
    scope = scope_for_user(getattr(crowd, who))
    key = " ".join(fold(search).split())
    visible = Person.objects.in_scope(scope)

    forward, backward = _walk(scope, search, 3)

    expected = {
        p.pk
        for p in visible
        if not key or any(" ".join(p.name_key.split()[i:]).startswith(key) for i in range(3))
    }
    assert set(forward) == expected
    assert forward == backward
    assert len(forward) == len(set(forward))


@pytest.mark.parametrize(
    "search", ["van an", "  ĐỖ  ân ", "040", "040 0", "khong co ai", "123456789", "!", ""]
)
def test_the_page_and_the_selector_read_a_typed_search_alike(crowd, search):
    scope = scope_for_user(crowd.province_admin)

    paged = listing.person_page(scope=scope, search=search, size=100).items

    assert {p.pk for p in paged} == set(
        selectors.person_list(scope=scope, search=search).values_list("pk", flat=True)
    )


def test_short_fragment_matches_word_starts(crowd):
    scope = scope_for_user(crowd.province_admin)

    names = {p.full_name for p in listing.person_page(scope=scope, search="an", size=100).items}

    assert names == {
        "Nguyễn Văn An",
        "Nguyễn Văn Anh",
        "Trần An Bình",
        "Phạm Văn An",
        "An Văn Nam",
        "Đỗ Ân",
    }


def test_renamed_or_moved_person_is_found_under_the_new_name_and_scope(crowd):
    person = Person.objects.filter(org_node=crowd.commune_a).first()

    person_update(
        actor=None,
        scope=f.ROOT,
        person=person,
        data={"full_name": "Vương Thị Hiếm", "org_node": crowd.commune_b},
    )

    found_b = listing.person_page(scope=scope_for_user(crowd.clerk_b), search="thi hiem").items
    found_a = listing.person_page(scope=scope_for_user(crowd.clerk_a), search="hiem").items
    assert [p.pk for p in found_b] == [person.pk]
    assert found_a == []


def test_org_filter_outside_scope_shows_nothing(crowd):
    scope = scope_for_user(crowd.clerk_a)

    page = listing.person_page(scope=scope, org_node=crowd.commune_b)

    assert page.items == []


def test_the_name_key_table_is_clustered_on_its_primary_key(db):
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT sql FROM sqlite_master WHERE name = 'people_personnamekey'")
            assert cursor.fetchone()[0].endswith("WITHOUT ROWID")
        else:  # PostgreSQL: a heap with the primary key (person, key) as its own index
            cursor.execute(
                "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid "
                "AND a.attnum = ANY(i.indkey) WHERE i.indrelid = 'people_personnamekey'::regclass "
                "AND i.indisprimary ORDER BY array_position(i.indkey::int2[], a.attnum)"
            )
            assert [row[0] for row in cursor.fetchall()] == ["person_id", "key"]
