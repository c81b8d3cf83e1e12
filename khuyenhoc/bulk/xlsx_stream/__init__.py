"""Stream the rows of an XLSX/XLSM worksheet in bounded memory, with the values python-calamine gives.

python-calamine loads a whole sheet (about 1 GB for a million rows of twelve columns). This reader cuts
the sheet XML, as it inflates, into batches of about a megabyte of complete <row> elements and reads
each batch with regular expressions when its elements take the usual forms (three times as fast as
building a tree), else with ElementTree. Only the shared strings table is kept for the whole read,
packed as UTF-8. Values follow python-calamine: str (shared, inline, rich and formula strings; <t>
text trimmed unless xml:space="preserve"), float, bool, date/datetime/time/timedelta for numbers with
a date or duration format, and None for empty, "" and error cells.

Rows are numbered as Excel numbers them, empty rows between data rows included, none after the last
one. Each row starts at column A and is as wide as the sheet's <dimension>, or wider to hold its
values and to match the rows above (an empty row matches the row below). calamine pads every row to
the last column holding a value, known only once the whole sheet is read: the two agree unless
formatted empty cells lie right of the data, or the sheet records no dimension.

The modules: parts reads the small XML parts (sheet list, relationships, number formats), batches
cuts a part into batches, fast_path holds the regular expressions and cells turns batches into
values. Their underscored names are shared within this package only.

Usage::

    workbook = open_workbook(path)
    sheet = next(s for s in workbook.sheets if s.visible and has_data(workbook, s))
    for row_number, cells in sheet_rows(workbook, sheet):
        ...
"""

import array
import contextlib
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from khuyenhoc.bulk.xlsx_stream.batches import _batches
from khuyenhoc.bulk.xlsx_stream.cells import Row, _AnyString, _batch_strings, _CellReader
from khuyenhoc.bulk.xlsx_stream.parts import (
    BrokenWorkbook,
    Sheet,
    _date_styles,
    _is_1904,
    _parse_part,
    _relationships,
    _sheets,
    _target_of,
)

_WORKBOOK_PART = "xl/workbook.xml"
_RELATIONSHIPS_PART = "xl/_rels/workbook.xml.rels"
_SHARED_STRINGS_PART = "xl/sharedStrings.xml"
_STYLES_PART = "xl/styles.xml"


@dataclass(frozen=True)
class Workbook:
    """What reading any sheet needs: the sheet list, the date styles and the shared strings part."""

    path: Path
    sheets: tuple[Sheet, ...]
    date_styles: dict[str, int]
    date1904: bool
    shared_strings: str | None


def largest_sheet_size(path: Path) -> int:
    """The uncompressed size in bytes of the largest worksheet XML, from the zip directory alone."""
    try:
        with zipfile.ZipFile(path) as archive:
            sizes = [
                info.file_size
                for info in archive.infolist()
                if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")
            ]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise BrokenWorkbook(str(exc)) from exc
    return max(sizes, default=0)


def open_workbook(path: Path) -> Workbook:
    """Read the sheet list, relationships and number formats of the XLSX file at `path`."""
    with _zip_errors(), zipfile.ZipFile(path) as archive:
        targets = _relationships(_parse_part(archive, _RELATIONSHIPS_PART))
        book = _parse_part(archive, _WORKBOOK_PART)
        if book is None:
            raise BrokenWorkbook(f"{_WORKBOOK_PART} is missing")
        styles_part = _target_of(targets, "/styles", _STYLES_PART, archive)
        styles = _parse_part(archive, styles_part) if styles_part else None
        shared = _target_of(targets, "/sharedStrings", _SHARED_STRINGS_PART, archive)
    return Workbook(
        path=path,
        sheets=tuple(_sheets(book, targets)),
        date_styles=_date_styles(styles) if styles is not None else {},
        date1904=_is_1904(book),
        shared_strings=shared,
    )


def has_data(workbook: Workbook, sheet: Sheet) -> bool:
    """Whether the sheet holds a value anywhere (an error or empty text counts, as for calamine)."""
    reader = _CellReader(_AnyString(), {}, date1904=False)
    with contextlib.closing(_data_rows(workbook, sheet, reader)) as rows:
        return next(rows, None) is not None


def sheet_rows(workbook: Workbook, sheet: Sheet) -> Iterator[Row]:
    """Yield (Excel row number, cells) from row 1 to the last row holding a value."""
    strings = load_shared_strings(workbook)
    reader = _CellReader(strings, workbook.date_styles, date1904=workbook.date1904)
    next_number = 1
    for number, cells in _data_rows(workbook, sheet, reader):
        while next_number < number:
            yield next_number, [None] * len(cells)
            next_number += 1
        yield number, cells
        next_number = max(next_number, number + 1)


def load_shared_strings(workbook: Workbook) -> "SharedStrings":
    """Read the shared strings table, rich text runs joined."""
    strings = SharedStrings()
    if workbook.shared_strings is None:
        return strings
    with (
        _zip_errors(),
        zipfile.ZipFile(workbook.path) as archive,
        archive.open(workbook.shared_strings) as stream,
    ):
        for batch in _batches(stream, b"sst", b"si"):
            strings.extend(_batch_strings(batch))
    return strings


class SharedStrings(Sequence[str]):
    """The shared strings packed as UTF-8 in one buffer: about 25 bytes a string instead of 90."""

    def __init__(self) -> None:
        self._data = bytearray()
        self._ends = array.array("Q")

    def extend(self, strings: list[str]) -> None:
        """Append strings at the end of the table."""
        data, ends = self._data, self._ends
        for text in strings:
            data += text.encode("utf-8")
            ends.append(len(data))

    def __getitem__(self, index: int) -> str:  # type: ignore[override]
        """The string at `index` (IndexError when the table has no such string)."""
        if index < 0:
            raise IndexError(index)
        start = self._ends[index - 1] if index else 0
        return self._data[start : self._ends[index]].decode("utf-8")

    def __len__(self) -> int:
        """The number of strings."""
        return len(self._ends)


@contextlib.contextmanager
def _zip_errors() -> Iterator[None]:
    """Turn the errors of a damaged zip archive or XML part into BrokenWorkbook."""
    try:
        yield
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        zlib.error,
        EOFError,
        KeyError,
        IndexError,
        ValueError,
        ElementTree.ParseError,
    ) as exc:
        raise BrokenWorkbook(f"{type(exc).__name__}: {exc}") from exc


def _data_rows(workbook: Workbook, sheet: Sheet, reader: "_CellReader") -> Iterator[Row]:
    """Yield (row number, cells) for each row of the sheet that holds a value."""
    with (
        _zip_errors(),
        zipfile.ZipFile(workbook.path) as archive,
        archive.open(sheet.part) as stream,
    ):
        for batch in _batches(stream, b"sheetData", b"row", reader.use_dimension):
            yield from reader.batch_rows(batch)
