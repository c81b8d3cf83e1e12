"""Amounts in words, VietQR payloads, and the receipt and voucher PDFs."""

import io

import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader

from khuyenhoc.core.middleware import scope_for_user
from khuyenhoc.core.pdf import qr_modules
from khuyenhoc.funds.documents import receipt_pdf, voucher_pdf
from khuyenhoc.funds.services.disbursements import disbursement_approve, disbursement_draft
from khuyenhoc.funds.services.donations import donation_create
from khuyenhoc.funds.services.funds import fund_open
from khuyenhoc.funds.vietqr import crc16, payload
from khuyenhoc.funds.words import dong, in_words


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (1_200_000, "Một triệu hai trăm nghìn đồng"),
        (10_000, "Mười nghìn đồng"),
        (270_000_000, "Hai trăm bảy mươi triệu đồng"),
        (56_000_000_000, "Năm mươi sáu tỷ đồng"),
    ],
)
def test_amounts_in_words(amount, words):
    assert in_words(amount) == words


def test_amounts_in_figures_use_dots():
    assert dong(1_200_000) == "1.200.000"


def test_the_crc_is_ccitt_false():
    assert crc16("123456789") == "29B1"  # the check value of CRC-16/CCITT-FALSE


def test_a_vietqr_payload_carries_bank_account_amount_and_reference_and_scans_back():
    text = payload(bank_bin="970436", account="0011004321", amount=500_000, reference="KH7F3A")

    assert text.startswith("000201010212")  # format 01, dynamic (with an amount)
    assert "0010A000000727" in text  # NAPAS
    assert "01240006970436011000110043210208QRIBFTTA" in text  # BIN 970436, account
    assert "5303704" in text
    assert "5406500000" in text
    assert "5802VN" in text
    assert "62100806KH7F3A" in text
    assert text[-8:-4] == "6304"
    assert text[-4:] == crc16(text[:-4])
    rows = qr_modules(text)
    image = Image.frombytes("L", (len(rows), len(rows)), b"".join(rows)).resize((330, 330))
    framed = Image.new("L", (410, 410), 255)
    framed.paste(image, (40, 40))
    assert [b.text for b in zxingcpp.read_barcodes(framed)] == [text]


def test_receipt_and_voucher_say_the_amount_in_figures_and_words(world):
    scope = scope_for_user(world.clerk_a)
    fund = fund_open(
        actor=None, scope=scope, org_node=world.commune_a, code="Q1", name="Quỹ khuyến học xã A"
    )
    gift = donation_create(actor=None, scope=scope, fund=fund, amount=1_200_000, method="cash",
                           donor_kind="business", donor_name="Công ty Bình Minh")  # fmt: skip
    draft = disbursement_draft(actor=world.clerk_a, scope=scope, fund=fund, amount=500_000,
                               method="cash", purpose="scholarship", beneficiary_kind="person",
                               beneficiary_name="Lê Văn Học", decision_ref="Quyết định 5/QĐ-HKH")  # fmt: skip
    paid = disbursement_approve(actor=world.province_admin, scope=scope_for_user(world.province_admin),
                                disbursement=draft)  # fmt: skip

    receipt = PdfReader(io.BytesIO(receipt_pdf(gift))).pages[0].extract_text()
    voucher = PdfReader(io.BytesIO(voucher_pdf(paid))).pages[0].extract_text()

    for words in ("PHIẾU THU", gift.receipt_no, "Công ty Bình Minh", "1.200.000 đồng",
                  "Một triệu hai trăm nghìn đồng", "Người nộp tiền"):  # fmt: skip
        assert words in receipt, words
    for words in ("PHIẾU CHI", paid.voucher_no, "Lê Văn Học", "Năm trăm nghìn đồng",
                  "Quyết định 5/QĐ-HKH", "Người nhận tiền"):  # fmt: skip
        assert words in voucher, words
