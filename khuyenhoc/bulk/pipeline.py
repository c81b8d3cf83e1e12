"""Write one batch while the next is being parsed: the database works while Python reads and checks.

An import spends its time in two places that can run at once: Python turning cells into checked records,
and the database storing the previous batch (index upkeep, constraint checks; on PostgreSQL in another
process, on SQLite in C code that releases the GIL). `BatchWriter` runs each batch's database step on one
background thread, on the *same* connection and so inside the run's single transaction, while the caller
parses the next batch. Hand-written: no library shares a Django connection with a worker thread.

Rules that keep this safe:
- at most one batch is in flight, and batches are stored in file order;
- the caller's own queries (look-ups while parsing) wait for the lock the writer holds while it works, so
  the connection is never used by two threads at once;
- a kind opts in (`Kind.pipelined`) only when parsing a row never depends on what earlier rows wrote.
"""

import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Generic, TypeVar

from django.db import DEFAULT_DB_ALIAS, connections

T = TypeVar("T")
SWITCH_INTERVAL = 0.0005  # seconds


class BatchWriter(Generic[T]):
    """Run `store(batch)` on a background thread, one batch at a time, on the caller's connection."""

    def __init__(self, store: Callable[[Any], T], *, enabled: bool = True) -> None:
        self.store = store
        self.enabled = enabled
        self.in_flight: tuple[Any, Future[T]] | None = None
        self.lock = threading.RLock()
        self.connection = connections[DEFAULT_DB_ALIAS]
        self.executor: ThreadPoolExecutor | None = None

    def __enter__(self) -> "BatchWriter[T]":
        if self.enabled:
            # The writer mostly waits on the database; when an answer arrives it needs the GIL back
            # from the parsing thread, which by default hands it over only every 5 ms.
            self.interval = sys.getswitchinterval()
            sys.setswitchinterval(SWITCH_INTERVAL)
            self.connection.inc_thread_sharing()
            self.executor = ThreadPoolExecutor(
                max_workers=1, thread_name_prefix="import-writer", initializer=self._adopt
            )
            self._wrapper = self.connection.execute_wrapper(self._serialised)
            self._wrapper.__enter__()
        return self

    def __exit__(self, *exc: Any) -> None:
        try:
            if self.in_flight is not None:
                # Wait even when the caller failed: the transaction must not end under a running batch.
                self.in_flight[1].exception()
        finally:
            self.in_flight = None
            if self.executor is not None:
                self.executor.shutdown(wait=True)
                self._wrapper.__exit__(None, None, None)
                self.connection.dec_thread_sharing()
                sys.setswitchinterval(self.interval)

    def submit(self, batch: Any) -> tuple[Any, T] | None:
        """Start storing `batch`; return the previous batch with its result (None for the first)."""
        previous = self.collect()
        if self.executor is None:
            self.in_flight = (batch, _done(self.store(batch)))
        else:
            self.in_flight = (batch, self.executor.submit(self._store_locked, batch))
        return previous

    def collect(self) -> tuple[Any, T] | None:
        """Wait for the batch in flight; return it with its result (re-raising what it raised)."""
        if self.in_flight is None:
            return None
        batch, future = self.in_flight
        self.in_flight = None
        return batch, future.result()

    def _adopt(self) -> None:
        connections[DEFAULT_DB_ALIAS] = self.connection

    def _store_locked(self, batch: Any) -> T:
        with self.lock:
            return self.store(batch)

    def _serialised(
        self, execute: Callable, sql: str, params: Any, many: bool, context: Any
    ) -> Any:
        with self.lock:
            return execute(sql, params, many, context)


def _done(value: Any) -> Future:
    future: Future = Future()
    future.set_result(value)
    return future
