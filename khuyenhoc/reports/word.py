"""The review as an editable Word draft (python-docx): the administrative header of Decree 30/2020/NĐ-CP
(issuer and national motto side by side), results per content with their tables, highlights, tables by
party and by place, and marked places where the secretariat writes its assessment."""

import io
from datetime import date

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt
from docx.table import Table

from khuyenhoc.core.pdf import date_line
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

FONT = "Times New Roman"  # the decree's font; Word and LibreOffice have it or a metric twin


def review_docx(review: Review, *, today: date, place: str) -> bytes:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    style = document.styles["Normal"]
    style.font.name, style.font.size = FONT, Pt(13)
    _header(document, review, today, place)
    _heading(document, "BÁO CÁO", 14)
    _heading(document, f"{review.kind_label} {review.years} {review.programme.title}", 13)
    for block in outline(review):
        if block.kind == "chapter":
            _heading(document, block.text, 13, align=WD_ALIGN_PARAGRAPH.LEFT)
        elif block.kind == "results":
            _results_table(document, list(block.rows))
        elif block.kind == "places":
            _place_table(document, list(block.rows))
        else:
            _paragraph(document, block.text, bold=block.kind == "bold", italic=block.kind == "note")
    _signature(document, review)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _header(document: Document, review: Review, today: date, place: str) -> None:
    lead = review.programme.lead
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = table.rows[0].cells
    left.width, right.width = Cm(6.5), Cm(10)
    if lead.parent_id:
        _cell(left, lead.parent.name.upper(), size=12)
    _cell(left, lead.name.upper(), bold=True, size=12)
    _cell(left, "Số:      /BC-", size=13)
    _cell(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=12)
    _cell(right, "Độc lập - Tự do - Hạnh phúc", bold=True, size=13, underline=True)
    _cell(right, date_line(place, today), italic=True, size=13)
    left.paragraphs[0]._p.getparent().remove(left.paragraphs[0]._p)
    right.paragraphs[0]._p.getparent().remove(right.paragraphs[0]._p)


def _cell(cell: object, text: str, *, size: int, bold: bool = False, italic: bool = False,
          underline: bool = False) -> None:  # fmt: skip
    paragraph = cell.add_paragraph()  # type: ignore[attr-defined]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.bold, run.italic, run.underline = bold, italic, underline
    run.font.size, run.font.name = Pt(size), FONT


def _heading(
    document: Document, text: str, size: int, align: int = WD_ALIGN_PARAGRAPH.CENTER
) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = align
    run = paragraph.add_run(text)
    run.bold, run.font.size = True, Pt(size)


def _paragraph(document: Document, text: str, *, bold: bool = False, italic: bool = False) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    run = paragraph.add_run(text)
    run.bold, run.italic = bold, italic


def _table(document: Document, head: list[str], rows: list[list[str]]) -> Table:
    table = document.add_table(rows=1, cols=len(head))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, head, strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    for values in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            cell.text = text
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(11)
    return table


def _results_table(document: Document, results: list[Result]) -> None:
    _table(document, RESULT_HEAD, result_lines(results))


def _place_table(document: Document, rows: list[Row]) -> None:
    _table(document, PLACE_HEAD, place_lines(rows))


def _signature(document: Document, review: Review) -> None:
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    paragraph = left.paragraphs[0]
    run = paragraph.add_run("Nơi nhận:")
    run.bold, run.italic, run.font.size = True, True, Pt(12)
    for line in [f"- {p.org_node.name};" for p in review.parties[1:]] + ["- Lưu: VT."]:
        left.add_paragraph().add_run(line).font.size = Pt(11)
    _cell(right, review.programme.lead.name.upper(), bold=True, size=13)
    _cell(right, "(Ký, ghi rõ họ tên, đóng dấu)", italic=True, size=12)
    right.paragraphs[0]._p.getparent().remove(right.paragraphs[0]._p)
