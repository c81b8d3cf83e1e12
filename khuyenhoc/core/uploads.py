"""Uploaded files (evidence, activity attachments, programme documents), in and out.

In: a file is accepted by what its first bytes say it is (PDF, JPEG, PNG, or a zip container named as an
Office/OpenDocument file), not by its name alone, up to 10 MB; it is stored under a name of our own.
Out: a file is served with the type its bytes give — never a type guessed from the user's file name, so
a zip named "x.html" cannot come back as a web page — inline only for PDFs and images, otherwise as a
download.
"""

import uuid
from pathlib import Path
from typing import Any

from django.http import FileResponse
from django.utils.translation import gettext as _

from khuyenhoc.core.errors import DomainError, ErrorCode
from khuyenhoc.core.text import clean_text

MAX_BYTES = 10 * 1024 * 1024
_KINDS = (
    (b"%PDF-", "application/pdf"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
)
ZIP = b"PK\x03\x04"
# A zip container is an Office or OpenDocument file only when it is named as one.
_OFFICE = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".odp": "application/vnd.oasis.opendocument.presentation",
}
INLINE = {kind for _, kind in _KINDS}
UNKNOWN = "application/octet-stream"


def kind_of(head: bytes, name: str) -> str | None:
    """The type of a file from its first bytes (and, for a zip container, its name's extension)."""
    for magic, content_type in _KINDS:
        if head.startswith(magic):
            return content_type
    if head.startswith(ZIP):
        return _OFFICE.get(Path(name).suffix.lower())
    return None


def upload_name(upload: Any) -> str:
    """The user's file name, without any path, cleaned."""
    return clean_text(Path(getattr(upload, "name", "") or "").name)


def stored_name(upload: Any, prefix: str = "") -> str:
    """A name of our own to store a file under (the user's could collide or carry a path)."""
    return f"{prefix}{uuid.uuid4().hex}{Path(upload_name(upload)).suffix.lower()[:10]}"


def check_upload(upload: Any, name: str, *, field: str = "file") -> str:
    """The file's type; refuse empty, oversized and unknown files."""
    if not name or len(name) > 255:
        raise DomainError(
            ErrorCode.INVALID, _("Tên tệp trống hoặc dài quá 255 ký tự."), field=field
        )
    if not upload.size:
        raise DomainError(ErrorCode.INVALID, _("Tệp trống."), field=field)
    if upload.size > MAX_BYTES:
        raise DomainError(
            ErrorCode.INVALID,
            _("Tệp lớn quá 10 MB (có %(mb)s MB).") % {"mb": round(upload.size / 2**20, 1)},
            field=field,
        )
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    content_type = kind_of(head, name)
    if content_type is None:
        raise DomainError(
            ErrorCode.INVALID,
            _("Chỉ nhận minh chứng là tệp PDF, ảnh JPEG/PNG hoặc tệp Word, Excel."),
            field=field,
        )
    return content_type


def serve(stored: Any, name: str, content_type: str | None = None) -> FileResponse:
    """A stored file as a response: its type from `content_type` when it was recorded at upload,
    else from its first bytes; PDFs and images inline, anything else as a download."""
    handle = stored.open("rb")
    if content_type is None:
        content_type = kind_of(handle.read(8), name) or UNKNOWN
        handle.seek(0)
    if content_type not in INLINE and content_type not in _OFFICE.values():
        content_type = UNKNOWN  # e.g. "application/zip" recorded before Office files were named
    return FileResponse(
        handle, filename=name, content_type=content_type, as_attachment=content_type not in INLINE
    )
