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

Usage::

    workbook = open_workbook(path)
    sheet = next(s for s in workbook.sheets if s.visible and has_data(workbook, s))
    for row_number, cells in sheet_rows(workbook, sheet):
        ...
"""

import array
import codecs
import contextlib
import datetime
import functools
import itertools
import math
import posixpath
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from xml.etree import ElementTree

Row = tuple[int, list[object]]

_WORKBOOK_PART = "xl/workbook.xml"
_RELATIONSHIPS_PART = "xl/_rels/workbook.xml.rels"
_SHARED_STRINGS_PART = "xl/sharedStrings.xml"
_STYLES_PART = "xl/styles.xml"
_CHUNK = 1024 * 1024
# No row or shared string comes near this; a part that does is damaged, or a zip bomb.
_MAX_ELEMENT_BYTES = 64 * 1024 * 1024
_MAX_DIMENSION_WIDTH = 1024
# Read batches whose elements all take the usual forms with regular expressions, three times as fast
# as ElementTree; tests turn this off to check that both ways give the same rows.
FAST_PATH = True
_DATE, _DURATION = 1, 2
# Built-in number formats 14-22, 45 and 47 show dates and times; 46 is the duration [h]:mm:ss.
_BUILTIN_FORMATS = {**dict.fromkeys((*range(14, 23), 45, 47), _DATE), 46: _DURATION}
_EPOCH = datetime.datetime(1899, 12, 30)  # noqa: DTZ001 - Excel dates carry no time zone
_DAYS_1900_TO_1904 = 1462
_MS_PER_DAY = 86_400_000
_ESCAPED_CHAR = re.compile(r"_x([0-9A-Fa-f]{4})_")
_ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_TIME = re.compile(r"\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?")
_ROOT_TAG = re.compile(rb"<([^\s/>?!]+)[^>]*?(/?)>")
_CELL_REF = re.compile(r"[A-Za-z]{1,3}")
_ABSENT = object()
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_XML_WHITESPACE = " \t\r\n"


class BrokenWorkbook(Exception):
    """The package, or one of the XML parts read, is damaged or not what XLSX allows."""


@dataclass(frozen=True)
class Sheet:
    """A sheet listed in xl/workbook.xml; `part` is its XML inside the zip archive."""

    name: str
    part: str
    visible: bool
    worksheet: bool


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


# --- workbook parts --------------------------------------------------------------------------------


def _parse_part(archive: zipfile.ZipFile, name: str) -> ElementTree.Element | None:
    """Parse a small XML part of the package, or return None when the zip does not hold it."""
    try:
        data = archive.read(name)
    except KeyError:
        return None
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise BrokenWorkbook(f"{name} declares a DTD, which OOXML does not allow")
    try:
        return ElementTree.fromstring(data)  # noqa: S314 - no DTD, so no entity expansion
    except ElementTree.ParseError as exc:
        raise BrokenWorkbook(f"{name}: {exc}") from exc


def _local(tag: str) -> str:
    """The tag without its namespace."""
    return tag.rpartition("}")[2]


def _namespace(tag: str) -> str:
    """The "{namespace}" part of a tag, or ""."""
    return tag[: tag.index("}") + 1] if tag.startswith("{") else ""


def _relationships(root: ElementTree.Element | None) -> dict[str, tuple[str, str]]:
    """Map relationship ids of xl/workbook.xml to (type, zip member name)."""
    targets: dict[str, tuple[str, str]] = {}
    for item in root.iter() if root is not None else ():
        if _local(item.tag) == "Relationship" and item.get("Id") and item.get("Target"):
            targets[item.get("Id", "")] = (item.get("Type", ""), _member(item.get("Target", "")))
    return targets


def _member(target: str) -> str:
    """Resolve a relationship target of xl/workbook.xml to a zip member name."""
    if target.startswith("/"):
        return target[1:]
    if target.startswith("xl/"):
        return target
    return posixpath.normpath(posixpath.join("xl", target))


def _target_of(
    targets: dict[str, tuple[str, str]], suffix: str, default: str, archive: zipfile.ZipFile
) -> str | None:
    """The part of the relationship type ending in `suffix`, else `default` if the zip holds it."""
    names = set(archive.namelist())
    for kind, member in targets.values():
        if kind.endswith(suffix) and member in names:
            return member
    return default if default in names else None


def _sheets(book: ElementTree.Element, targets: dict[str, tuple[str, str]]) -> Iterator[Sheet]:
    """List the sheets of xl/workbook.xml in order, with their parts, visibility and kind."""
    for item in book.iter():
        if _local(item.tag) != "sheet":
            continue
        ids = [value for key, value in item.attrib.items() if key.endswith("relationships}id")]
        if not ids or ids[0] not in targets:
            raise BrokenWorkbook(f"sheet {item.get('name')!r} has no relationship")
        kind, part = targets[ids[0]]
        worksheet = kind.endswith("/worksheet") or part.startswith("xl/worksheets/")
        visible = item.get("state", "visible") not in ("hidden", "veryHidden")
        yield Sheet(name=item.get("name", ""), part=part, visible=visible, worksheet=worksheet)


def _is_1904(book: ElementTree.Element) -> bool:
    """Whether the workbook counts dates from 1904 (old Mac Excel) instead of 1900."""
    for item in book.iter():
        if _local(item.tag) == "workbookPr":
            return item.get("date1904", "").lower() in ("1", "true")
    return False


def _date_styles(styles: ElementTree.Element) -> dict[str, int]:
    """Map the index (as written in a cell's s attribute) of each date or duration style to its kind."""
    custom: dict[str, str] = {}
    kinds: dict[str, int] = {}
    for item in _children(styles, "numFmts", "numFmt"):  # not the numFmt of <dxfs>
        if item.get("formatCode"):
            custom[item.get("numFmtId", "")] = item.get("formatCode", "")
    for index, xf in enumerate(_children(styles, "cellXfs", "xf")):
        kind = _format_kind(xf.get("numFmtId"), custom)
        if kind:
            kinds[str(index)] = kind
    return kinds


def _children(root: ElementTree.Element, group: str, name: str) -> Iterator[ElementTree.Element]:
    """The `name` elements inside the root's `group` children, whatever their namespace."""
    for parent in root:
        if _local(parent.tag) == group:
            yield from (child for child in parent if _local(child.tag) == name)


def _format_kind(number_format: str | None, custom: dict[str, str]) -> int:
    """_DATE, _DURATION or 0 for a number format id, custom formats first (as calamine does)."""
    if number_format is None:
        return 0
    if number_format in custom:
        return _custom_format_kind(custom[number_format])
    return _BUILTIN_FORMATS.get(int(number_format), 0) if number_format.isdigit() else 0


def _custom_format_kind(code: str) -> int:
    """Whether a format code shows a date or a duration: calamine's detect_custom_number_format."""
    escaped = quoted = am_pm = hms = False
    brackets, previous = 0, " "
    for char in code:
        if escaped:
            escaped = False
        elif char in "_\\*":
            escaped = True
        elif quoted or char == '"':
            quoted = quoted != (char == '"')
        elif char == ";":
            return 0
        elif char == "[":
            brackets += 1
        elif char == "]":
            if brackets == 1 and hms:
                return _DURATION
            brackets = max(0, brackets - 1)
        elif brackets == 0 and not am_pm and char in "aA":
            am_pm = True
        elif brackets == 0 and (char in "pmPM/" if am_pm else char in "dmhysDMHYS"):
            return _DATE
        elif not (hms and char.lower() == previous.lower()):
            hms = previous == "[" and char in "hmsHMS"
        previous = char
    return 0


# --- cutting the XML into batches ------------------------------------------------------------------


@dataclass(frozen=True)
class _Batch:
    """Complete elements cut from an XML part, with what parsing them on their own needs."""

    content: bytes
    root_tags: tuple[bytes, bytes]
    prefix: str

    def parse(self) -> ElementTree.Element:
        """Parse the elements inside a copy of the part's root element.

        Only the root's start tag is fed before them, never a DTD, so no entity can be declared.
        """
        parser = ElementTree.XMLParser()  # noqa: S314
        parser.feed(self.root_tags[0])
        parser.feed(self.content)
        parser.feed(self.root_tags[1])
        return parser.close()


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


def _batches(
    stream: IO[bytes],
    container: bytes,
    item: bytes,
    on_head: Callable[[bytes], None] | None = None,
) -> Iterator[_Batch]:
    """Cut the `item` elements inside `container` into batches of about a megabyte.

    `on_head` receives the XML before the container (a worksheet's <dimension> lies there).
    """
    chunks = _utf8_chunks(stream)
    head = b""
    for chunk in chunks:
        head += chunk
        opening = re.search(rb"<([\w.-]+:)?" + container + rb"\b[^>]*?(/?)>", head)
        if opening is not None:
            break
        _check_size(head)
    else:
        return
    root = _ROOT_TAG.search(head)
    if root is None or opening[2]:
        return
    if on_head is not None:
        on_head(head[: opening.start()])
    prefix = opening[1] or b""
    root_tags = (root[0][:-2] + b">" if root[2] else root[0], b"</" + root[1] + b">")
    ends = (b"</" + prefix + item + b">", b"</" + prefix + container)
    for content in _cut(chunks, head[opening.end() :], *ends):
        yield _Batch(content, root_tags, prefix.decode("ascii"))


def _cut(chunks: Iterator[bytes], buffer: bytes, item_end: bytes, end: bytes) -> Iterator[bytes]:
    """After each chunk, yield the XML up to the last complete item; stop at the container's end."""
    searched = 0
    for chunk in itertools.chain((b"",), chunks):
        buffer += chunk
        found = buffer.find(end, searched)
        if found >= 0:
            yield buffer[:found]
            return
        cut = buffer.rfind(item_end)
        if cut >= 0:
            cut += len(item_end)
            yield buffer[:cut]
            buffer = buffer[cut:]
        _check_size(buffer)
        searched = max(0, len(buffer) - len(end) + 1)
    raise BrokenWorkbook("the XML part ends before its data does")


def _check_size(pending: bytes) -> None:
    """Refuse to hold more than _MAX_ELEMENT_BYTES of XML while looking for the end of an element."""
    if len(pending) > _MAX_ELEMENT_BYTES:
        raise BrokenWorkbook("an element of the XML part is implausibly large")


def _utf8_chunks(stream: IO[bytes]) -> Iterator[bytes]:
    """Read the part in chunks of UTF-8, re-encoding a part written in UTF-16 or another encoding."""
    first = stream.read(_CHUNK)
    encoding = _xml_encoding(first)
    if encoding == "utf-8":
        yield first.removeprefix(codecs.BOM_UTF8)
        while chunk := stream.read(_CHUNK):
            yield chunk
        return
    decoder = codecs.getincrementaldecoder(encoding)()
    chunk = first
    while chunk:
        yield decoder.decode(chunk).encode("utf-8")
        chunk = stream.read(_CHUNK)
    yield decoder.decode(b"", final=True).encode("utf-8")


def _xml_encoding(start: bytes) -> str:
    """The encoding of an XML document from its byte order mark or declaration (UTF-8 if neither)."""
    if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if start.startswith(b"<\0"):
        return "utf-16-le"
    if start.startswith(b"\0<"):
        return "utf-16-be"
    declared = re.match(rb"(?:\xef\xbb\xbf)?<\?xml[^>]*?encoding=[\"']([\w.:-]+)", start)
    if declared is None:
        return "utf-8"
    try:
        name = codecs.lookup(declared[1].decode("ascii")).name
    except LookupError as exc:
        raise BrokenWorkbook(f"unknown encoding {declared[1]!r}") from exc
    return "utf-8" if name == "utf-8" else name


# --- the fast path: regular expressions for the usual forms of elements ----------------------------

# Text that XML leaves as it is: no markup, entity, carriage return (which XML turns into a line
# feed) or control character (which XML refuses). Anything else goes to ElementTree.
_PLAIN = r"[^<&\r\x00-\x08\x0b\x0c\x0e-\x1f]*"
# Text of <t> elements may also hold character references and the predefined entities: writers that
# serialise through lxml (openpyxl when lxml is installed) write every non-ASCII letter as "&#7885;".
_TEXT = r"(?:[^<&\r\x00-\x08\x0b\x0c\x0e-\x1f]|&(?:#[0-9]{1,7}|#x[0-9A-Fa-f]{1,6}|amp|lt|gt|quot|apos);)*"
_REFERENCE = re.compile(r"&(?:#([0-9]+)|#x([0-9A-Fa-f]+)|(amp|lt|gt|quot|apos));")
_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}


def _referenced(match: re.Match[str]) -> str:
    """The character of one reference, as an XML parser reads it; _NotSimple for one XML forbids."""
    if match[3]:
        return _ENTITIES[match[3]]
    code = int(match[1]) if match[1] else int(match[2], 16)
    if not (code in (0x9, 0xA, 0xD) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD
            or 0x10000 <= code <= 0x10FFFF):  # fmt: skip
        raise _NotSimple
    return chr(code)


def _dereferenced(text: str) -> str:
    """Text of the fast path with its references replaced by their characters."""
    return _REFERENCE.sub(_referenced, text) if "&" in text else text


class _NotSimple(Exception):
    """An element the regular expressions do not cover: read the batch with ElementTree."""


@dataclass(frozen=True)
class _Patterns:
    """The fast path's regular expressions for one namespace prefix."""

    row: re.Pattern[str]
    row_number: re.Pattern[str]
    cell: re.Pattern[str]
    shared_string: re.Pattern[str]


@functools.lru_cache(maxsize=8)
def _patterns(prefix: str) -> _Patterns:
    """Compile the fast path's expressions for elements written with `prefix` ("" or "x:")."""
    p = re.escape(prefix)
    formula = rf"(?:<{p}f\b[^>]*/>|<{p}f\b[^>]*>[^<]*</{p}f>)"
    text = rf'<{p}t( xml:space="preserve")?>({_TEXT})</{p}t>'
    number = rf"(?:<{p}v>({_PLAIN})</{p}v>|(<{p}v\s*/>))"
    value = rf"(?:{formula}?{number}?|<{p}is>{text}</{p}is>)"
    return _Patterns(
        row=re.compile(rf"<{p}row(?:\s([^>]*?))?(?:/>|>(.*?)</{p}row>)", re.DOTALL),
        row_number=re.compile(r'(?:^|\s)r="(\d+)"'),
        cell=re.compile(
            rf'<{p}c r="([A-Z]{{1,3}})\d+"(?: s="(\d+)")?(?: t="(\w+)")?(?:\s*/>|>{value}</{p}c>)'
        ),
        shared_string=re.compile(rf"<{p}si>{text}</{p}si>"),
    )


def _gap(text: str, start: int, end: int) -> None:
    """Raise _NotSimple unless only white space lies between two matches."""
    if start != end and not text[start:end].isspace():
        raise _NotSimple


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


# --- cells -----------------------------------------------------------------------------------------


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
