"""Open a workbook's sheet: a large XLSX sheet streamed from the zip (xlsx_stream), anything else
loaded by python-calamine."""

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import TypeVar

from django.utils.translation import gettext as _
from python_calamine import (
    CalamineSheet,
    CalamineWorkbook,
    PasswordError,
    SheetTypeEnum,
    SheetVisibleEnum,
)

from khuyenhoc.bulk import xlsx_stream
from khuyenhoc.bulk.reading.table import (
    Row,
    Table,
    UnreadableFile,
    _corrupt_message,
    _password_message,
)

T = TypeVar("T")
S = TypeVar("S", CalamineSheet, xlsx_stream.Sheet)

# XLSX sheets whose XML inflates beyond this are streamed (xlsx_stream) rather than loaded by calamine.
STREAM_THRESHOLD = 20 * 1024 * 1024
_SUFFIXES = {"xlsx": ".xlsx", "xlsb": ".xlsb", "xls": ".xls", "ods": ".ods"}


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
