"""Real-browser journey on a phone-sized screen: a resident with a citizen account registers as a
learning citizen, assesses themself criterion by criterion, attaches a photo, and reads the result."""

from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect

from khuyenhoc.accounts.models import User
from khuyenhoc.core import clock
from khuyenhoc.core.middleware import scope_for_user
from khuyenhoc.testing import factories as f
from khuyenhoc.titles.models import Evidence, Registration, Status
from khuyenhoc.titles.services.campaigns import campaign_open
from tests.browser.conftest import ensure_reference_data, watch_csp
from tests.browser.test_journey import TIMEOUT, log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
PHONE = {"width": 390, "height": 844}
CODES = [f"{g}.{i}" for g, n in ((1, 4), (2, 4), (3, 2)) for i in range(1, n + 1)]
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64


def test_a_resident_registers_and_self_assesses_on_a_phone(
    page: Page, live_server, settings, tmp_path
) -> None:
    ensure_reference_data()
    settings.MEDIA_ROOT = tmp_path / "media"
    page.set_default_timeout(TIMEOUT)
    csp = watch_csp(page)
    page.set_viewport_size(PHONE)
    province = f.orgnode(
        kind="province", code="HKH-T40", name="Hội Khuyến học tỉnh Nghệ An", place_code="40"
    )
    commune = f.orgnode(parent=province, kind="commune", code="HKH-X1", name="Hội Khuyến học xã A")
    admin = f.user("tinh", province, ["org_admin"])
    today = clock.today()
    campaign_open(
        actor=admin, scope=scope_for_user(admin), title="citizen", year=today.year,
        org_node=province, registration_until=today + timedelta(days=5),
        self_assessment_until=today + timedelta(days=10),
        verification_until=today + timedelta(days=20), decision_until=today + timedelta(days=30),
    )  # fmt: skip
    lan = f.person(commune, full_name="Trần Thị Lan")
    User.objects.create_user(username="lan", password=f.TEST_PASSWORD, person=lan)

    log_in(page, live_server.url, "lan", f.TEST_PASSWORD)
    expect(page.locator("h1")).to_have_text("Danh hiệu học tập của tôi")
    page.get_by_label("Bạn thuộc nhóm").select_option("Người dân cư trú trên địa bàn xã")
    page.get_by_role("button", name="Đăng ký Công dân học tập").click()
    expect(page.locator(".messages")).to_contain_text("Đã đăng ký")
    for code in CODES:
        page.locator(f'input[name="c_{code}"]').fill("9")
    page.locator('input[name="c_2.2"]').fill("4")
    page.get_by_role("button", name="Lưu kết quả").click()
    expect(page.locator(".result")).to_contain_text("85 / 100")
    expect(page.locator("main")).to_contain_text(
        "Tiêu chí 2.2 chỉ được 4 điểm, dưới mức tối thiểu 5."
    )
    page.locator('input[name="c_2.2"]').fill("7")
    page.get_by_role("button", name="Lưu kết quả").click()
    expect(page.locator(".result")).to_contain_text("88 / 100 điểm — Đạt")
    page.locator('select[name="criterion_code"]').select_option("2.2")
    page.locator('input[name="file"]').set_input_files(
        files=[{"name": "chung-chi.jpg", "mimeType": "image/jpeg", "buffer": JPEG}]
    )
    page.get_by_role("button", name="Gửi minh chứng").click()
    expect(page.locator("#evidence")).to_contain_text("chung-chi.jpg")
    width = page.evaluate("document.documentElement.scrollWidth")

    reg = Registration.objects.get()
    assert (reg.person, reg.status, reg.total) == (lan, Status.SELF_ASSESSED, 88)
    assert Evidence.objects.get().criterion_code == "2.2"
    assert width <= PHONE["width"], "the page scrolls sideways on a phone"
    assert csp == [], csp  # the Content Security Policy blocked nothing on these pages
