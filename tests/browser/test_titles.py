"""Real-browser journey of a learning title: a commune clerk registers and self-assesses a citizen, the
province verifies and issues the decision, and anyone can check the certificate's page."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect

from khuyenhoc.core import clock
from khuyenhoc.testing import factories as f
from khuyenhoc.titles.models import DecisionLine
from tests.browser.conftest import ensure_reference_data, watch_csp
from tests.browser.test_journey import TIMEOUT, log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
CODES = [f"{g}.{i}" for g, n in ((1, 4), (2, 4), (3, 2)) for i in range(1, n + 1)]


def _d(days: int) -> str:
    return (clock.today() + timedelta(days=days)).strftime("%d/%m/%Y")


def test_register_self_assess_verify_decide_and_check(page: Page, live_server) -> None:
    ensure_reference_data()
    page.set_default_timeout(TIMEOUT)
    csp = watch_csp(page)
    province = f.orgnode(
        kind="province", code="HKH-T40", name="Hội Khuyến học tỉnh Nghệ An", place_code="40"
    )
    commune = f.orgnode(
        parent=province, kind="commune", code="HKH-X1", name="Hội Khuyến học xã Hưng Lộc"
    )
    f.user("thuky", commune, ["clerk"])
    f.user("tinh", province, ["org_admin"])
    an = f.person(commune, full_name="Nguyễn Văn An")

    # The commune clerk opens the campaign, registers An by CCCD and assesses him.
    log_in(page, live_server.url, "thuky", f.TEST_PASSWORD)
    page.get_by_role("navigation").get_by_role("link", name="Danh hiệu").click()
    page.get_by_role("link", name="Mở đợt đăng ký").click()
    page.get_by_label("Danh hiệu").select_option("citizen")
    page.get_by_label("Năm").fill(str(clock.today().year))
    for label, days in (
        ("Hạn đăng ký", 5),
        ("Hạn tự đánh giá", 10),
        ("Hạn thẩm định", 20),
        ("Hạn ra quyết định", 30),
    ):
        page.get_by_label(label).fill(_d(days))
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("h1")).to_contain_text("Công dân học tập")
    page.get_by_label("Đối tượng", exact=True).fill(an.cccd)
    page.get_by_label("Nhóm đối tượng (công dân học tập)").select_option(
        "Người dân cư trú trên địa bàn xã"
    )
    page.get_by_role("button", name="Đăng ký").click()
    page.get_by_role("link", name="Nguyễn Văn An").click()
    page.get_by_role("link", name="Tự đánh giá").click()
    for code in CODES:
        page.locator(f"input[name='c_{code}']").fill("9")
    page.locator("input[name='c_2.2']").fill("12")  # a slip: more than the maximum
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("body")).to_contain_text("Điểm tiêu chí 2.2 phải từ 0 đến 10.")
    page.locator("input[name='c_2.2']").fill("8,5")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator(".facts")).to_contain_text("Đã tự đánh giá")
    page.get_by_role("button", name="Đăng xuất").click()

    # The province verifies (lowering one score, with its reason) and recognises by decision.
    log_in(page, live_server.url, "tinh", f.TEST_PASSWORD)
    page.get_by_role("navigation").get_by_role("link", name="Danh hiệu").click()
    page.get_by_role("link", name=re.compile("Công dân học tập")).first.click()
    page.get_by_role("link", name="Nguyễn Văn An").click()
    page.get_by_role("link", name="Thẩm định").click()
    page.locator("input[name='c_1.1']").fill("8")
    page.locator("input[name='r_1.1']").fill("Chưa có sổ ghi chép đọc sách")
    page.get_by_label("Kết luận").select_option("accepted")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator(".facts")).to_contain_text("Đã thẩm định, đề nghị công nhận")
    expect(page.locator("body")).to_contain_text("Chưa có sổ ghi chép đọc sách")
    page.get_by_role("link", name=re.compile("Công dân học tập năm")).click()
    page.get_by_role("link", name="Ra quyết định công nhận").click()
    page.locator("input[name=number]").fill("12/QĐ-HKH")
    page.locator("input[name=signed_on]").fill(_d(0))
    page.locator("input[name=signer]").fill("Trần Văn Ký")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("h1")).to_contain_text("12/QĐ-HKH")
    expect(page.get_by_role("link", name="Giấy chứng nhận (PDF)")).to_be_visible()

    # Anyone with the certificate's code sees it is in force.
    code = DecisionLine.objects.get().public_code
    page.get_by_role("button", name="Đăng xuất").click()
    page.goto(f"{live_server.url}/titles/verify/{code}/")
    expect(page.locator(".facts")).to_contain_text("Nguyễn Văn An")
    expect(page.locator(".facts")).to_contain_text("Còn hiệu lực")
    assert csp == [], csp  # the Content Security Policy blocked nothing on these pages
