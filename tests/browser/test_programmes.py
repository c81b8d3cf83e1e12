"""Real-browser journey: a province secretariat records a programme, gives a target, and reads plan
versus actual on the dashboard — the Chart.js chart drawn with the target line — then drills down from
the province to its communes."""

import datetime

import pytest
from playwright.sync_api import Page, expect

from khuyenhoc.programmes.models import Programme
from khuyenhoc.testing import factories as f
from tests.browser.conftest import ensure_reference_data, watch_csp
from tests.browser.test_journey import TIMEOUT, log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_secretariat_records_a_programme_and_reads_its_dashboard(page: Page, live_server) -> None:
    ensure_reference_data()
    page.set_default_timeout(TIMEOUT)
    csp = watch_csp(page)
    province = f.orgnode(
        kind="province", code="HKH-T40", name="Hội Khuyến học tỉnh Nghệ An", place_code="40"
    )
    commune = f.orgnode(parent=province, kind="commune", code="HKH-X1", name="Hội Khuyến học xã A")
    f.orgnode(parent=province, kind="commune", code="HKH-X2", name="Hội Khuyến học xã B")
    f.user("tinh", province, ["org_admin"])
    f.recognised_citizens(province, [f.person(commune) for _ in range(3)])

    log_in(page, live_server.url, "tinh", f.TEST_PASSWORD)
    page.get_by_role("link", name="Chương trình").first.click()
    page.get_by_role("link", name="Ghi chương trình").click()
    page.get_by_label("Mã chương trình").fill("ctph-na")
    page.get_by_label("Tên chương trình").fill("Chương trình phối hợp xây dựng xã hội học tập")
    page.get_by_label("Ngày ký").fill(datetime.date(2023, 9, 12).strftime("%d/%m/%Y"))
    page.get_by_label("Từ năm").fill("2023")
    page.get_by_label("Đến năm").fill("2030")
    page.get_by_label("Các bên ký").fill("HKH-T40")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("h1")).to_have_text("Chương trình phối hợp xây dựng xã hội học tập")
    page.get_by_role("link", name="Thêm chỉ tiêu").click()
    page.get_by_label("Mã chỉ tiêu").fill("ct1")
    page.get_by_label("Tên chỉ tiêu").fill("Hội viên được công nhận Công dân học tập")
    page.locator("select[name=unit]").select_option("percent")
    page.get_by_label("Nguồn số liệu").select_option("recognised")
    page.get_by_label("Danh hiệu (nguồn từ danh hiệu học tập)").select_option("citizen")
    page.get_by_role("button", name="Lưu").click()
    page.get_by_role("link", name="Giao chỉ tiêu").click()
    page.locator("select[name=indicator]").select_option(
        label="CT1 Hội viên được công nhận Công dân học tập"
    )
    page.get_by_label("Chỉ tiêu (số hoặc %)").fill("80")
    page.locator("select[name=org_node]").select_option("HKH-T40")
    page.get_by_label("Mẫu số (với chỉ tiêu tỷ lệ)").fill("10")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator(".messages")).to_contain_text("Đã giao chỉ tiêu")
    page.get_by_role("button", name="Giao xuống cấp dưới").click()
    expect(page.locator(".messages")).to_contain_text("Đã giao cho 2")
    page.get_by_role("link", name="Kế hoạch – thực hiện").click()

    row = page.locator("table.figures tr", has_text="Hội Khuyến học tỉnh Nghệ An")
    expect(row).to_contain_text("30%")  # 3 of 10
    expect(row).to_contain_text("37,5%")  # of a plan of 80%
    drawn = page.wait_for_function(
        "() => { const c = document.querySelector('canvas[data-chart]');"
        " const chart = c && window.Chart && Chart.getChart(c);"
        " return chart && chart.data.datasets.map(d => d.data); }"
    ).json_value()
    assert drawn[0][0] == 30  # the bar: the actual share
    assert drawn[1][0] == 80  # the target line
    row.get_by_role("link").click()
    expect(page.locator("h2", has_text="Qua các năm")).to_be_visible()
    page.get_by_role("link", name="Hội Khuyến học xã A").click()
    expect(page.locator("h1")).to_contain_text("CT1")
    assert Programme.objects.get().indicators.get().targets.count() == 3
    assert csp == [], csp  # the Content Security Policy blocked nothing on these pages
