"""The table an upload opens as, the error raised when it cannot be read, and what the readers
share: the file's first bytes and the messages that say what went wrong."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

Row = tuple[int, list[object]]

SAMPLE_BYTES = 64 * 1024


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


def _read_head(path: Path, size: int = SAMPLE_BYTES, *, start: int = 0) -> bytes:
    """Return `size` bytes of `path` from `start`."""
    with path.open("rb") as stream:
        stream.seek(start)
        return stream.read(size)


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
