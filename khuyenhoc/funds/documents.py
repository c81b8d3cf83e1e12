"""Receipts (phiếu thu) and payment vouchers (phiếu chi) as PDF: the fund and its unit, the number,
the date, who paid or received, why, the amount in figures and in words, and the signatures."""

from datetime import date

from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from khuyenhoc.core.pdf import FONT, new_document
from khuyenhoc.funds.banks import bank_short_label
from khuyenhoc.funds.models import Disbursement, Donation, Fund, Method
from khuyenhoc.funds.words import dong, in_words

SIGNERS_RECEIPT = ("Thủ trưởng đơn vị", "Kế toán", "Người lập phiếu", "Người nộp tiền", "Thủ quỹ")
SIGNERS_VOUCHER = ("Thủ trưởng đơn vị", "Kế toán", "Người lập phiếu", "Thủ quỹ", "Người nhận tiền")


def receipt_pdf(donation: Donation) -> bytes:
    """The receipt of one donation (money or goods valued in đồng)."""
    pdf = _page(donation.fund, "PHIẾU THU", donation.receipt_no, donation.received_on)
    reason = donation.get_purpose_display()
    if donation.sub_fund_id:
        reason += f" — {donation.sub_fund.name}"
    if donation.method == Method.IN_KIND:
        reason += f" ({_('hiện vật')}: {donation.goods})"
    rows = [
        ("Họ và tên người nộp", donation.donor_name),
        ("Lý do nộp", reason),
        ("Hình thức", donation.get_method_display()),
        ("Số tiền", f"{dong(donation.amount)} đồng"),
        ("Viết bằng chữ", in_words(donation.amount)),
    ]
    fund = donation.fund
    if donation.method == Method.TRANSFER and fund.bank_account:
        rows.insert(3, ("Vào tài khoản", f"{fund.bank_account}, {bank_short_label(fund.bank_bin)}"))
    _rows(pdf, rows)
    _signatures(pdf, SIGNERS_RECEIPT)
    return bytes(pdf.output())


def voucher_pdf(payment: Disbursement) -> bytes:
    """The payment voucher of one approved payment."""
    pdf = _page(payment.fund, "PHIẾU CHI", payment.voucher_no, payment.paid_on)
    reason = payment.get_purpose_display() + (f": {payment.note}" if payment.note else "")
    rows = [
        ("Họ và tên người nhận", payment.beneficiary_name),
        ("Lý do chi", reason),
        ("Hình thức", payment.get_method_display()),
        ("Số tiền", f"{dong(payment.amount)} đồng"),
        ("Viết bằng chữ", in_words(payment.amount)),
    ]
    if payment.decision_ref:
        rows.insert(2, ("Theo", payment.decision_ref))
    _rows(pdf, rows)
    _signatures(pdf, SIGNERS_VOUCHER)
    return bytes(pdf.output())


def _page(fund: Fund, title: str, number: str, day: date) -> FPDF:
    pdf = new_document()
    pdf.add_page()
    pdf.set_font(FONT, "B", 11)
    pdf.multi_cell(100, 5, fund.org_node.name.upper(), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, "", 11)
    pdf.multi_cell(100, 5, fund.name, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(8)
    pdf.set_font(FONT, "B", 18)
    pdf.cell(0, 10, title, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, "I", 11)
    pdf.cell(0, 6, f"Ngày {day:%d} tháng {day:%m} năm {day:%Y}", align="C",
             new_x=XPos.LMARGIN, new_y=YPos.NEXT)  # fmt: skip
    pdf.set_font(FONT, "", 11)
    pdf.cell(0, 6, f"Số: {number}", align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(6)
    return pdf


def _rows(pdf: FPDF, rows: list[tuple[str, str]]) -> None:
    for label, value in rows:
        pdf.set_font(FONT, "", 12)
        pdf.cell(55, 8, f"{label}:")
        pdf.set_font(FONT, "B" if label.startswith("Số tiền") else "", 12)
        pdf.multi_cell(0, 8, value, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _signatures(pdf: FPDF, signers: tuple[str, ...]) -> None:
    pdf.ln(10)
    width = pdf.epw / len(signers)
    pdf.set_font(FONT, "B", 9)
    for who in signers:
        pdf.cell(width, 5, who, align="C")
    pdf.ln(5)
    pdf.set_font(FONT, "I", 8)
    for _who in signers:
        pdf.cell(width, 5, "(Ký, họ tên)", align="C")
