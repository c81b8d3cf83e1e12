"""Open an uploaded spreadsheet or CSV file as numbered rows of Python values, whatever its name says.

The format comes from the file's first bytes, not its extension: XLSX/XLSM/XLSB and ODS are zip
archives, XLS (and a password-protected XLSX) is an OLE2 compound file, anything else must be text.
Workbooks are read with python-calamine, which loads the whole sheet into memory (about 1 GB for a
million rows of twelve columns); CSV files are streamed.

The modules: table holds what every reader shares (Table, UnreadableFile, the messages), workbooks
reads XLSX, XLSB, XLS and ODS sheets, csv_files finds a text file's encoding and delimiter. Their
underscored names are shared within this package only.

Usage::

    table = open_table(upload_path, filename="danh sach hoi vien.xlsx")
    for row_number, cells in table.rows():
        ...
"""

import zipfile
from pathlib import Path

from django.utils.translation import gettext as _

from khuyenhoc.bulk.reading.csv_files import _open_csv
from khuyenhoc.bulk.reading.table import (
    Table,
    UnreadableFile,
    _accepted_formats,
    _corrupt_message,
    _password_message,
    _read_head,
)
from khuyenhoc.bulk.reading.workbooks import _open_workbook

_ENCRYPTION_SCAN_BYTES = 4 * 1024 * 1024
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
_KNOWN_BINARIES = {
    b"%PDF": "pdf",
    b"\x89PNG": "png",
    b"\xff\xd8\xff": "jpeg",
    b"GIF8": "gif",
    b"Rar!": "rar",
    b"7z\xbc\xaf": "7z",
    b"\x1f\x8b": "gzip",
}


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
