"""The review's statistical tables as XLSX (xlsxwriter), in the layout of the official reporting forms:
the form number and the reporting and receiving units above the title, the period under it, a header
row with the columns' letters and numbers (A, B, C, 1, 2, 3 = 2/1), numbers as numbers, and the signer
block at the foot. One sheet per form: 01 results by indicator, 02 by party, 03 by place."""

import io
from datetime import date
from typing import Any

import xlsxwriter

from khuyenhoc.core.pdf import date_line
from khuyenhoc.programmes.models import Unit
from khuyenhoc.reports.review import PlaceTable, Result, Review


def review_xlsx(review: Review, *, today: date, place: str) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    styles = _styles(book)
    results = [r for s in review.sections for r in s.results]
    _results_sheet(
        book, styles, review, "Biểu 01", "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU", results, today, place
    )
    for index, (party, rows) in enumerate(review.by_party, start=1):
        title = f"KẾT QUẢ THỰC HIỆN CỦA {party.org_node.name.upper()}"
        _results_sheet(book, styles, review, f"Biểu 02.{index}", title, rows, today, place)
    for index, table in enumerate(review.by_place, start=1):
        _place_sheet(book, styles, review, f"Biểu 03.{index}", table, today, place)
    book.close()
    return buffer.getvalue()


def _styles(book: Any) -> dict[str, Any]:
    base = {"font_name": "Times New Roman", "font_size": 12, "valign": "vcenter"}
    cell = {**base, "border": 1, "text_wrap": True}
    return {
        "form": book.add_format({**base, "bold": True}),
        "small": book.add_format({**base, "italic": True, "font_size": 11}),
        "title": book.add_format({**base, "bold": True, "font_size": 14, "align": "center"}),
        "center": book.add_format({**base, "italic": True, "align": "center"}),
        "head": book.add_format({**cell, "bold": True, "align": "center", "bg_color": "#F2F2F2"}),
        "letter": book.add_format({**cell, "italic": True, "align": "center"}),
        "text": book.add_format(cell),
        "int": book.add_format({**cell, "num_format": "#,##0"}),
        "dec": book.add_format({**cell, "num_format": "#,##0.00"}),
        "sign": book.add_format({**base, "bold": True, "align": "center"}),
    }


def _top(
    sheet: Any, styles: dict[str, Any], review: Review, form: str, title: str, width: int
) -> int:
    """The form's header block; returns the first row of the table."""
    lead = review.programme.lead
    sheet.write(0, 0, f"{form}/CTPH", styles["form"])
    sheet.write(1, 0, f"Đơn vị báo cáo: {lead.name}", styles["small"])
    receiver = lead.parent.name if lead.parent_id else "Các bên ký kết chương trình"
    sheet.write(2, 0, f"Đơn vị nhận báo cáo: {receiver}", styles["small"])
    sheet.merge_range(4, 0, 4, width - 1, title, styles["title"])
    sheet.merge_range(
        5, 0, 5, width - 1,
        f"{review.kind_label} {review.years} — {review.programme.title}", styles["center"],
    )  # fmt: skip
    return 7


def _foot(sheet: Any, styles: dict[str, Any], row: int, width: int, review: Review, today: date,
          place: str) -> None:  # fmt: skip
    sheet.merge_range(
        row + 1, width - 3, row + 1, width - 1, date_line(place, today), styles["center"]
    )
    sheet.merge_range(row + 2, width - 3, row + 2, width - 1, "THỦ TRƯỞNG ĐƠN VỊ", styles["sign"])
    sheet.write(row + 2, 1, "NGƯỜI LẬP BIỂU", styles["sign"])


def _results_sheet(book: Any, styles: dict[str, Any], review: Review, name: str, title: str,
                   results: list[Result], today: date, place: str) -> None:  # fmt: skip
    sheet = book.add_worksheet(name)
    head = ["STT", "Chỉ tiêu", "Đơn vị tính", "Giao cho", "Kế hoạch", "Thực hiện", "Tỷ lệ đạt (%)",
            "Lũy kế cả kỳ", "Ghi chú"]  # fmt: skip
    letters = ["A", "B", "C", "D", "1", "2", "3 = 2/1", "4", "E"]
    row = _top(sheet, styles, review, name, title, len(head))
    sheet.write_row(row, 0, head, styles["head"])
    sheet.write_row(row + 1, 0, letters, styles["letter"])
    for width, column in zip((6, 48, 12, 30, 14, 14, 12, 16, 30), range(len(head)), strict=True):
        sheet.set_column(column, column, width)
    row += 2
    for index, result in enumerate(results, start=1):
        figure, indicator = result.figure, result.figure.target.indicator
        unit = {Unit.PERCENT: "%", Unit.MONEY: "đồng"}.get(indicator.unit, "")
        sheet.write_number(row, 0, index, styles["int"])
        sheet.write_string(row, 1, indicator.name, styles["text"])
        sheet.write_string(row, 2, unit or "số lượng", styles["text"])
        sheet.write_string(row, 3, result.holder, styles["text"])
        _number(sheet, row, 4, figure.plan, styles)
        _number(sheet, row, 5, figure.actual, styles)
        _number(sheet, row, 6, figure.achieved, styles)
        _number(sheet, row, 7, result.period_total, styles)
        sheet.write_string(row, 8, figure.problem, styles["text"])
        row += 1
    _foot(sheet, styles, row, len(head), review, today, place)


def _place_sheet(book: Any, styles: dict[str, Any], review: Review, name: str, table: PlaceTable,
                 today: date, place: str) -> None:  # fmt: skip
    sheet = book.add_worksheet(name)
    head = ["STT", "Xã, phường / đơn vị", "Số lượng", "Kế hoạch", "Thực hiện", "Tỷ lệ đạt (%)"]
    title = f"{table.indicator.name.upper()} — {table.province.upper()}, NĂM {review.year_to}"
    row = _top(sheet, styles, review, name, title, len(head))
    sheet.write_row(row, 0, head, styles["head"])
    sheet.write_row(row + 1, 0, ["A", "B", "1", "2", "3", "4 = 3/2"], styles["letter"])
    for width, column in zip((6, 40, 14, 14, 14, 14), range(len(head)), strict=True):
        sheet.set_column(column, column, width)
    row += 2
    for index, line in enumerate(table.rows, start=1):
        sheet.write_number(row, 0, index, styles["int"])
        sheet.write_string(row, 1, line.label, styles["text"])
        sheet.write_number(row, 2, line.count, styles["int"])
        figure = line.figure
        _number(sheet, row, 3, figure.plan if figure else None, styles)
        _number(sheet, row, 4, figure.actual if figure else None, styles)
        _number(sheet, row, 5, figure.achieved if figure else None, styles)
        row += 1
    _foot(sheet, styles, row, len(head), review, today, place)


def _number(sheet: Any, row: int, column: int, value: Any, styles: dict[str, Any]) -> None:
    if value is None:
        sheet.write_blank(row, column, None, styles["text"])
    elif value == int(value):
        sheet.write_number(row, column, int(value), styles["int"])
    else:
        sheet.write_number(row, column, float(value), styles["dec"])
