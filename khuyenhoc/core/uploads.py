"""Checks on uploaded files (evidence, activity attachments, programme documents): a file is accepted
by what its first bytes say it is (PDF, JPEG, PNG, or an Office/OpenDocument file), not by its name, up
to 10 MB."""

from typing import Any

from django.utils.translation import gettext as _

from khuyenhoc.core.errors import DomainError, ErrorCode

MAX_BYTES = 10 * 1024 * 1024
_KINDS = (
    (b"%PDF-", "application/pdf"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"PK\x03\x04", "application/zip"),  # .docx, .xlsx, .odt: zip containers
)


def check_upload(upload: Any, name: str, *, field: str = "file") -> str:
    """The file's type from its first bytes; refuse empty, oversized and unknown files."""
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
    for magic, content_type in _KINDS:
        if head.startswith(magic):
            return content_type
    raise DomainError(
        ErrorCode.INVALID,
        _("Chỉ nhận minh chứng là tệp PDF, ảnh JPEG/PNG hoặc tệp Word, Excel."),
        field=field,
    )
