"""Run an import: read the file, find its header, check every row, write all of it or none of it.

The whole run is one transaction: a file with an invalid row changes nothing (unless the user asks to
import the valid rows), and a run killed half-way leaves nothing behind. Rows are checked and written in
batches, so memory stays bounded whatever the file's size. Valid rows are always written inside the
transaction, so the counts are exact; a dry run, or a refused file, rolls the transaction back at the end.
"""

import gc
import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from functools import cache, partial
from itertools import chain, islice
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils.translation import gettext as _

from khuyenhoc.bulk import registry
from khuyenhoc.bulk.headers import HeaderMatch, HeaderNotFound, find_header
from khuyenhoc.bulk.kinds import Column, ImportContext, Kind, Outcome, Pending, RowError
from khuyenhoc.bulk.parallel import Parsed, ParseProcess, parse_in_batches
from khuyenhoc.bulk.pipeline import BatchWriter
from khuyenhoc.bulk.reading import UnreadableFile, open_table
from khuyenhoc.bulk.report import ImportReport, Problem, ReportFile
from khuyenhoc.core.bulkload import bulk_load_session
from khuyenhoc.core.privacy import is_masked

BATCH = 2000
HEADER_SEARCH = 30
# The writer thread pays on PostgreSQL, whose server works in its own process; on SQLite every row
# inserted hands the GIL back and forth between the threads, which costs more than it overlaps.
PIPELINE_VENDORS = {"postgresql"}
# Files this large are parsed by a second process (bulk/parallel.py); forking costs more for small ones.
PARALLEL_MIN_BYTES = 1024 * 1024

Progress = Callable[[int], None]


@dataclass
class _Row:
    number: int
    cells: list[Any]
    messages: list[str]


def run_import(
    kind_name: str,
    path: Path,
    *,
    ctx: ImportContext,
    file_name: str = "",
    dry_run: bool = False,
    skip_invalid: bool = False,
    report_path: Path | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Import `path` as `kind_name`; the report says what happened (nothing raises for bad files)."""
    kind = registry.get(kind_name)
    report = ImportReport(kind=kind.name, file_name=file_name or path.name, dry_run=dry_run)
    try:
        rows = open_table(path).rows()
        head = list(islice(rows, HEADER_SEARCH))
        header = find_header(head, kind.header_spec(), required=kind.required_fields())
    except (UnreadableFile, HeaderNotFound) as err:
        report.fatal = err.message
        return report
    if header.missing_required:
        report.fatal = _missing_message(kind, header)
        return report
    body = chain((r for r in head if r[0] > header.row_number), rows)
    header_cells = next((cells for number, cells in head if number == header.row_number), [])
    output = ReportFile(report_path, header_cells) if report_path else None
    try:
        _run(
            kind,
            header,
            body,
            ctx,
            report,
            skip_invalid=skip_invalid,
            output=output,
            progress=progress,
            parallel=_parse_elsewhere(kind, path),
        )
    except UnreadableFile as err:  # damage found further into the file: the run was rolled back
        report.fatal, report.written = err.message, False
    finally:
        if output:
            output.close()
    return report


def _run(
    kind: Kind,
    header: HeaderMatch,
    body: Iterator,
    ctx: ImportContext,
    report: ImportReport,
    *,
    skip_invalid: bool,
    output: ReportFile | None,
    progress: Progress | None,
    parallel: bool = False,
) -> None:
    kind.prepare(ctx)
    titles = _column_titles(kind, header)

    def store(batch: list[tuple[_Row, Pending | None]]) -> _Stored:
        return _store(kind, batch, ctx)

    def record(done: tuple[list, _Stored] | None) -> None:
        if done is not None:
            _record(report, output, titles, *done)

    parse = partial(_parse, kind, header.columns, ctx, output is not None)
    pipelined = kind.pipelined and connection.vendor in PIPELINE_VENDORS
    # The parsing process is forked after `prepare` (it inherits the look-up tables), once they are
    # frozen, and before the transaction begins.
    parser = (
        ParseProcess(body, parse, size=BATCH)
        if parallel
        else nullcontext(parse_in_batches(body, parse, size=BATCH))
    )
    with (
        _frozen_heap(),
        parser as batches,
        transaction.atomic(),
        bulk_load_session(),
        BatchWriter(store, enabled=pipelined) as writer,
    ):
        for parsed in batches:
            record(writer.submit(_accept(parsed, report, titles)))
            if progress:
                progress(report.read)
        record(writer.collect())
        keep = not report.dry_run and (skip_invalid or not report.invalid)
        report.written = keep and report.read > report.invalid
        if not keep:
            transaction.set_rollback(True)
    if progress:
        progress(report.read)


@contextmanager
def _frozen_heap() -> Iterator[None]:
    """The objects alive when a run starts (the kind's look-up tables, Django's own) live through it:
    frozen, the cyclic collector stops rescanning them at every full collection, and a forked parsing
    process does not copy the pages it shares with this one by touching them (gc.freeze, as Python's
    documentation advises before a fork)."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _parse_elsewhere(kind: Kind, path: Path) -> bool:
    """Whether to parse in a second process: a large file of a kind that allows it, where fork exists."""
    return (
        kind.parallel
        and settings.IMPORT_PARSE_PROCESS
        and path.stat().st_size >= PARALLEL_MIN_BYTES
        and "fork" in multiprocessing.get_all_start_methods()
    )


def _parse(
    kind: Kind,
    columns: dict[str, int],
    ctx: ImportContext,
    keep_cells: bool,
    number: int,
    cells: list,
) -> Parsed | None:
    """One row through `kind.parse`: its data, or the reason it was refused; None for a blank row."""
    if all(c is None or str(c).strip() == "" for c in cells):
        return None
    values = {
        field: cells[index] if index < len(cells) else None for field, index in columns.items()
    }
    kept = cells if keep_cells else None
    try:
        _refuse_masked(kind, values)
        return number, kept, kind.parse(values, ctx), None
    except RowError as err:
        return number, kept, None, (err.field, err.message)


@cache
def _personal_columns(kind: type[Kind]) -> tuple[Column, ...]:
    return tuple(c for c in kind.columns if c.personal)


def _refuse_masked(kind: Kind, values: dict[str, Any]) -> None:
    """A masked cell (from an export made without full identity numbers) never overwrites a record."""
    for column in _personal_columns(type(kind)):
        if is_masked(values.get(column.field)):
            raise RowError(
                column.field,
                _(
                    "Ô “%(header)s” là số đã che (“%(value)s”) của một tệp xuất để xem: không dùng "
                    "để nhập lại. Hãy xuất lại tệp kèm số đầy đủ (nếu được phép) hoặc ghi mã hồ sơ."
                )
                % {"header": column.header, "value": values[column.field]},
            )


def _accept(
    parsed: Iterable[Parsed], report: ImportReport, titles: dict[str | None, str]
) -> list[tuple["_Row", Pending | None]]:
    """Count a batch of parsed rows and report those refused; the rest wait to be stored."""
    batch: list[tuple[_Row, Pending | None]] = []
    for number, cells, data, error in parsed:
        report.read += 1
        row = _Row(number, cells or [], [])
        if error is not None:
            _refuse(report, row, RowError(*error), titles)
            batch.append((row, None))
        else:
            batch.append((row, Pending(number, data)))
    return batch


@dataclass
class _Stored:
    """What storing a batch did: rows refused by `resolve`, and the outcome of `write`."""

    errors: dict[int, RowError]
    outcome: Outcome | None


def _store(kind: Kind, batch: list[tuple[_Row, Pending | None]], ctx: ImportContext) -> _Stored:
    """The database part of a batch (may run on the writer thread): resolve, then write the valid rows."""
    pending = [p for _, p in batch if p is not None]
    errors = kind.resolve(pending, ctx) if pending else {}
    valid = [p for p in pending if p.row_number not in errors]
    return _Stored(errors, kind.write(valid, ctx) if valid else None)


def _record(
    report: ImportReport,
    output: ReportFile | None,
    titles: dict[str | None, str],
    batch: list[tuple[_Row, Pending | None]],
    stored: _Stored,
) -> None:
    """Count a stored batch and pass its rows, with their messages, to the report file in file order."""
    rows = {row.number: row for row, _ in batch}
    outcome = stored.outcome or Outcome()
    for number, err in [*stored.errors.items(), *outcome.errors.items()]:
        _refuse(report, rows[number], err, titles)
    report.created += outcome.created
    report.updated += outcome.updated
    report.unchanged += outcome.unchanged
    if output:
        for row, _ in batch:
            output.add(row.number, row.cells, row.messages)


def _refuse(report: ImportReport, row: _Row, err: RowError, titles: dict[str | None, str]) -> None:
    if not row.messages:
        report.invalid += 1
    column = titles.get(err.field, "")
    row.messages.append(f"{column}: {err.message}" if column else err.message)
    report.add_problem(Problem(row=row.number, column=column, message=err.message))


def _column_titles(kind: Kind, header: HeaderMatch) -> dict[str | None, str]:
    """Field → the column's title as the user knows it (its header text in the template)."""
    return {c.field: c.header for c in kind.columns}


def _missing_message(kind: Kind, header: HeaderMatch) -> str:
    names = {c.field: c.header for c in kind.columns}
    missing = ", ".join(f"“{names[f]}”" for f in header.missing_required)
    return _("Tệp thiếu cột bắt buộc: %(columns)s (dòng tiêu đề ở dòng %(row)s).") % {
        "columns": missing,
        "row": header.row_number,
    }
