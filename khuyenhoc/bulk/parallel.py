"""Read and check a file's rows in a second process while this one writes them.

An import spends about half its time in Python turning cells into checked records and the other half
storing them. A thread cannot overlap the two (the GIL; on SQLite every inserted row hands it back and
forth), so large files are parsed by a forked child: it inherits the open file, the kind's look-up tables
and the import context as they stand after `Kind.prepare`, parses the rows in file order and sends them
in batches through a pipe; this process resolves and writes them inside the run's one transaction.
Hand-written: no library splits a Django import between processes this way.

Rules that keep this safe:
- the child never touches the parent's database connection (a connection must not cross a fork): it
  opens its own, which sees committed data only, so a kind opts in (`Kind.parallel`) only when parsing a
  row never reads what earlier rows of the same run wrote;
- the pipe holds at most about one batch, so memory stays bounded and the child never runs far ahead;
- if this process dies, the child's next send fails and it exits; if the child dies, this process raises
  and the run's transaction rolls back. Either way nothing half-done is committed.
"""

import contextlib
import multiprocessing
import traceback
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from multiprocessing.connection import Connection
from typing import Any

from django.db import connections

from khuyenhoc.bulk.reading import UnreadableFile

# One parsed row as it crosses the pipe: (row number, cells or None, parsed data or None, error or None).
Parsed = tuple[int, Any, Any, tuple[str | None, str] | None]
ParseRow = Callable[[int, list[Any]], Parsed | None]  # None: a blank row, skipped

_inherited: list[Any] = []  # the parent's connection wrappers, kept alive and unused in the child


class ParserDied(RuntimeError):
    """The parsing process ended without finishing the file (a bug, or it was killed)."""


def parse_in_batches(
    rows: Iterable[tuple[int, list[Any]]], parse: ParseRow, *, size: int
) -> Iterator[list[Parsed]]:
    """Parsed rows, a batch per `size` rows read (blank rows are skipped), in this process."""
    for chunk in _chunks(rows, size):
        yield _parsed(chunk, parse)


class ParseProcess:
    """`parse_in_batches` run by a forked child; iterate it for the batches, in file order."""

    def __init__(self, rows: Iterable[tuple[int, list[Any]]], parse: ParseRow, *, size: int):
        self.receiver, self.sender = multiprocessing.Pipe(duplex=False)
        context = multiprocessing.get_context("fork")
        self.child = context.Process(
            target=_child,
            args=(self.sender, self.receiver, rows, parse, size),
            name="import-parser",
            daemon=True,
        )

    def __enter__(self) -> "ParseProcess":
        self.child.start()  # the fork: the child gets this process's state as it is now
        self.sender.close()
        return self

    def __exit__(self, exc_type: Any, *exc: Any) -> None:
        self.receiver.close()
        if exc_type is None:  # the child sent its last batch and is closing its connection
            self.child.join(timeout=30)
        if self.child.is_alive():
            self.child.kill()
        self.child.join()

    def __iter__(self) -> Iterator[list[Parsed]]:
        while True:
            try:
                kind, payload = self.receiver.recv()
            except EOFError:
                raise ParserDied(
                    "The import's parsing process ended before the file did."
                ) from None
            if kind == "parsed":
                yield payload
            elif kind == "end":
                return
            elif kind == "unreadable":
                raise UnreadableFile(payload)
            else:
                raise ParserDied(f"The import's parsing process failed:\n{payload}")


def _chunks(rows: Iterable[tuple[int, list[Any]]], size: int) -> Iterator[list]:
    rows = iter(rows)
    while chunk := list(islice(rows, size)):
        yield chunk


def _parsed(chunk: list[tuple[int, list[Any]]], parse: ParseRow) -> list[Parsed]:
    return [parsed for parsed in (parse(number, cells) for number, cells in chunk) if parsed]


def _child(
    sender: Connection,
    receiver: Connection,
    rows: Iterable,
    parse: ParseRow,
    size: int,
) -> None:
    # The parent's end of the pipe came along with the fork: while the child held it open, a send
    # after the parent died would block forever instead of failing.
    receiver.close()
    _own_connections()
    try:
        for chunk in _chunks(rows, size):
            sender.send(("parsed", _parsed(chunk, parse)))
        sender.send(("end", None))
    except (BrokenPipeError, ConnectionResetError):
        pass  # the importing process is gone; its transaction was never committed
    except UnreadableFile as err:
        _send_quietly(sender, ("unreadable", err.message))
    except BaseException:
        _send_quietly(sender, ("failed", traceback.format_exc()))
    finally:
        connections.close_all()
        sender.close()


def _own_connections() -> None:
    """Give the child connections of its own; the inherited ones are kept (never closed) and unused."""
    for alias in connections:
        _inherited.append(connections[alias])
        connections[alias] = connections.create_connection(alias)


def _send_quietly(sender: Connection, message: tuple[str, Any]) -> None:
    with contextlib.suppress(BrokenPipeError, ConnectionResetError):
        sender.send(message)
