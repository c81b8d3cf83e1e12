"""Write a kind's records as XLSX or CSV, streaming: memory stays flat whatever the number of rows."""

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import xlsxwriter

from khuyenhoc.bulk.kinds import Kind
from khuyenhoc.core.csvtext import csv_lines
from khuyenhoc.core.privacy import mask_cell

CHUNK = 2000


def export_rows(kind: Kind, records: Iterable[Any], *, full: bool = False) -> Iterator[list[Any]]:
    """The header row, then one row per record (querysets are read in chunks). Personal columns are
    masked unless `full` (which the caller has checked the policy allows, and recorded)."""
    yield [c.header for c in kind.columns]
    if hasattr(records, "iterator"):
        records = records.iterator(chunk_size=CHUNK)
    personal = [(i, c.personal) for i, c in enumerate(kind.columns) if c.personal]
    if full or not personal:
        yield from kind.export_rows(records)
        return
    for row in kind.export_rows(records):
        for index, what in personal:
            row[index] = mask_cell(what, row[index])
        yield row


def write_xlsx(rows: Iterable[list[Any]], path: Path, *, sheet_name: str) -> int:
    """Write `rows` to an XLSX file in constant-memory mode; return the number of data rows."""
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_numbers": False})
    sheet = book.add_worksheet(sheet_name[:31])
    bold = book.add_format({"bold": True})
    count = -1
    for index, row in enumerate(rows):
        for col, value in enumerate(row):
            _cell(sheet, index, col, value, bold if index == 0 else None)
        count = index
    sheet.freeze_panes(1, 0)
    book.close()
    return max(count, 0)


def _cell(sheet: Any, row: int, col: int, value: Any, style: Any) -> None:
    # Text stays text: a CCCD such as 040085000123 must keep its leading zero when reopened.
    if value is None or value == "":
        return
    if isinstance(value, int | float) and not isinstance(value, bool):
        sheet.write_number(row, col, value, style)
    else:
        sheet.write_string(row, col, str(value), style)


def write_csv(rows: Iterable[list[Any]], path: Path) -> int:
    """Write `rows` as UTF-8 CSV (with BOM); return the number of data rows."""
    lines = 0
    with open(path, "w", encoding="utf-8", newline="") as out:
        for line in csv_lines(rows):
            out.write(line)
            lines += 1
    return max(lines - 2, 0)  # the byte-order mark and the header are not data rows
