"""Find the header row of a hand-made member list and map its columns to fields.

Headers are compared after normalisation: no case, accents, punctuation, line breaks, leading
numbering ("1.", "a)", "STT"), text in parentheses ("(dd/mm/yyyy)", "(*)") or "bắt buộc" markers.
An exact match beats a cell that merely starts with a variant ("Ngày sinh của hội viên"), and a
longer variant beats a shorter one. Each column takes at most one field and each field one column;
when two candidates score the same, the leftmost column wins, then the field listed first in `spec`.

Usage::

    head = list(islice(table.rows(), 30))
    match = find_header(head, {"full_name": ["Họ và tên", "Họ tên"]}, required={"full_name"})
"""

import dataclasses
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from khuyenhoc.bulk.reading import UnreadableFile
from khuyenhoc.bulk.values import clean_cell_text
from khuyenhoc.core.text import fold

Row = tuple[int, list]
_EXACT, _PREFIX = 2, 1
_BRACKETS = re.compile(r"\([^)]*\)?|\[[^\]]*\]?")
_LEADING_NUMBER = re.compile(r"^(?:\d+|[ivx]+|[a-z])\s*[.):-]\s*|^\d+\s+")
_LEADING_STT = re.compile(r"^(?:stt|so tt|so thu tu)\b[\W_]*(?=\w)")
_PUNCTUATION = re.compile(r"[\W_]+")
_MARKER = re.compile(r"\s*\bbat buoc$")
_COLUMN_NUMBER = re.compile(r"\(?\d{1,2}\)?")


class HeaderNotFound(UnreadableFile):
    """No header row names any required field; `message` lists the headers expected."""


@dataclass(frozen=True)
class HeaderMatch:
    """Where the header row is and which column holds which field (0-based column indexes).

    `row_number` is the last header row (the sub-header row of a two-row header); data starts below.
    """

    row_number: int
    columns: dict[str, int]
    unknown_columns: list[tuple[int, str]] = field(default_factory=list)
    missing_required: list[str] = field(default_factory=list)


def normalise_header(value: object) -> str:
    """Return the comparison key of a header cell ("1. Họ và tên (*)" → "ho va ten").

    TCVN3/VNI headers from old templates are converted first, like any other cell text.
    """
    text = _BRACKETS.sub(" ", fold(clean_cell_text(value))).strip()
    text = _LEADING_STT.sub("", _LEADING_NUMBER.sub("", text, count=1), count=1)
    return _MARKER.sub("", " ".join(_PUNCTUATION.sub(" ", text).split()))


def find_header(
    table_rows_sample: list[Row],
    spec: dict[str, list[str]],
    *,
    required: set[str],
    search_rows: int = 30,
) -> HeaderMatch:
    """Return the header row among the first `search_rows` rows that names the most required fields.

    Title rows, empty rows and merged title cells above the header are skipped. A two-row header
    (group titles above sub-headers) is read as one, see `_two_row_header`; a row of column numbers
    right below counts as part of the header. Ties go to the earliest row. Raise HeaderNotFound
    when no row names a required field (any field if none is required).
    """
    variants = _normalised_spec(spec)
    ranked = set(required) or set(spec)
    best: tuple[tuple[int, int, int], HeaderMatch] | None = None
    for row_number, headers, columns in _candidates(table_rows_sample[:search_rows], variants):
        score = (len(ranked & columns.keys()), len(columns), -row_number)
        if score[0] and (best is None or score > best[0]):
            best = (score, _match(row_number, headers, columns, spec, required))
    if best is None:
        raise HeaderNotFound(_not_found_message(spec, ranked, search_rows))
    return _after_column_numbers(best[1], table_rows_sample)


def _after_column_numbers(match: HeaderMatch, rows: list[Row]) -> HeaderMatch:
    """Move below the row of column numbers ("1 | 2 | 3" or "(1) | (2)") that forms put under headers."""
    below = next((cells for number, cells in rows if number == match.row_number + 1), [])
    texts = [_text(cell) for cell in below if _text(cell)]
    if len(texts) >= 2 and all(_COLUMN_NUMBER.fullmatch(text) for text in texts):
        return dataclasses.replace(match, row_number=match.row_number + 1)
    return match


def _normalised_spec(spec: dict[str, list[str]]) -> dict[str, list[str]]:
    """Normalise every variant of every field, dropping the ones that normalise to nothing."""
    return {
        name: [key for key in map(normalise_header, names) if key] for name, names in spec.items()
    }


def _candidates(
    rows: list[Row], variants: dict[str, list[str]]
) -> list[tuple[int, list[str], dict[str, int]]]:
    """List (last row number, header texts, field columns) for each row and each two-row header."""
    singles = [(number, [_text(cell) for cell in cells]) for number, cells in rows]
    found = []
    for index, (number, headers) in enumerate(singles):
        found.append((number, headers, _assign([[header] for header in headers], variants)))
        if index + 1 < len(singles) and singles[index + 1][0] == number + 1:
            combined = _two_row_header(headers, singles[index + 1][1], variants)
            if combined is not None:
                found.append((number + 1, *combined))
    return found


def _two_row_header(
    upper: list[str], lower: list[str], variants: dict[str, list[str]]
) -> tuple[list[str], dict[str, int]] | None:
    """Read two rows as one header, or None when the lower row names no field exactly.

    Each column is named by its lower cell (a sub-header) or, failing that, by its upper cell
    (a vertically merged header, or a group title such as "Ngày sinh" over "Nam | Nữ"). Requiring
    an exact field name below keeps a first data row ("Xã Yên Bình") from passing for a header.
    """
    width = max(len(upper), len(lower))
    tops, bottoms = (row + [""] * (width - len(row)) for row in (upper, lower))
    texts = [[bottom, top] for top, bottom in zip(tops, bottoms, strict=True)]
    columns = _assign(texts, variants)
    named_below = any(
        bottoms[column] and _score(normalise_header(bottoms[column]), variants[name])[0] == _EXACT
        for name, column in columns.items()
    )
    headers = [bottom or top for bottom, top in texts]
    return (headers, columns) if named_below else None


def _text(cell: object) -> str:
    """The text of a header cell as shown to the user ("" when empty)."""
    return clean_cell_text(cell)


def _assign(texts: list[list[str]], variants: dict[str, list[str]]) -> dict[str, int]:
    """Map fields to columns greedily, best match first.

    `texts` holds each column's header texts, most specific first. Ranking: exact before prefix,
    then the column's more specific text, then the longer variant; ties go to the leftmost
    column, then to the field listed first in the spec.
    """
    candidates = []
    for column, column_texts in enumerate(texts):
        for priority, text in enumerate(column_texts):
            key = normalise_header(text)
            for order, (name, keys) in enumerate(variants.items()):
                strength, length = _score(key, keys)
                if strength:
                    candidates.append((-strength, priority, -length, column, order, name))
    columns: dict[str, int] = {}
    for *_rank, column, _order, name in sorted(candidates):
        if name not in columns and column not in columns.values():
            columns[name] = column
    return columns


def _score(key: str, variants: list[str]) -> tuple[int, int]:
    """Score a header key against a field's variants: (exact, prefix or 0, variant length)."""
    scores = [
        (_EXACT if key == variant else _PREFIX, len(variant))
        for variant in variants
        if key and (key == variant or key.startswith(variant + " "))
    ]
    return max(scores, default=(0, 0))


def _match(
    row_number: int,
    headers: list[str],
    columns: dict[str, int],
    spec: dict[str, list[str]],
    required: set[str],
) -> HeaderMatch:
    """Build the HeaderMatch of a header row."""
    used = set(columns.values())
    return HeaderMatch(
        row_number=row_number,
        columns=columns,
        unknown_columns=[
            (index, header) for index, header in enumerate(headers) if header and index not in used
        ],
        missing_required=[name for name in spec if name in required and name not in columns],
    )


def _not_found_message(spec: dict[str, list[str]], fields: set[str], search_rows: int) -> str:
    """List the headers expected for the required fields."""
    expected = []
    for name, names in spec.items():
        if name in fields and names:
            shown = f"“{names[0]}”"
            if len(names) > 1:
                others = ", ".join(f"“{other}”" for other in names[1:])
                shown = _("%(name)s (hoặc %(others)s)") % {"name": shown, "others": others}
            expected.append(shown)
    return _(
        "Không tìm thấy dòng tiêu đề trong %(rows)s dòng đầu của trang tính. "
        "Bảng cần có các cột: %(columns)s."
    ) % {"rows": search_rows, "columns": "; ".join(expected)}
