"""Open a CSV or TXT upload: check that it is text, find its encoding and delimiter, and stream its
records."""

import codecs
import csv
import re
import unicodedata
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import charset_normalizer
from django.utils.translation import gettext as _

from khuyenhoc.bulk.legacy import detect_legacy
from khuyenhoc.bulk.reading.table import (
    SAMPLE_BYTES,
    Row,
    Table,
    UnreadableFile,
    _not_a_table_message,
    _read_head,
)

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
