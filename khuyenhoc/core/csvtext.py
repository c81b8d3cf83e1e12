"""CSV as text lines for streamed downloads (exports, the access log)."""

import csv
from collections.abc import Iterable, Iterator
from typing import Any


def csv_lines(rows: Iterable[list[Any]]) -> Iterator[str]:
    """CSV text, line by line, with a UTF-8 byte-order mark so Excel shows Vietnamese correctly."""

    class Line:
        def write(self, text: str) -> str:
            return text

    writer = csv.writer(Line())
    yield "\ufeff"
    for row in rows:
        yield writer.writerow(["" if v is None else v for v in row])
