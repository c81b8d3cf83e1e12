"""The two plans of the person list (name-order window, then scope/search index) give the same pages."""

import pytest

from khuyenhoc.core.middleware import scope_for_user
from khuyenhoc.people import listing
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


def _walk(scope, search, size, **kwargs):
    """Every page forwards, then back again from the last page; the names and ids seen."""
    seen, cursor, pages = [], None, []
    while True:
        page = listing.person_page(scope=scope, search=search, cursor=cursor, size=size, **kwargs)
        pages.append(page)
        seen += [(p.name_key, p.pk) for p in page.items]
        if not page.has_next:
            break
        cursor = page.next_cursor
    back = []
    page = pages[-1]
    while page.has_prev:
        page = listing.person_page(
            scope=scope, search=search, cursor=page.prev_cursor, size=size, **kwargs
        )
        back = [(p.name_key, p.pk) for p in page.items] + back
    return seen, back + [(p.name_key, p.pk) for p in pages[-1].items]


@pytest.mark.parametrize("search", ["", "van an", "an", "AN", "nguyen", "khong co ai"])
@pytest.mark.parametrize("who", ["clerk_a", "province_admin"])
def test_window_plan_and_index_plan_agree(crowd, monkeypatch, search, who):
    scope = scope_for_user(getattr(crowd, who))

    window_pages = _walk(scope, search, 4)
    monkeypatch.setattr(
        listing, "WINDOW", 3
    )  # too small to ever fill a page: the index plan answers
    index_pages = _walk(scope, search, 4)

    assert window_pages == index_pages
    forward, backward = window_pages
    assert forward == backward
    assert forward == sorted(forward)
    assert len(forward) == len(set(forward))


def test_short_fragment_matches_whole_words_only(crowd):
    scope = scope_for_user(crowd.province_admin)

    names = {p.full_name for p in listing.person_page(scope=scope, search="an", size=100).items}

    assert names == {"Nguyễn Văn An", "Trần An Bình", "Phạm Văn An", "An Văn Nam", "Đỗ Ân"}


def test_org_filter_outside_scope_shows_nothing(crowd):
    scope = scope_for_user(crowd.clerk_a)

    page = listing.person_page(scope=scope, org_node=crowd.commune_b)

    assert page.items == []
