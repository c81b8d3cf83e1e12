"""The parsing process: same batches as parsing in place, failures surface, nothing outlives the run."""

import os
import signal
import time

import pytest

from khuyenhoc.bulk.parallel import ParseProcess, ParserDied, parse_in_batches
from khuyenhoc.bulk.reading import UnreadableFile


def _rows(count: int, *, blank_every: int = 0, fail_at: int = 0):
    for number in range(1, count + 1):
        if fail_at and number == fail_at:
            raise UnreadableFile("Tệp hỏng ở dòng giữa.")
        blank = blank_every and number % blank_every == 0
        yield number, [None, " "] if blank else [f"Người {number}", number]


def _parse(number, cells):
    if cells[0] is None:
        return None
    if number == 13:
        return number, None, None, ("birth", "Ngày sinh sai.")
    return number, None, {"name": cells[0], "pid": os.getpid()}, None


def test_the_child_gives_the_batches_parsing_in_place_gives():
    expected = list(parse_in_batches(_rows(1000, blank_every=7), _parse, size=64))

    with ParseProcess(_rows(1000, blank_every=7), _parse, size=64) as batches:
        received = list(batches)

    strip = [[(n, c, d and d["name"], e) for n, c, d, e in batch] for batch in received]
    assert strip == [[(n, c, d and d["name"], e) for n, c, d, e in b] for b in expected]
    assert {d["pid"] for batch in received for _, _, d, _ in batch if d} != {os.getpid()}
    assert sum(len(b) for b in received) == 1000 - 1000 // 7


def test_a_file_found_damaged_by_the_child_raises_its_message_here():
    with (
        pytest.raises(UnreadableFile, match=r"Tệp hỏng ở dòng giữa\."),
        ParseProcess(_rows(500, fail_at=300), _parse, size=50) as batches,
    ):
        list(batches)


def test_a_bug_in_the_child_is_reported_with_its_traceback():
    def broken(number, cells):
        raise KeyError("cột lạ")

    with (
        pytest.raises(ParserDied, match="KeyError: 'cột lạ'"),
        ParseProcess(_rows(10), broken, size=5) as batches,
    ):
        list(batches)


def test_a_killed_child_ends_the_run_instead_of_hanging_it():
    def slow(number, cells):
        time.sleep(0.01)
        return _parse(number, cells)

    def read_then_kill(batches):
        for index, _batch in enumerate(batches):
            if index == 1:
                os.kill(batches.child.pid, signal.SIGKILL)

    with ParseProcess(_rows(10_000), slow, size=10) as batches, pytest.raises(ParserDied):
        read_then_kill(batches)


def test_leaving_early_stops_the_child():
    parser = ParseProcess(_rows(1_000_000), _parse, size=100)

    def take_one_and_fail():
        with parser as batches:
            next(iter(batches))
            raise RuntimeError("stop")

    with pytest.raises(RuntimeError, match="stop"):
        take_one_and_fail()

    assert not parser.child.is_alive()
    assert parser.child.exitcode is not None
