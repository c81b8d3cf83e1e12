"""The XLSX template of a kind: Vietnamese headers, an example row, drop-downs for closed lists."""

from pathlib import Path

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from khuyenhoc.bulk.kinds import Kind

DATA_ROWS = 5000  # rows that carry the drop-downs


def write_template(kind: Kind, path: Path) -> None:
    """Write the template of `kind` to `path`."""
    book = Workbook()
    sheet = book.active
    sheet.title = kind.name[:31]
    lists = book.create_sheet(_("Danh mục"))
    guide = book.create_sheet(_("Hướng dẫn"))
    required = PatternFill("solid", fgColor="FFF2CC")
    for col, column in enumerate(kind.columns, start=1):
        letter = get_column_letter(col)
        cell = sheet.cell(
            row=1, column=col, value=column.header + (" (*)" if column.required else "")
        )
        cell.font = Font(bold=True)
        if column.required:
            cell.fill = required
        sheet.cell(row=2, column=col, value=column.example or None).number_format = "@"
        sheet.column_dimensions[letter].width = column.width
        sheet.column_dimensions[letter].number_format = "@"
        choices = kind.choices_for(column)
        if choices:
            _dropdown(sheet, lists, col, letter, column.header, choices)
    sheet.freeze_panes = "A2"
    _write_guide(guide, kind)
    lists.sheet_state = "hidden"
    book.save(path)


def _dropdown(sheet, lists, col: int, letter: str, title: str, choices: list[str]) -> None:
    lists.cell(row=1, column=col, value=title)
    for row, choice in enumerate(choices, start=2):
        lists.cell(row=row, column=col, value=choice)
    source = f"'{lists.title}'!${letter}$2:${letter}${len(choices) + 1}"
    validation = DataValidation(type="list", formula1=source, allow_blank=True)
    validation.error = _("Hãy chọn một giá trị trong danh sách.")
    validation.errorTitle = title
    sheet.add_data_validation(validation)
    validation.add(f"{letter}2:{letter}{DATA_ROWS}")


def _write_guide(guide, kind: Kind) -> None:
    guide.append([_("Cột"), _("Bắt buộc"), _("Ghi chú"), _("Tên cột khác được chấp nhận")])
    for column in kind.columns:
        guide.append(
            [
                column.header,
                _("Có") if column.required else "",
                column.help,
                ", ".join(column.aliases),
            ]
        )
    guide.column_dimensions["A"].width = 24
    guide.column_dimensions["C"].width = 50
    guide.column_dimensions["D"].width = 60
