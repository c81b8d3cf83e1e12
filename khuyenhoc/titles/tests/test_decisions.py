"""Recognition decisions: verified subjects only, once per title and year, revoked by a later decision."""

import io
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied

from khuyenhoc.core import clock
from khuyenhoc.core.errors import DomainError
from khuyenhoc.core.middleware import scope_for_user
from khuyenhoc.testing import factories as f
from khuyenhoc.titles.documents import certificates_pdf, date_line, decision_pdf
from khuyenhoc.titles.models import Decision, Registration, Status
from khuyenhoc.titles.selectors import certificate_verification
from khuyenhoc.titles.services.assessments import assessment_submit, assessment_verify
from khuyenhoc.titles.services.campaigns import campaign_open
from khuyenhoc.titles.services.decisions import decision_issue, decision_revoke
from khuyenhoc.titles.services.registrations import registration_create

GROUP = "Người dân cư trú trên địa bàn xã"
CODES = [f"{g}.{i}" for g, n in ((1, 4), (2, 4), (3, 2)) for i in range(1, n + 1)]


@pytest.fixture
def verified(world):
    """Two citizens of commune A verified by the province, and one only self-assessed."""
    today = clock.today()
    clerk, province = scope_for_user(world.clerk_a), scope_for_user(world.province_admin)
    campaign = campaign_open(
        actor=world.clerk_a, scope=clerk, title="citizen", year=today.year, org_node=world.commune_a,
        registration_until=today, self_assessment_until=today,
        verification_until=today + timedelta(days=1), decision_until=today + timedelta(days=2),
    )  # fmt: skip
    regs = []
    for n in range(3):
        reg = registration_create(
            actor=world.clerk_a, scope=clerk, campaign=campaign,
            subject=f.person(world.commune_a), subject_group=GROUP,
        )  # fmt: skip
        assessment_submit(
            actor=world.clerk_a, scope=clerk, registration=reg, scores=dict.fromkeys(CODES, 9)
        )
        if n < 2:
            assessment_verify(
                actor=world.province_admin, scope=province, registration=reg,
                scores=dict.fromkeys(CODES, 9), verdict="accepted",
            )  # fmt: skip
        regs.append(Registration.objects.get(pk=reg.pk))
    return regs


def _header(**overrides):
    return {
        "number": "15/QĐ-HKH", "signed_on": clock.today(), "signer": "Nguyễn Văn Chủ Tịch",
        "signer_title": "Chủ tịch",
    } | overrides  # fmt: skip


def test_verified_subjects_are_recognised_at_once_and_can_be_checked_publicly(world, verified):
    scope = scope_for_user(world.province_admin)

    decision = decision_issue(
        actor=world.province_admin, scope=scope, issuer=world.province,
        registrations=verified[:2], **_header(),
    )  # fmt: skip

    assert [r.status for r in Registration.objects.filter(pk__in=[r.pk for r in verified[:2]])] == [
        Status.RECOGNISED,
        Status.RECOGNISED,
    ]
    line = decision.lines.order_by("position").first()
    shown = certificate_verification(code=line.public_code)
    assert shown["reg"].subject_name == line.registration.subject_name
    assert shown["revoked_by"] is None
    assert certificate_verification(code="khong-co-ma-nay") is None
    history = [h.status for h in line.registration.history.order_by("history_date")]
    assert history[-1] == "recognised"


def test_refusals_leave_no_decision(world, verified):
    scope = scope_for_user(world.province_admin)
    decision_issue(
        actor=world.province_admin, scope=scope, issuer=world.province,
        registrations=verified[:1], **_header(),
    )  # fmt: skip
    attempts = [
        (verified[2:], {}, "chưa được thẩm định"),
        (verified[:1], {"number": "16/QĐ-HKH"}, "đã được công nhận"),
        (verified[1:2], {}, "đã có"),  # the same number again
        (
            verified[1:2],
            {"number": "17", "signed_on": clock.today() + timedelta(days=1)},
            "tương lai",
        ),
        ([], {"number": "18"}, "trống"),
    ]
    for regs, header, words in attempts:
        with pytest.raises(DomainError, match=words):
            decision_issue(
                actor=world.province_admin, scope=scope, issuer=world.province,
                registrations=regs, **_header(**header),
            )  # fmt: skip
    with pytest.raises(PermissionDenied):
        decision_issue(
            actor=world.clerk_b, scope=scope_for_user(world.clerk_b), issuer=world.commune_b,
            registrations=verified[1:2], **_header(number="19"),
        )  # fmt: skip

    assert Decision.objects.count() == 1
    assert Registration.objects.get(pk=verified[1].pk).status == Status.VERIFIED


def test_a_later_decision_revokes_and_both_stay_on_record(world, verified):
    scope = scope_for_user(world.province_admin)
    decision = decision_issue(
        actor=world.province_admin, scope=scope, issuer=world.province,
        registrations=verified[:2], **_header(),
    )  # fmt: skip
    code = decision.lines.get(registration=verified[0]).public_code

    with pytest.raises(DomainError, match="lý do"):
        decision_revoke(
            actor=world.province_admin, scope=scope, decision=decision,
            registrations=verified[:1], reason="", **_header(number="20/QĐ-HKH"),
        )  # fmt: skip
    revocation = decision_revoke(
        actor=world.province_admin, scope=scope, decision=decision, registrations=verified[:1],
        reason="Kê khai không đúng", **_header(number="20/QĐ-HKH"),
    )  # fmt: skip

    assert Registration.objects.get(pk=verified[0].pk).status == Status.REVOKED
    assert Registration.objects.get(pk=verified[1].pk).status == Status.RECOGNISED
    assert certificate_verification(code=code)["revoked_by"] == revocation
    assert revocation.revokes == decision
    assert Decision.objects.count() == 2


def _text(pdf: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_the_decision_pdf_has_the_administrative_layout_and_the_annexed_list(world, verified):
    decision = decision_issue(
        actor=world.province_admin, scope=scope_for_user(world.province_admin),
        issuer=world.province, registrations=verified[:2], **_header(),
    )  # fmt: skip

    text = _text(decision_pdf(decision))

    for words in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Số: 15/QĐ-HKH",
        "QUYẾT ĐỊNH", f"Công dân học tập” năm {decision.year}", "Điều 1.", "Nơi nhận:",
        "Nguyễn Văn Chủ Tịch", "DANH SÁCH", verified[0].subject_name, verified[1].subject_name,
        f"ngày {decision.signed_on.day:02d} tháng",
    ):  # fmt: skip
        assert words in text, words


def test_each_certificate_carries_a_qr_code_of_its_verification_page(world, verified, tmp_path):
    import zxingcpp
    from pypdf import PdfReader

    decision = decision_issue(
        actor=world.province_admin, scope=scope_for_user(world.province_admin),
        issuer=world.province, registrations=verified[:2], **_header(),
    )  # fmt: skip

    pdf = certificates_pdf(decision, lambda code: f"https://x.vn/titles/verify/{code}/")

    pages = PdfReader(io.BytesIO(pdf)).pages
    codes = dict(decision.lines.values_list("position", "public_code"))
    assert len(pages) == 2
    names = dict(decision.lines.values_list("position", "registration__subject_name"))
    for number in (1, 2):  # each page, rendered by poppler, scans back to its own subject's page
        text = pages[number - 1].extract_text()
        assert "GIẤY CHỨNG NHẬN" in text
        assert names[number] in text
        assert "Quét mã để kiểm tra giấy chứng nhận" in text
        image = _render(pdf, tmp_path, f"page{number}", page=number, resolution=100)
        found = [
            b.text
            for b in zxingcpp.read_barcodes(image)
            if b.format == zxingcpp.BarcodeFormat.QRCode
        ]
        assert found == [f"https://x.vn/titles/verify/{codes[number]}/"]
    assert verified[0].subject_name in _text(pdf)


def test_date_lines_follow_the_decree():
    from datetime import date

    assert date_line("Nghệ An", date(2026, 2, 5)) == "Nghệ An, ngày 05 tháng 02 năm 2026"
    assert date_line("Hà Nội", date(2026, 11, 23)) == "Hà Nội, ngày 23 tháng 11 năm 2026"


def _render(pdf: bytes, tmp_path, name: str, *, page: int = 1, resolution: int = 50):
    """One page rendered to PNG by poppler's pdftoppm (installed by `make test`), opened with Pillow."""
    import subprocess

    from PIL import Image

    source = tmp_path / f"{name}.pdf"
    source.write_bytes(pdf)
    done = subprocess.run(  # noqa: S603
        ["pdftoppm", "-r", str(resolution), "-png", "-singlefile", "-f", str(page), "-l", str(page),  # noqa: S607
         str(source), str(tmp_path / name)],
        check=True, capture_output=True,
    )  # fmt: skip
    assert done.stderr == b"", done.stderr  # poppler found every font and object it needed
    return Image.open(tmp_path / f"{name}.png").convert("L")


def _ink(image, box) -> float:
    """Share of dark pixels inside `box` (left, top, right, bottom as fractions of the page)."""
    w, h = image.size
    region = image.crop((int(box[0] * w), int(box[1] * h), int(box[2] * w), int(box[3] * h)))
    histogram = region.histogram()  # 256 grey levels
    return sum(histogram[:128]) / sum(histogram)


def test_the_rendered_pages_put_the_header_blocks_and_the_qr_code_where_they_belong(
    world, verified, tmp_path
):
    decision = decision_issue(
        actor=world.province_admin, scope=scope_for_user(world.province_admin),
        issuer=world.province, registrations=verified[:1], **_header(),
    )  # fmt: skip

    page = _render(decision_pdf(decision), tmp_path, "decision")
    certificate = _render(certificates_pdf(decision, lambda c: f"https://x.vn/{c}"), tmp_path, "c")

    assert page.size[0] < page.size[1]  # A4 portrait
    assert _ink(page, (0.14, 0.04, 0.44, 0.12)) > 0.01  # issuer and number, top left
    assert _ink(page, (0.46, 0.04, 0.93, 0.12)) > 0.01  # national motto and date, top right
    assert _ink(page, (0.0, 0.0, 0.13, 1.0)) == 0  # the 30 mm left margin stays blank
    assert certificate.size[0] > certificate.size[1]  # landscape
    assert _ink(certificate, (0.80, 0.73, 0.93, 0.91)) > 0.25  # the QR code, bottom right


def test_the_national_administrator_sees_every_campaign_and_decision(world, verified):
    from khuyenhoc.titles.selectors import campaign_list, decision_list

    decision_issue(
        actor=world.province_admin, scope=scope_for_user(world.province_admin),
        issuer=world.province, registrations=verified[:1], **_header(),
    )  # fmt: skip
    national, sibling = scope_for_user(world.system_admin), scope_for_user(world.clerk_b)

    assert campaign_list(scope=national).count() == 1
    assert decision_list(scope=national).count() == 1
    assert campaign_list(scope=sibling).count() == 0
    assert decision_list(scope=sibling).count() == 0
