"""Real-browser journeys: a clerk logs in, walks the organisation tree and finds a person.

The live server runs in a thread against the test database, so the data is committed
(transactional test); `serialized_rollback` restores the reference data (organisation systems,
administrative units, ethnicities) loaded by migrations, which the flush between tests removes.
"""

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

from khuyenhoc.orgs.models import OrgNode
from khuyenhoc.people.models import Person
from khuyenhoc.testing import factories as f
from tests.browser.conftest import ensure_reference_data, watch_csp

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TIMEOUT = 10_000  # ms; HTMX swaps on a local server take a few hundred ms at most
SCREENSHOT = "/tmp/browser-person.png"  # noqa: S108  (inspected by hand after a run)


@dataclass
class Tree:
    province: OrgNode
    commune: OrgNode
    other_province: OrgNode
    an: Person
    bich: Person
    an_elsewhere: Person


@pytest.fixture
def tree() -> Tree:
    """A province with one commune (the clerk's subtree) and a sibling province out of reach."""
    ensure_reference_data()
    province = f.orgnode(
        kind="province", code="HKH-T40", name="Hội Khuyến học tỉnh Nghệ An", place_code="40"
    )
    commune = f.orgnode(
        parent=province, kind="commune", code="HKH-X1", name="Hội Khuyến học xã Hưng Lộc"
    )
    other = f.orgnode(
        kind="province", code="HKH-T42", name="Hội Khuyến học tỉnh Hà Tĩnh", place_code="42"
    )
    f.user("thuky", province, ["clerk"])
    return Tree(
        province=province,
        commune=commune,
        other_province=other,
        an=f.person(commune, full_name="Nguyễn Văn An"),
        bich=f.person(commune, full_name="Trần Thị Bích"),
        an_elsewhere=f.person(other, full_name="Nguyễn Văn Ân"),
    )


def searched_for(url: str) -> str | None:
    """The person-list search term of a request URL (None for other URLs)."""
    parts = urlsplit(url)
    if parts.path != "/people/persons/":
        return None
    return parse_qs(parts.query).get("q", [None])[0]


def log_in(page: Page, base_url: str, username: str, password: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()


def test_clerk_finds_a_person_without_diacritics(page: Page, live_server, tree: Tree) -> None:
    page.set_default_timeout(TIMEOUT)
    csp = watch_csp(page)
    log_in(page, live_server.url, "thuky", f.TEST_PASSWORD)
    expect(page.get_by_role("button", name="Đăng xuất")).to_be_visible()
    nav = page.get_by_role("navigation")
    expect(nav.get_by_role("link", name="Tổ chức")).to_be_visible()

    # The organisation tree: the clerk's province is the root; expanding it loads the commune.
    nav.get_by_role("link", name="Tổ chức").click()
    expect(page).to_have_url(re.compile(r"/orgs/$"))
    org_tree = page.locator("#org-tree")
    province_item = org_tree.locator("li", has=page.get_by_role("link", name=tree.province.name))
    expect(province_item.first).to_be_visible()
    expect(org_tree).not_to_contain_text(tree.other_province.name)
    expect(org_tree).not_to_contain_text(tree.commune.name)
    province_item.first.locator("button.toggle").click()
    sub = province_item.first.locator(".sub").first
    expect(sub.get_by_role("link", name=tree.commune.name)).to_be_visible()

    # The person list: a live search without diacritics, answered by HTMX into #results.
    nav.get_by_role("link", name="Người dân").click()
    expect(page).to_have_url(re.compile(r"/people/persons/$"))
    results = page.locator("#results")
    expect(results).to_contain_text(tree.bich.full_name)  # unfiltered: the clerk's two people
    with page.expect_response(lambda r: searched_for(r.url) == "nguyen van an") as answer:
        page.locator("input[name=q]").press_sequentially("nguyen van an", delay=20)
    assert answer.value.ok
    assert answer.value.request.headers.get("hx-request") == "true"  # a live search, not a reload
    expect(page).to_have_url(re.compile(r"[?&]q=nguyen(%20|\+)van(%20|\+)an\b"))  # hx-push-url
    rows = results.locator("tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first.get_by_role("link")).to_have_text(tree.an.full_name)
    expect(results).not_to_contain_text(tree.bich.full_name)
    expect(results).not_to_contain_text(tree.an_elsewhere.full_name)

    # The record.
    rows.first.get_by_role("link", name=tree.an.full_name).click()
    expect(page).to_have_url(re.compile(rf"/people/persons/{tree.an.pk}/$"))
    expect(page.locator("h1")).to_have_text(tree.an.full_name)
    page.screenshot(path=SCREENSHOT, full_page=True)
    assert csp == [], csp  # the Content Security Policy blocked nothing on these pages


def test_wrong_password_is_refused_in_vietnamese(page: Page, live_server) -> None:
    page.set_default_timeout(TIMEOUT)
    csp = watch_csp(page)
    f.user("thuky", None, [])
    log_in(page, live_server.url, "thuky", "sai-mat-khau")
    expect(page.locator(".form-errors")).to_contain_text("Tên đăng nhập hoặc mật khẩu không đúng.")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    expect(page.get_by_role("navigation")).to_have_count(0)
    assert csp == [], csp  # the Content Security Policy blocked nothing on these pages
