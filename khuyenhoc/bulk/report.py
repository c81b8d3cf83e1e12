"""What an import run reports: counts, the invalid rows with their Excel row numbers, and a fix-me file."""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import xlsxwriter
from django.utils.translation import gettext as _

from khuyenhoc.core.numbers import number_text

MAX_PROBLEMS = (
    1000  # kept in detail; every invalid row is still counted and still in the report file
)


@dataclass
class Problem:
    """One reason a row was refused, as the user sees it in Excel."""

    row: int
    column: str
    message: str


@dataclass
class ImportReport:
    """Counts and problems of one run; `fatal` is set when the file could not be read at all."""

    kind: str
    file_name: str
    read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    invalid: int = 0
    problems: list[Problem] = field(default_factory=list)
    fatal: str = ""
    written: bool = False
    dry_run: bool = False

    @property
    def exit_code(self) -> int:
        """0: every row imported; 1: invalid rows; 2: the file could not be read."""
        if self.fatal:
            return 2
        return 1 if self.invalid else 0

    def add_problem(self, problem: Problem) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(problem)

    def as_dict(self) -> dict[str, Any]:
        data = {k: getattr(self, k) for k in ("kind", "file_name", "read", "created", "updated")}
        data |= {
            k: getattr(self, k) for k in ("unchanged", "invalid", "fatal", "written", "dry_run")
        }
        data["problems"] = [vars(p) for p in self.problems]
        return data

    def summary(self) -> str:
        """One Vietnamese sentence with the counts."""
        text = _(
            "Đọc %(read)s dòng: tạo mới %(created)s, cập nhật %(updated)s, không đổi %(unchanged)s, "
            "lỗi %(invalid)s."
        ) % {
            k: number_text(getattr(self, k))
            for k in ("read", "created", "updated", "unchanged", "invalid")
        }
        if self.fatal:
            return self.fatal
        if self.dry_run:
            return text + " " + _("Chạy thử: chưa ghi gì vào cơ sở dữ liệu.")
        if not self.written and self.invalid:
            return (
                text
                + " "
                + _(
                    "Tệp có dòng lỗi nên chưa ghi gì; sửa các dòng lỗi hoặc chọn chỉ nhập các dòng hợp lệ."
                )
            )
        return text


class ReportFile:
    """The original rows plus an error column, written as they are read (constant memory)."""

    def __init__(self, path: Path, header: list[Any]) -> None:
        self.book = xlsxwriter.Workbook(
            str(path), {"constant_memory": True, "strings_to_numbers": False}
        )
        self.sheet = self.book.add_worksheet(_("Kết quả"))
        self.bad = self.book.add_format({"bg_color": "#FDE7E9", "font_color": "#9C0006"})
        bold = self.book.add_format({"bold": True})
        self.sheet.write_row(
            0, 0, [_("Dòng trong tệp gốc"), _("Lỗi"), *[_text(h) for h in header]], bold
        )
        self.sheet.freeze_panes(1, 0)
        self.next_row = 1

    def add(self, row_number: int, cells: list[Any], messages: list[str]) -> None:
        """One original row with its problems (none for a valid row)."""
        error = "; ".join(messages)
        self.sheet.write_number(self.next_row, 0, row_number)
        self.sheet.write_string(self.next_row, 1, error, self.bad if error else None)
        for col, value in enumerate(cells, start=2):
            _write_cell(self.sheet, self.next_row, col, value)
        self.next_row += 1

    def close(self) -> None:
        self.book.close()


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _write_cell(sheet: Any, row: int, col: int, value: Any) -> None:
    """Write a cell back as it was read: text stays text (a CCCD keeps its zeros), numbers stay numbers."""
    if value is None:
        return
    if hasattr(value, "strftime"):
        sheet.write_string(row, col, value.strftime("%d/%m/%Y"))
        return
    if isinstance(value, bool) or not isinstance(value, int | float):
        sheet.write_string(row, col, _text(value))
    else:
        sheet.write_number(row, col, value)
