"""Turn batches of <row> elements, and the text of shared and inline strings, into the values
python-calamine gives."""

import datetime
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from xml.etree import ElementTree

from khuyenhoc.bulk.xlsx_stream.batches import _Batch
from khuyenhoc.bulk.xlsx_stream.fast_path import (
    _dereferenced,
    _gap,
    _NotSimple,
    _Patterns,
    _patterns,
)
from khuyenhoc.bulk.xlsx_stream.parts import _DURATION, BrokenWorkbook, _namespace

Row = tuple[int, list[object]]

_MAX_DIMENSION_WIDTH = 1024
# Read batches whose elements all take the usual forms with regular expressions, three times as fast
# as ElementTree; tests turn this off to check that both ways give the same rows.
FAST_PATH = True
_EPOCH = datetime.datetime(1899, 12, 30)  # noqa: DTZ001 - Excel dates carry no time zone
_DAYS_1900_TO_1904 = 1462
_MS_PER_DAY = 86_400_000
_ESCAPED_CHAR = re.compile(r"_x([0-9A-Fa-f]{4})_")
_ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_TIME = re.compile(r"\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?")
_CELL_REF = re.compile(r"[A-Za-z]{1,3}")
_ABSENT = object()
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_XML_WHITESPACE = " \t\r\n"


def _batch_strings(batch: _Batch) -> list[str]:
    """The strings of a batch of <si> elements: by regular expression when all are plain <t> text."""
    text = batch.content.decode("utf-8")
    found, position = [], 0
    try:
        if not FAST_PATH:
            raise _NotSimple
        for match in _patterns(batch.prefix).shared_string.finditer(text):
            _gap(text, position, match.start())
            found.append(_string(_dereferenced(match[2]), preserve=match[1] is not None))
            position = match.end()
        _gap(text, position, len(text))
        return found
    except _NotSimple:
        root = batch.parse()
        reader = _TextReader(_namespace(root.tag))
        return [reader.read(item) for item in root if item.tag == reader.si]


class _AnyString(Sequence[str]):
    """Stands for the shared strings when only the presence of values matters."""

    def __getitem__(self, index: object) -> str:  # type: ignore[override]
        """Any index gives an empty string."""
        return ""

    def __len__(self) -> int:
        """The table has no length to speak of."""
        return 0


class _TextReader:
    """Read the text of shared (<si>) and inline (<is>) strings."""

    def __init__(self, namespace: str) -> None:
        self.si, self.t, self.r = namespace + "si", namespace + "t", namespace + "r"

    def read(self, node: ElementTree.Element) -> str:
        """The <t> text, or the rich text runs joined; phonetic guides (<rPh>) are left out."""
        if len(node) == 1 and node[0].tag == self.t:
            text = _trimmed(node[0])
        else:
            parts = []
            for child in node:
                if child.tag == self.t:
                    parts.append(_trimmed(child))
                elif child.tag == self.r:
                    parts.extend(_trimmed(run) for run in child if run.tag == self.t)
            text = "".join(parts)
        return _unescape(text) if "_x" in text else text


def _trimmed(node: ElementTree.Element) -> str:
    """A <t> element's text, trimmed of XML white space unless it says xml:space="preserve"."""
    return _string(node.text or "", preserve=node.get(_XML_SPACE) == "preserve", escaped=True)


def _string(text: str, *, preserve: bool, escaped: bool = False) -> str:
    """A <t> text as calamine reads it: trimmed unless preserved, then _xHHHH_ escapes decoded.

    `escaped` leaves the escapes for the caller, which decodes the runs of rich text once joined.
    """
    if not preserve:
        text = text.strip(_XML_WHITESPACE)
    return _unescape(text) if "_x" in text and not escaped else text


def _unescape(text: str) -> str:
    """Decode Excel's _xHHHH_ escapes (_x000D_ is a carriage return, _x005F_ an underscore)."""
    return _ESCAPED_CHAR.sub(lambda match: chr(int(match[1], 16)), text)


class _CellReader:
    """Turn batches of <row> elements into numbered lists of values, keeping the width so far."""

    def __init__(self, strings: Sequence[str], date_styles: dict[str, int], *, date1904: bool):
        self.strings, self.date_styles, self.date1904 = strings, date_styles, date1904
        self.width = 0
        self.last_row = 0
        self.columns: dict[str, int] = {}

    def use_dimension(self, head: bytes) -> None:
        """Start from the width of the sheet's <dimension ref="A1:L100"> when it is plausible."""
        found = re.search(
            rb"<(?:[\w.-]+:)?dimension\b[^>]*?\bref=\"[^\":]*:?([A-Za-z]{1,3})\d", head
        )
        width = _column_index(found[1].decode("ascii")) + 1 if found else 0
        self.width = width if width <= _MAX_DIMENSION_WIDTH else 0

    def batch_rows(self, batch: _Batch) -> list[Row]:
        """The rows of a batch that hold a value, by regular expressions if they can, else by ElementTree."""
        saved = (self.last_row, self.width)
        if FAST_PATH:
            try:
                return self.fast_rows(batch.content.decode("utf-8"), _patterns(batch.prefix))
            except _NotSimple:
                self.last_row, self.width = saved
        return self.tree_rows(batch.parse())

    def fast_rows(self, text: str, patterns: _Patterns) -> list[Row]:
        """Read rows with the fast path's expressions; raise _NotSimple on anything unusual."""
        rows: list[Row] = []
        position = 0
        for match in patterns.row.finditer(text):
            _gap(text, position, match.start())
            position = match.end()
            number = patterns.row_number.search(match[1] or "")
            self.last_row = int(number[1]) if number else self.last_row + 1
            if match[2] is not None:
                cells = self.fast_cells(text, match.start(2), match.end(2), patterns.cell)
                if cells is not None:
                    rows.append((self.last_row, cells))
        _gap(text, position, len(text))
        return rows

    def fast_cells(self, text: str, start: int, end: int, cell: re.Pattern[str]) -> list | None:
        """The values of one row's cells, or None when none holds a value."""
        cells: list[object] = [None] * self.width
        present, position, columns = False, start, self.columns
        for match in cell.finditer(text, start, end):
            _gap(text, position, match.start())
            position = match.end()
            letters, style, kind, number, empty, preserve, inline = match.groups()
            if empty is not None:
                number = ""
            if inline is not None:
                inline = _string(_dereferenced(inline), preserve=preserve is not None)
            value = self.convert(kind, number, inline, style)
            if value is not _ABSENT:
                present = True
                column = columns.get(letters)
                if column is None:
                    column = columns[letters] = _column_index(letters)
                if column >= len(cells):
                    cells.extend([None] * (column + 1 - len(cells)))
                cells[column] = value
        _gap(text, position, end)
        self.width = len(cells)
        return cells if present else None

    def tree_rows(self, root: ElementTree.Element) -> list[Row]:
        """Read the rows of a parsed batch (ElementTree), whatever form their elements take."""
        namespace = _namespace(root.tag)
        tags = _Tags(namespace + "row", namespace + "c", namespace + "v", namespace + "is")
        text = _TextReader(namespace)
        rows: list[Row] = []
        for row in root:
            if row.tag == tags.row:
                number = row.get("r")
                self.last_row = int(number) if number else self.last_row + 1
                cells = self.tree_cells(row, tags, text)
                if cells is not None:
                    rows.append((self.last_row, cells))
        return rows

    def tree_cells(self, row: ElementTree.Element, tags: "_Tags", text: _TextReader) -> list | None:
        """The values of a parsed row's cells, or None when none holds a value."""
        cells: list[object] = [None] * self.width
        present, column = False, -1
        for cell in row:
            if cell.tag != tags.c:
                continue
            reference = cell.get("r")
            column = self.column(reference) if reference else column + 1
            kind, number = cell.get("t"), cell.findtext(tags.v)
            inline = None
            if kind == "inlineStr" or (kind is None and number is None):
                node = cell.find(tags.is_)
                inline = text.read(node) if node is not None else None
            value = self.convert(kind, number, inline, cell.get("s"))
            if value is not _ABSENT:
                present = True
                if column >= len(cells):
                    cells.extend([None] * (column + 1 - len(cells)))
                cells[column] = value
        self.width = len(cells)
        return cells if present else None

    def column(self, reference: str) -> int:
        """The 0-based column of a cell reference such as "AB12"."""
        letters = reference.rstrip("0123456789")
        column = self.columns.get(letters)
        if column is None:
            column = self.columns[letters] = _column_index(letters)
        return column

    def convert(
        self, kind: str | None, number: str | None, inline: str | None, style: str | None
    ) -> object:
        """A cell's value as calamine gives it, or _ABSENT when calamine sees no value at all.

        `number` is the <v> text (None without <v>), `inline` the <is> text, `kind` the t attribute.
        """
        if kind is None or kind == "n":
            if number:
                return self.number(number, style, untyped=kind is None)
            if number is None and kind is None and inline is not None:
                return inline or None
            return _ABSENT
        if kind == "s":
            return (self.strings[int(number)] or None) if number else _ABSENT
        if kind == "inlineStr":
            return _ABSENT if inline is None else (inline or None)
        if number is None:
            return _ABSENT
        if kind == "str":
            return (_unescape(number) if "_x" in number else number) or None
        if kind == "b":
            return number != "0" if number else _ABSENT
        if kind == "e":
            return None if number else _ABSENT
        if kind == "d":
            return _iso_date(number) or None
        raise BrokenWorkbook(f"unknown cell type {kind!r}")

    def number(self, text: str, style: str | None, *, untyped: bool) -> object:
        """A number cell as float, or as a date, time or duration when its style shows one."""
        try:
            if "_" in text or text.strip() != text:
                raise ValueError(text)
            number = float(text)
        except ValueError:
            if untyped:
                return text  # calamine keeps an untyped value that is not a number as text
            raise BrokenWorkbook(f"{text!r} is not a number") from None
        kind = self.date_styles.get(style) if style else None
        return _excel_date(number, kind, self.date1904) if kind else number


@dataclass(frozen=True)
class _Tags:
    """Tag names of the sheet elements read, in the part's namespace."""

    row: str
    c: str
    v: str
    is_: str


def _column_index(letters: str) -> int:
    """0-based column index of column letters ("A" is 0, "AB" is 27)."""
    if not _CELL_REF.fullmatch(letters):
        raise BrokenWorkbook(f"bad cell reference {letters!r}")
    index = 0
    for letter in letters.upper():
        index = index * 26 + ord(letter) - 64
    return index - 1


def _excel_date(value: float, kind: int, date1904: bool) -> object:
    """Convert a serial as python-calamine does: time below 1, date when whole, else datetime."""
    try:
        if kind == _DURATION:
            return datetime.timedelta(milliseconds=_round_half_away(value * _MS_PER_DAY))
        days = value + _DAYS_1900_TO_1904 if date1904 else value
        days = days if days >= 60 else days + 1  # Excel's 29 February 1900 that never was
        moment = _EPOCH + datetime.timedelta(milliseconds=_round_half_away(days * _MS_PER_DAY))
    except (OverflowError, ValueError):
        return value
    if value < 1:
        return moment.time()
    return moment.date() if value.is_integer() else moment


def _round_half_away(number: float) -> int:
    """Round to the nearest integer, halves away from zero (Rust's f64::round)."""
    whole = math.floor(abs(number))
    rounded = whole + 1 if abs(number) - whole >= 0.5 else whole
    return -rounded if number < 0 else rounded


def _iso_date(text: str) -> object:
    """An ISO 8601 date cell (t="d") as datetime, date or time; other text is kept as it is."""
    try:
        if _ISO_DATETIME.fullmatch(text):
            return datetime.datetime.fromisoformat(text)
        if _ISO_DATE.fullmatch(text):
            return datetime.date.fromisoformat(text)
        if _ISO_TIME.fullmatch(text):
            return datetime.time.fromisoformat(text)
    except ValueError:
        pass
    return text
