"""PDF documents of a recognition: the decision in the Vietnamese administrative layout of Decree
30/2020/NĐ-CP (issuer and national motto side by side, number, place and date, title, bases, articles,
recipients and signature), with the list of recognised subjects annexed; and certificates, one page per
subject, each with a QR code that opens the public verification page.

fpdf2 lays the pages out and zxing-cpp encodes the QR codes (both libraries made for the job); the font is DejaVu
Serif (Times New Roman, which the decree names, cannot be shipped), from the pinned npm package.
"""

from collections.abc import Callable

from fpdf import FPDF
from fpdf.enums import PDFResourceType, XPos, YPos

from khuyenhoc.core.pdf import FONT, date_line, decree_header, draw_qr, new_document, place_name
from khuyenhoc.titles.models import Decision, DecisionKind, DecisionLine, Title
from khuyenhoc.titles.rubric import number

FRAME_STYLES = ("B", "I", "")  # the font styles a certificate's shared frame uses
NAME_Y, NAME_LINE = 70, 12  # where a certificate's subject name starts, and its line height (mm)


def _lines(decision: Decision, only: int | None = None) -> list[DecisionLine]:
    lines = decision.lines.select_related("registration", "registration__person")
    if only is not None:
        lines = lines.filter(pk=only)
    return list(lines.order_by("position"))


def decision_pdf(decision: Decision) -> bytes:
    """The decision and its annexed list, as PDF bytes."""
    pdf = new_document()
    pdf.add_page()
    issuer, title = decision.issuer, Title(decision.title).label
    parent = issuer.parent.name.upper() if issuer.parent_id else ""
    decree_header(
        pdf, parent=parent, issuer=issuer.name, number=decision.number,
        date_text=date_line(place_name(decision.issuer), decision.signed_on),
    )  # fmt: skip

    revocation = decision.kind == DecisionKind.REVOCATION
    subject = (
        f"Về việc thu hồi quyết định công nhận danh hiệu “{title}” năm {decision.year}"
        if revocation
        else f"Về việc công nhận danh hiệu “{title}” năm {decision.year}"
    )
    pdf.set_font(FONT, "B", 14)
    pdf.cell(0, 8, "QUYẾT ĐỊNH", align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, "B", 12)
    pdf.multi_cell(0, 6, subject, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(4)
    pdf.cell(0, 7, f"{decision.signer_title.upper()} {issuer.name.upper()}", align="C",
             new_x=XPos.LMARGIN, new_y=YPos.NEXT)  # fmt: skip
    pdf.ln(2)
    pdf.set_font(FONT, "I", 12)
    bases = ["Căn cứ chức năng, nhiệm vụ, quyền hạn của " + issuer.name + ";"]
    if revocation and decision.revokes_id:
        revoked = decision.revokes
        bases.append(
            f"Căn cứ Quyết định số {revoked.number} ngày {revoked.signed_on:%d/%m/%Y} "
            f"công nhận danh hiệu “{title}” năm {decision.year};"
        )
    else:
        bases.append("Căn cứ kết quả tự đánh giá và thẩm định của cấp có thẩm quyền;")
    for line in bases:
        pdf.multi_cell(0, 6, line, align="J", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(3)
    pdf.set_font(FONT, "B", 12)
    pdf.cell(0, 7, "QUYẾT ĐỊNH:", align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    count = decision.lines.count()
    articles = [
        (
            "Điều 1. ",
            f"Thu hồi công nhận danh hiệu “{title}” năm {decision.year} của {count} đối tượng "
            f"(có danh sách kèm theo). Lý do: {decision.reason}"
            if revocation
            else f"Công nhận danh hiệu “{title}” năm {decision.year} cho {count} đối tượng "
            "(có danh sách kèm theo).",
        ),
        ("Điều 2. ", "Quyết định có hiệu lực kể từ ngày ký."),
        ("Điều 3. ", "Các cơ quan, đơn vị và cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này."),
    ]  # fmt: skip
    for head, text in articles:
        pdf.set_font(FONT, "B", 12)
        pdf.write(6, head)
        pdf.set_font(FONT, "", 12)
        pdf.write(6, text)
        pdf.ln(8)
    _signature(pdf, decision, recipients=True)
    _annex(pdf, decision)
    return bytes(pdf.output())


def _signature(pdf: FPDF, decision: Decision, *, recipients: bool) -> None:
    pdf.ln(4)
    y = pdf.get_y()
    half = pdf.epw / 2
    if recipients:
        pdf.set_font(FONT, "BI", 11)
        pdf.cell(half, 5, "Nơi nhận:", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_font(FONT, "", 10)
        for line in ("- Như Điều 3;", "- Lưu: VT."):
            pdf.cell(half, 5, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_xy(pdf.l_margin + half, y)
    pdf.set_font(FONT, "B", 12)
    pdf.multi_cell(
        half, 6, decision.signer_title.upper(), align="C", new_x=XPos.LEFT, new_y=YPos.NEXT
    )
    pdf.set_font(FONT, "I", 11)
    pdf.cell(half, 14, "(Đã ký)", align="C", new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_font(FONT, "B", 12)
    pdf.cell(half, 6, decision.signer, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _annex(pdf: FPDF, decision: Decision) -> None:
    pdf.add_page()
    pdf.set_font(FONT, "B", 13)
    pdf.cell(0, 7, "DANH SÁCH", align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, "B", 12)
    verb = "thu hồi công nhận" if decision.kind == DecisionKind.REVOCATION else "được công nhận"
    pdf.multi_cell(0, 6, f"{verb} danh hiệu “{Title(decision.title).label}” năm {decision.year}",
                   align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)  # fmt: skip
    pdf.set_font(FONT, "I", 11)
    pdf.cell(0, 6, f"(Kèm theo Quyết định số {decision.number} ngày {decision.signed_on:%d/%m/%Y})",
             align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)  # fmt: skip
    pdf.ln(3)
    pdf.set_font(FONT, "", 10)
    with pdf.table(
        col_widths=(10, 70, 25, 30), text_align=("CENTER", "LEFT", "CENTER", "CENTER")
    ) as table:
        header = table.row()
        for text in ("STT", "Họ và tên / Tên", "Điểm", "Xếp loại"):
            header.cell(text)
        for line in _lines(decision):
            reg = line.registration
            row = table.row()
            for text in (
                str(line.position),
                reg.subject_name,
                "—" if reg.total is None else number(reg.total),
                reg.band or "—",
            ):
                row.cell(text)


def certificates_pdf(
    decision: Decision, verify_url: Callable[[str], str], *, only: int | None = None
) -> bytes:
    """One landscape certificate per subject of a recognition decision, each with its QR code (or
    only the certificate of the decision line `only`).

    Everything but the subject's name and QR code is the same on every certificate of a decision: it
    is laid out once, on the first page, and its drawing operators are repeated on the others (fpdf2
    lays text out in Python, which would otherwise cost most of the time for ten thousand pages)."""
    pdf = new_document("L")
    pdf.set_auto_page_break(auto=False)  # one page per certificate, drawn to the edge of the frame
    frame: bytes | None = None
    for line in _lines(decision, only):
        pdf.add_page()
        if frame is None:
            start = len(pdf.pages[pdf.page].contents)
            _certificate_frame(pdf, decision)
            frame = bytes(pdf.pages[pdf.page].contents[start:])
        else:
            _list_frame_fonts(pdf)
            pdf._out(frame)  # the same operators fpdf2 wrote for the first page
        _certificate_subject(pdf, line.registration.subject_name, verify_url(line.public_code))
    return bytes(pdf.output())


def _list_frame_fonts(pdf: FPDF) -> None:
    """Name the frame's fonts in the current page's resources, as fpdf2 does when it writes text with
    them (each page lists the fonts it uses; the repeated frame writes text fpdf2 did not see)."""
    for style in FRAME_STYLES:
        font = pdf.fonts[FONT.lower() + style]
        pdf._resource_catalog.add(PDFResourceType.FONT, font.i, pdf.page)


def _certificate_frame(pdf: FPDF, decision: Decision) -> None:
    """The parts every certificate of the decision shares, at fixed places (no flow from the name)."""
    pdf.set_line_width(1.2)
    pdf.rect(12, 12, pdf.w - 24, pdf.h - 24)
    pdf.set_y(25)
    pdf.set_font(FONT, "B", 12)
    pdf.cell(0, 6, decision.issuer.name.upper(), align="C")
    pdf.set_y(41)
    pdf.set_font(FONT, "B", 28)
    pdf.cell(0, 14, "GIẤY CHỨNG NHẬN", align="C")
    pdf.set_y(55)
    pdf.set_font(FONT, "", 14)
    pdf.cell(0, 9, f"Danh hiệu “{Title(decision.title).label}” năm {decision.year}", align="C")
    pdf.set_y(NAME_Y + 2 * NAME_LINE + 4)  # below a name of up to two lines
    pdf.set_font(FONT, "I", 12)
    pdf.cell(0, 7, f"Theo Quyết định số {decision.number} ngày {decision.signed_on:%d/%m/%Y}",
             align="C")  # fmt: skip
    pdf.set_font(FONT, "", 8)
    pdf.set_xy(pdf.w - 90, pdf.h - 22)
    pdf.cell(66, 4, "Quét mã để kiểm tra giấy chứng nhận", align="C")
    half = 110
    pdf.set_xy(30, pdf.h - 62)
    pdf.set_font(FONT, "B", 12)
    pdf.cell(half, 6, decision.signer_title.upper(), align="C", new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_font(FONT, "I", 11)
    pdf.cell(half, 12, "(Đã ký)", align="C", new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_font(FONT, "B", 12)
    pdf.cell(half, 6, decision.signer, align="C")


def _certificate_subject(pdf: FPDF, name: str, url: str) -> None:
    """The subject's name and QR code. Starts and ends with a font of its own, so that fpdf2 (which
    writes a font change only when the font differs from the last one it set) always writes it after
    the repeated frame."""
    pdf.set_font(FONT, "B", 22)
    pdf.set_xy(pdf.l_margin, NAME_Y)
    pdf.multi_cell(0, NAME_LINE, name, align="C", max_line_height=NAME_LINE)
    draw_qr(pdf, url, x=pdf.w - 62, y=pdf.h - 62, size=38)
    pdf.set_font(FONT, "", 9)
