"""Open an uploaded spreadsheet or CSV file as numbered rows of Python values, whatever its name says.

The format comes from the file's first bytes, not its extension: XLSX/XLSM/XLSB and ODS are zip
archives, XLS (and a password-protected XLSX) is an OLE2 compound file, anything else must be text.
Workbooks are read with python-calamine, which loads the whole sheet into memory (about 1 GB for a
million rows of twelve columns); CSV files are streamed.

Usage::

    table = open_table(upload_path, filename="danh sach hoi vien.xlsx")
    for row_number, cells in table.rows():
        ...
"""

import codecs
import contextlib
import csv
import os
import re
import tempfile
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TypeVar

import charset_normalizer
from django.utils.translation import gettext as _
from python_calamine import (
    CalamineSheet,
    CalamineWorkbook,
    PasswordError,
    SheetTypeEnum,
    SheetVisibleEnum,
)

from khuyenhoc.bulk import xlsx_stream
from khuyenhoc.bulk.legacy import detect_legacy

Row = tuple[int, list[object]]
T = TypeVar("T")
S = TypeVar("S", CalamineSheet, xlsx_stream.Sheet)

SAMPLE_BYTES = 64 * 1024
# XLSX sheets whose XML inflates beyond this are streamed (xlsx_stream) rather than loaded by calamine.
STREAM_THRESHOLD = 20 * 1024 * 1024
_ENCRYPTION_SCAN_BYTES = 4 * 1024 * 1024
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_LEGACY_ENCODINGS = ["cp1258", "cp1252"]
_DELIMITERS = ",;\t|"
_SNIFF_LINES = 50
_CELL_SPLIT = re.compile(r"[,;\t|\r\n]")
_LEGACY_SCAN_CHARS = 16 * 1024
_VIETNAMESE_LETTERS = frozenset("ĂăĐđĨĩŨũƠơƯư")
_SUFFIXES = {"xlsx": ".xlsx", "xlsb": ".xlsb", "xls": ".xls", "ods": ".ods"}
_KNOWN_BINARIES = {
    b"%PDF": "pdf",
    b"\x89PNG": "png",
    b"\xff\xd8\xff": "jpeg",
    b"GIF8": "gif",
    b"Rar!": "rar",
    b"7z\xbc\xaf": "7z",
    b"\x1f\x8b": "gzip",
}


class UnreadableFile(Exception):
    """The upload cannot be read as a table; `message` says why, in Vietnamese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = str(message)


@dataclass(frozen=True)
class Table:
    """One sheet of an upload; `rows()` may be called again to restart from the first row."""

    sheet_name: str
    file_format: str
    _rows: Callable[[], Iterator[Row]] = field(repr=False)
    sheet_names: tuple[str, ...] = ()
    encoding: str | None = None
    delimiter: str | None = None

    def rows(self) -> Iterator[Row]:
        """Yield (row number as Excel shows it, cells); empty cells are None, empty rows included."""
        return self._rows()


def open_table(
    path: Path | str, *, filename: str | None = None, sheet: str | int | None = None
) -> Table:
    """Open `path` as a table: the first visible non-empty sheet (or `sheet`), or the CSV/TXT text."""
    path = Path(path)
    try:
        file_format = _detect_format(path)
        if file_format == "csv":
            return _open_csv(path, Path(filename or path.name).stem)
        return _open_workbook(path, file_format, sheet)
    except OSError as exc:
        raise UnreadableFile(_("Không mở được tệp tải lên. Hãy tải lên lại.")) from exc


def _detect_format(path: Path) -> str:
    """Return "xlsx", "xlsb", "ods", "xls" or "csv" from the file's content."""
    head = _read_head(path)
    if not head:
        raise UnreadableFile(_("Tệp rỗng, không có dữ liệu."))
    if head.startswith(_ZIP):
        return _zip_format(path)
    if head.startswith(_OLE2):
        if _is_encrypted_package(path, head):
            raise UnreadableFile(_password_message())
        return "xls"
    for magic, kind in _KNOWN_BINARIES.items():
        if head.startswith(magic):
            raise UnreadableFile(
                _("Tệp này là %(kind)s, không phải bảng tính. %(hint)s")
                % {"kind": _binary_kind_name(kind), "hint": _accepted_formats()}
            )
    return "csv"


def _binary_kind_name(kind: str) -> str:
    """The Vietnamese name of a well-known non-spreadsheet format."""
    names = {
        "pdf": _("tệp PDF"),
        "png": _("ảnh PNG"),
        "jpeg": _("ảnh JPEG"),
        "gif": _("ảnh GIF"),
        "rar": _("tệp nén RAR"),
        "7z": _("tệp nén 7z"),
        "gzip": _("tệp nén gzip"),
    }
    return names[kind]


def _read_head(path: Path, size: int = SAMPLE_BYTES, *, start: int = 0) -> bytes:
    """Return `size` bytes of `path` from `start`."""
    with path.open("rb") as stream:
        stream.seek(start)
        return stream.read(size)


def _zip_format(path: Path) -> str:
    """Tell XLSX, XLSB and ODS apart by the parts inside the zip archive."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype")[:64] if "mimetype" in names else b""
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, ValueError, EOFError) as exc:
        raise UnreadableFile(_corrupt_message()) from exc
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "xl/workbook.bin" in names:
        return "xlsb"
    if mimetype.startswith(b"application/vnd.oasis.opendocument.spreadsheet"):
        return "ods"
    raise UnreadableFile(_corrupt_message())


def _is_encrypted_package(path: Path, head: bytes) -> bool:
    """Whether an OLE2 file holds an "EncryptedPackage" stream (a password-protected XLSX)."""
    if _ENCRYPTED_PACKAGE in head:
        return True
    with path.open("rb") as stream:
        if _ENCRYPTED_PACKAGE in stream.read(_ENCRYPTION_SCAN_BYTES):
            return True
        # The directory sectors that hold stream names may also sit at the end of the file.
        stream.seek(max(0, path.stat().st_size - _ENCRYPTION_SCAN_BYTES))
        return _ENCRYPTED_PACKAGE in stream.read()


def _open_workbook(path: Path, file_format: str, sheet: str | int | None) -> Table:
    """Open a workbook: stream a large XLSX sheet, load anything else with calamine."""
    if file_format == "xlsx" and _is_large(path):
        return _open_streamed(path, sheet)
    with _path_with_suffix(path, _SUFFIXES[file_format]) as source:
        workbook = _calamine(lambda: CalamineWorkbook.from_path(source))
    try:
        visible = _visible_sheet_names(workbook)
        chosen = _pick_sheet(workbook.sheet_names, visible, sheet, partial(_loaded, workbook))
    finally:
        workbook.close()
    return Table(
        sheet_name=chosen.name,
        file_format=file_format,
        _rows=partial(_sheet_rows, chosen),
        sheet_names=tuple(visible),
    )


def _is_large(path: Path) -> bool:
    """Whether an XLSX file holds a sheet whose XML inflates beyond STREAM_THRESHOLD."""
    return _streamed(partial(xlsx_stream.largest_sheet_size, path)) > STREAM_THRESHOLD


def _open_streamed(path: Path, sheet: str | int | None) -> Table:
    """Open an XLSX workbook whose sheet is read row by row from the zip (xlsx_stream)."""
    workbook = _streamed(partial(xlsx_stream.open_workbook, path))
    by_name = {entry.name: entry for entry in workbook.sheets}
    visible = [entry.name for entry in workbook.sheets if entry.visible and entry.worksheet]

    def load(name: str) -> xlsx_stream.Sheet | None:
        """The sheet called `name`, or None when it holds no data."""
        entry = by_name[name]
        return entry if _streamed(partial(xlsx_stream.has_data, workbook, entry)) else None

    chosen = _pick_sheet(list(by_name), visible, sheet, load)
    return Table(
        sheet_name=chosen.name,
        file_format="xlsx",
        _rows=partial(_streamed_rows, workbook, chosen),
        sheet_names=tuple(visible),
    )


@contextlib.contextmanager
def _path_with_suffix(path: Path, suffix: str) -> Iterator[Path]:
    """Yield a path to the file ending in `suffix`, since calamine chooses its reader by extension."""
    if path.suffix.lower() == suffix:
        yield path
        return
    with tempfile.TemporaryDirectory(prefix="khuyenhoc-upload-") as folder:
        alias = Path(folder) / f"upload{suffix}"
        os.symlink(path.resolve(), alias)
        yield alias


def _calamine(call: Callable[[], T]) -> T:
    """Run a calamine call, turning its errors (and Rust panics) into UnreadableFile."""
    try:
        return call()
    except PasswordError as exc:
        raise UnreadableFile(_password_message()) from exc
    except BaseException as exc:
        # pyo3 raises PanicException, a BaseException, when calamine panics on a malformed file.
        if isinstance(exc, Exception) or type(exc).__name__ == "PanicException":
            raise UnreadableFile(_corrupt_message()) from exc
        raise


def _streamed(call: Callable[[], T]) -> T:
    """Run an xlsx_stream call, turning a damaged package into UnreadableFile."""
    try:
        return call()
    except xlsx_stream.BrokenWorkbook as exc:
        raise UnreadableFile(_corrupt_message()) from exc


def _streamed_rows(workbook: xlsx_stream.Workbook, sheet: xlsx_stream.Sheet) -> Iterator[Row]:
    """Yield the rows of a streamed sheet; damage found on the way raises UnreadableFile."""
    try:
        yield from xlsx_stream.sheet_rows(workbook, sheet)
    except xlsx_stream.BrokenWorkbook as exc:
        raise UnreadableFile(_corrupt_message()) from exc
    except OSError as exc:
        raise UnreadableFile(_("Không mở được tệp tải lên. Hãy tải lên lại.")) from exc


def _visible_sheet_names(workbook: CalamineWorkbook) -> list[str]:
    """Return the names of the visible worksheets, in workbook order."""
    return [
        meta.name
        for meta in workbook.sheets_metadata
        if meta.visible == SheetVisibleEnum.Visible and meta.typ == SheetTypeEnum.WorkSheet
    ]


def _loaded(workbook: CalamineWorkbook, name: str) -> CalamineSheet | None:
    """Load a sheet with calamine, or return None when it holds no data."""
    loaded = _calamine(lambda: workbook.get_sheet_by_name(name))
    return loaded if loaded.start is not None else None


def _pick_sheet(
    names: list[str],
    visible: list[str],
    sheet: str | int | None,
    load: Callable[[str], S | None],
) -> S:
    """Load the requested sheet, or the first visible one with data (`load` is None when empty)."""
    if sheet is not None:
        name = _sheet_name(names, sheet)
        loaded = load(name)
        if loaded is None:
            raise UnreadableFile(_("Trang tính “%(name)s” không có dữ liệu.") % {"name": name})
        return loaded
    for name in visible:
        loaded = load(name)
        if loaded is not None:
            return loaded
    raise UnreadableFile(_("Tệp không có trang tính nào chứa dữ liệu."))


def _sheet_name(names: list[str], sheet: str | int) -> str:
    """Return the name of `sheet` (a name, or a 0-based position in workbook order)."""
    if isinstance(sheet, int) and 0 <= sheet < len(names):
        return names[sheet]
    if isinstance(sheet, str) and sheet in names:
        return sheet
    raise UnreadableFile(_("Tệp không có trang tính “%(name)s”.") % {"name": sheet})


def _sheet_rows(sheet: CalamineSheet) -> Iterator[Row]:
    """Yield the rows of a loaded sheet; column indexes count from column A."""
    start = sheet.start
    if start is None:
        return
    padding: list[object] = [None] * start[1]
    # calamine's iter_rows yields empty lists for the rows above the data, so row numbers start at 1.
    for number, cells in enumerate(sheet.iter_rows(), start=1):
        yield number, padding + [None if cell == "" else cell for cell in cells]


def _open_csv(path: Path, sheet_name: str) -> Table:
    """Check that `path` is text, find its encoding and delimiter, and stream its records."""
    head = _read_head(path)
    encoding = _detect_encoding(path, head)
    final = len(head) < SAMPLE_BYTES
    sample = codecs.getincrementaldecoder(encoding)(errors="replace").decode(head, final=final)
    _check_text(sample)
    lines = sample.splitlines() if final else sample.splitlines()[:-1]
    delimiter, skip_first = _sniff_delimiter(lines[:_SNIFF_LINES])
    return Table(
        sheet_name=sheet_name,
        file_format="csv",
        _rows=partial(_csv_rows, path, encoding, delimiter, skip_first),
        sheet_names=(sheet_name,),
        encoding=encoding,
        delimiter=delimiter,
    )


def _detect_encoding(path: Path, head: bytes) -> str:
    """Return the text encoding: a BOM first, then strict UTF-8, then a Windows code page."""
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding
    if b"\0" in head:
        utf16 = _utf16_without_bom(head)
        if utf16 is None:
            raise UnreadableFile(_not_a_table_message())
        return utf16
    offset = _first_non_utf8_byte(path)
    if offset is None:
        return "utf-8"
    # Guess from the bytes around the first non-UTF-8 byte: the head may be plain ASCII.
    sample = _read_head(path, SAMPLE_BYTES, start=max(0, offset - 1024))
    if _holds_legacy_text(sample.decode("cp1252", errors="replace")):
        return "cp1252"
    if _reads_as_windows_1258(sample):
        return "cp1258"
    best = charset_normalizer.from_bytes(sample, cp_isolation=_LEGACY_ENCODINGS).best()
    return best.encoding if best is not None else _LEGACY_ENCODINGS[0]


def _utf16_without_bom(head: bytes) -> str | None:
    """Recognise BOM-less UTF-16 Vietnamese text by its high bytes (00, 01 or 1E), else None."""
    for encoding, high_bytes in (("utf-16-le", head[1::2]), ("utf-16-be", head[0::2])):
        usual = sum(high_bytes.count(byte) for byte in (0x00, 0x01, 0x1E))
        if high_bytes and usual / len(high_bytes) > 0.95:
            return encoding
    return None


def _holds_legacy_text(sample: str) -> bool:
    """Whether most non-ASCII cells of the sample are TCVN3/VNI text, which legacy.py reads as cp1252."""
    cells = [cell for cell in _CELL_SPLIT.split(sample[:_LEGACY_SCAN_CHARS]) if not cell.isascii()]
    legacy = sum(1 for cell in cells if detect_legacy(cell) is not None)
    return legacy * 2 > len(cells) > 0


def _reads_as_windows_1258(sample: bytes) -> bool:
    """Whether the sample decodes as Windows-1258 Vietnamese: its tone marks all join a vowel.

    charset-normalizer alone picks Windows-1252 when a sample holds only a few Vietnamese words.
    """
    text = unicodedata.normalize("NFC", sample.decode("cp1258", errors="replace"))
    vietnamese = sum(
        1 for char in text if char in _VIETNAMESE_LETTERS or "\u1ea0" <= char <= "\u1ef9"
    )
    stray_marks = sum(1 for char in text if unicodedata.combining(char))
    return vietnamese > 0 and stray_marks * 10 <= vietnamese


def _first_non_utf8_byte(path: Path) -> int | None:
    """Offset of the first byte that is not UTF-8, or None (read in 1 MB chunks: memory stays flat)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    done = 0
    try:
        with path.open("rb") as stream:
            while chunk := stream.read(1024 * 1024):
                decoder.decode(chunk)
                done += len(chunk)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError as exc:
        return max(0, done + exc.start)
    return None


def _check_text(sample: str) -> None:
    """Refuse binary content and HTML/XML pages saved with an Excel extension."""
    bad = sum(
        1
        for char in sample
        if char == "\ufffd" or (unicodedata.category(char) == "Cc" and char not in "\t\n\r")
    )
    if bad > len(sample) // 100:
        raise UnreadableFile(_not_a_table_message())
    start = sample.lstrip()[:2000].lower()
    if start.startswith("<") and any(tag in start for tag in ("<html", "<table", "<?xml")):
        raise UnreadableFile(
            _(
                "Tệp này là trang web (HTML) hoặc XML mang tên tệp Excel, không phải bảng tính thật. "
                "Hãy mở tệp bằng Excel, chọn Lưu thành (Save As) kiểu Excel Workbook (.xlsx) "
                "rồi tải lên lại."
            )
        )


def _sniff_delimiter(lines: list[str]) -> tuple[str, bool]:
    """Return the delimiter and whether the first line is Excel's "sep=;" hint to skip."""
    first = lines[0].strip() if lines else ""
    if len(first) == 5 and first.lower().startswith("sep="):
        return first[4], True
    try:
        return csv.Sniffer().sniff("\n".join(lines), delimiters=_DELIMITERS).delimiter, False
    except csv.Error:
        return _steadiest_delimiter(lines), False


def _steadiest_delimiter(lines: list[str]) -> str:
    """Pick the delimiter that splits the most lines into the same number (≥ 2) of cells.

    csv.Sniffer gives up on short files whose title rows have no delimiters; this fallback
    ignores such rows. Ties go to the earlier delimiter in ", ; tab |".
    """
    best, best_score = ",", (0, 0)
    for delimiter in _DELIMITERS:
        widths = [len(record) for record in csv.reader(lines, delimiter=delimiter)]
        wide = [width for width in widths if width >= 2]
        if not wide:
            continue
        modal = max(set(wide), key=lambda width: (wide.count(width), width))
        score = (wide.count(modal), modal)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _csv_rows(path: Path, encoding: str, delimiter: str, skip_first: bool) -> Iterator[Row]:
    """Stream CSV records as (record number, cells), decoding incrementally."""
    number = 0
    try:
        with path.open(encoding=encoding, errors="replace", newline="") as text:
            reader = csv.reader(text, delimiter=delimiter)
            if skip_first:
                next(reader, None)
            for number, record in enumerate(reader, start=1):
                yield number, [_csv_cell(value) for value in record]
    except (csv.Error, UnicodeError, OSError) as exc:
        raise UnreadableFile(
            _("Không đọc được tệp CSV ở dòng %(row)s.") % {"row": number + 1}
        ) from exc


def _csv_cell(value: str) -> str | None:
    """Return None for an empty cell, else the text in NFC (Windows-1258 decodes to combining marks)."""
    if not value:
        return None
    return value if value.isascii() else unicodedata.normalize("NFC", value)


def _password_message() -> str:
    """Message for a password-protected workbook."""
    return _("Tệp đang được đặt mật khẩu. Hãy gỡ mật khẩu rồi tải lên lại.")


def _corrupt_message() -> str:
    """Message for a damaged or unsupported workbook."""
    return _("Tệp bảng tính bị hỏng hoặc không đúng định dạng. %(hint)s") % {
        "hint": _accepted_formats()
    }


def _not_a_table_message() -> str:
    """Message for binary content that is neither a workbook nor text."""
    return _("Tệp không phải bảng tính hay tệp văn bản CSV. %(hint)s") % {
        "hint": _accepted_formats()
    }


def _accepted_formats() -> str:
    """The formats the importer accepts, as a sentence."""
    return _("Hãy tải lên tệp Excel (.xlsx, .xls), OpenDocument (.ods) hoặc CSV.")
