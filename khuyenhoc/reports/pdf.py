"""The review as a PDF (fpdf2, through core.pdf): the same layout as the Word draft, for reading and
printing as it stands."""

from datetime import date

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from khuyenhoc.core.pdf import FONT, date_line, decree_header, new_document
from khuyenhoc.reports.dashboard import Row
from khuyenhoc.reports.review import (
    PLACE_HEAD,
    RESULT_HEAD,
    Result,
    Review,
    outline,
    place_lines,
    result_lines,
)


def review_pdf(review: Review, *, today: date, place: str) -> bytes:
    pdf = new_document()
    pdf.add_page()
    lead = review.programme.lead
    decree_header(
        pdf, parent=lead.parent.name.upper() if lead.parent_id else "", issuer=lead.name,
        number="      /BC-", date_text=date_line(place, today),
    )  # fmt: skip
    pdf.set_font(FONT, "B", 14)
    pdf.cell(0, 8, "BÁO CÁO", align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, "B", 12)
    pdf.multi_cell(0, 6, f"{review.kind_label} {review.years} {review.programme.title}", align="C",
                   new_x=XPos.LMARGIN, new_y=YPos.NEXT)  # fmt: skip
    pdf.ln(3)
    styles = {"bold": "B", "note": "I", "text": ""}
    for block in outline(review):
        if block.kind == "chapter":
            _head(pdf, block.text)
        elif block.kind == "results":
            _results(pdf, list(block.rows))
        elif block.kind == "places":
            _places(pdf, list(block.rows))
        else:
            _text(pdf, block.text, styles[block.kind])
    pdf.ln(6)
    pdf.set_x(pdf.l_margin + pdf.epw / 2)
    pdf.set_font(FONT, "B", 12)
    pdf.multi_cell(pdf.epw / 2, 6, lead.name.upper(), align="C")
    return bytes(pdf.output())


def _head(pdf: FPDF, text: str) -> None:
    pdf.ln(2)
    pdf.set_font(FONT, "B", 12)
    pdf.multi_cell(0, 7, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _text(pdf: FPDF, text: str, style: str = "") -> None:
    pdf.set_font(FONT, style, 12)
    pdf.multi_cell(0, 6, text, align="J", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _table(pdf: FPDF, widths: tuple[int, ...], head: list[str], rows: list[list[str]]) -> None:
    pdf.set_font(FONT, "", 9)
    with pdf.table(col_widths=widths, text_align="LEFT", line_height=5, first_row_as_headings=True,
                   headings_style=FontFace(emphasis="BOLD")) as table:  # fmt: skip
        table.row(head)
        for values in rows:
            table.row(values)
    pdf.ln(2)


def _results(pdf: FPDF, results: list[Result]) -> None:
    _table(pdf, (7, 40, 30, 22, 27, 15, 24), RESULT_HEAD, result_lines(results))


def _places(pdf: FPDF, rows: list[Row]) -> None:
    _table(pdf, (8, 62, 25, 25, 25, 20), PLACE_HEAD, place_lines(rows))
