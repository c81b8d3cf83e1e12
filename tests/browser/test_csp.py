"""Every main page works under the strict Content Security Policy (no inline script or style).

A system administrator walks the application — lists, records, HTMX search and tree, the fund's QR
code, the Chart.js dashboards, forms, the language menu, Django's admin and the API docs — with a
listener for CSP violations (`watch_csp`, tests/browser/conftest.py): any blocked script, style or
frame fails. The other journeys watch their own pages the same way.
"""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from khuyenhoc.accounts.models import User
from khuyenhoc.core import clock
from khuyenhoc.funds.services.funds import fund_open
from khuyenhoc.testing import factories as f
from khuyenhoc.titles.models import Decision
from tests.browser.conftest import ensure_reference_data, watch_csp
from tests.browser.test_journey import TIMEOUT, log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def reference_data(live_server) -> None:
    ensure_reference_data()


@pytest.fixture
def records(reference_data, world, secrets):
    """Commune A's records of every kind (tests/conftest.py), and an administrator who sees them all."""
    User.objects.filter(pk=world.system_admin.pk).update(is_staff=True, is_superuser=True)
    fund_open(actor=None, scope=f.ROOT, org_node=world.commune_a, code="QMINHBACH",
              name="Quỹ Minh Bạch", is_public=True)  # fmt: skip
    return secrets


class Walk:
    """Visits pages and checks, after each one, that the policy blocked nothing on it."""

    def __init__(self, page: Page, base: str, violations: list[str]) -> None:
        self.page, self.base, self.violations = page, base, violations

    def visit(self, path: str) -> Page:
        response = self.page.goto(self.base + path)
        assert response is not None
        assert response.ok, f"{path}: {response.status}"
        assert "script-src 'self'" in response.headers["content-security-policy"]
        self.check(path)
        return self.page

    def check(self, where: str) -> None:
        self.page.wait_for_load_state("load")
        self.page.wait_for_timeout(100)  # a violation event is dispatched after the blocked load
        assert self.violations == [], f"{where}: {self.violations}"


def test_the_main_pages_run_under_the_policy(page: Page, live_server, records, world) -> None:
    page.set_default_timeout(TIMEOUT)
    walk = Walk(page, live_server.url, watch_csp(page))
    walk.visit(reverse("accounts:login"))
    log_in(page, live_server.url, world.system_admin.username, f.TEST_PASSWORD)
    expect(page.get_by_role("button", name="Đăng xuất")).to_be_visible()
    walk.check("sign-in")

    # The organisation tree: the toggle's arrow (static JS) follows the branch HTMX loads.
    walk.visit(reverse("orgs:tree"))
    item = page.locator("#org-tree li", has=page.get_by_role("link", name=world.province.name))
    toggle = item.first.locator(":scope > button.toggle")
    toggle.click()
    expect(
        item.first.locator(".sub").get_by_role("link", name=world.commune_a.name)
    ).to_be_visible()
    expect(toggle).to_have_text("▾")
    walk.check("tree")

    # The person list's live search (HTMX), then the record.
    walk.visit(reverse("people:person-list"))
    page.locator("input[name=q]").press_sequentially("hoang bi mat", delay=20)
    expect(page.locator("#results tbody tr")).to_have_count(1)
    walk.check("person search")
    pages = [
        reverse("core:home"),
        reverse("orgs:detail", args=[world.commune_a.pk]),
        reverse("people:person-detail", args=[records.person]),
        reverse("people:household-list"),
        reverse("people:household-detail", args=[records.household]),
        reverse("people:clan-list"),
        reverse("people:clan-detail", args=[records.clan]),
        reverse("people:membership-list"),
        reverse("places:province-list"),
        reverse("titles:campaign-list"),
        reverse("titles:campaign-detail", args=[records.campaign]),
        reverse("titles:decision-list"),
        reverse("titles:decision-detail", args=[records.decision]),
        reverse("titles:criteria-list"),
        reverse("funds:fund-list"),
        reverse("funds:fund-detail", args=[records.funds.fund]),
        reverse("funds:campaign-detail", args=[records.funds.campaign]),
        reverse("funds:pledge-detail", args=[records.funds.pledge]),
        reverse("funds:report"),
        reverse("funds:public", args=["QMINHBACH"]),
        reverse("programmes:list"),
        reverse("programmes:period", args=[records.programmes.period]),
        reverse("bulk:index"),
        reverse("bulk:upload", args=["persons"]),
        reverse("accounts:user-list"),
        reverse("accounts:profile"),
        reverse("admin:index"),
        reverse("admin:auth_group_add"),
    ]
    for path in pages:
        walk.visit(path)

    # The VietQR code is an inline SVG (no data: or inline style needed).
    walk.visit(reverse("funds:transfer-detail", args=[records.funds.transfer]))
    expect(page.locator("svg.qr")).to_be_visible()

    # The public check page of a certificate, as its QR code opens it.
    line = Decision.objects.get(pk=records.decision).lines.get()
    walk.visit(reverse("titles:verify", args=[line.public_code]))
    expect(page.locator("main")).to_contain_text("Hoàng Bí Mật")

    # The dashboards: Chart.js draws plan versus actual and the trend.
    for path in (
        reverse("reports:programme", args=[records.programmes.programme]),
        reverse("reports:target", args=[records.programmes.target]),
    ):
        walk.visit(path)
        page.wait_for_function(
            "() => { const c = document.querySelector('canvas[data-chart]');"
            " return c && window.Chart && Chart.getChart(c) && c.width > 0; }"
        )
        walk.check(path)

    # A year filter submits itself on change (data-autosubmit, static JS).
    walk.visit(reverse("programmes:detail", args=[records.programmes.programme]))
    next_year = str(clock.today().year + 1)
    page.locator("select[name=year]").select_option(next_year)
    expect(page).to_have_url(re.compile(rf"[?&]year={next_year}\b"))
    walk.check("year filter")

    # The API's interactive docs (Swagger UI from the package's static files).
    walk.visit("/api/v1/docs")
    expect(page.locator(".swagger-ui .info")).to_contain_text("Khuyến Học API")
    walk.check("API docs")

    # The language menu posts its form by itself (data-autosubmit) and the page comes back in English.
    walk.visit(reverse("core:home"))
    page.locator("select[name=language]").select_option("en")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    walk.check("language menu")


def test_the_listener_sees_a_violation(page: Page, live_server) -> None:
    """The check above would notice: an inline script added to a real page is blocked and reported."""
    page.set_default_timeout(TIMEOUT)
    csp_violations = watch_csp(page)
    page.goto(live_server.url + reverse("accounts:login"))
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.ran = true'; document.body.append(s); }"
    )
    page.wait_for_timeout(200)

    assert page.evaluate("() => window.ran === undefined")
    assert any("script-src" in text for text in csp_violations), csp_violations
