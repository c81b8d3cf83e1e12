"""Bank statements read from a file: the credit lines, whatever the bank calls its columns.

The file (CSV or XLSX) is read by the import engine's reader; what its lines pay for is matched by
`services.transfers.statement_match`.
"""

import hashlib
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from khuyenhoc.bulk.headers import HeaderNotFound, find_header
from khuyenhoc.bulk.reading import UnreadableFile, open_table
from khuyenhoc.bulk.values import ValueProblem, clean_cell_text, parse_date, parse_int
from khuyenhoc.core.errors import DomainError, ErrorCode
from khuyenhoc.core.money import AmountError, parse_amount

STATEMENT_COLUMNS = {
    "day": ["Ngày", "Ngày giao dịch", "Ngày GD", "Ngày hạch toán", "Ngày hiệu lực", "Date"],
    "amount": [
        "Số tiền ghi có",
        "Ghi có",
        "Phát sinh có",
        "Số tiền",
        "Tiền vào",
        "Credit",
        "Amount",
    ],
    "text": ["Nội dung", "Nội dung giao dịch", "Diễn giải", "Mô tả", "Description", "Chi tiết"],
    "bank_id": [
        "Số tham chiếu",
        "Mã giao dịch",
        "Số giao dịch",
        "Số GD",
        "Reference",
        "Transaction ID",
    ],
}


@dataclass(frozen=True)
class StatementLine:
    row: int
    day: Any
    amount: int
    text: str
    bank_id: str

    @property
    def key(self) -> str:
        """The line's identity: the bank's transaction id, else a digest of what the line says."""
        seen = self.bank_id or f"{self.day}|{self.amount}|{self.text}"
        return "bank:" + hashlib.sha256(seen.encode()).hexdigest()[:40]


def statement_read(path: Path) -> tuple[list[StatementLine], list[tuple[int, str]]]:
    """The credit lines of a bank statement file, and the rows that could not be read (why)."""
    try:
        rows = open_table(path).rows()
        head = list(islice(rows, 30))
        header = find_header(head, STATEMENT_COLUMNS, required={"day", "amount", "text"})
    except (UnreadableFile, HeaderNotFound) as err:
        raise DomainError(ErrorCode.INVALID, err.message, field="file") from None
    lines, problems = [], []
    for number, cells in [*(r for r in head if r[0] > header.row_number), *rows]:
        values = {f: cells[i] if i < len(cells) else None for f, i in header.columns.items()}
        if all(clean_cell_text(v) == "" for v in values.values()):
            continue
        try:
            day, _year = parse_date(values["day"])
        except ValueProblem as err:
            problems.append((number, err.message))
            continue
        amount = _credit(values["amount"], number, problems)
        if amount is not None and day is not None:
            text = clean_cell_text(values["text"])
            lines.append(
                StatementLine(number, day, amount, text, clean_cell_text(values.get("bank_id")))
            )
    return lines, problems


def _credit(value: Any, row: int, problems: list[tuple[int, str]]) -> int | None:
    """The amount credited by a line; None for a debit, an empty or zero amount (not ours to read),
    and for an amount that is no whole đồng from 1 to MAX_AMOUNT, which is listed as a problem."""
    try:
        return parse_amount(value, _("Số tiền ghi có"))
    except AmountError as err:
        try:
            if (parse_int(value) or 0) <= 0:
                return None  # a debit ("-500.000") or a zero: not a credit
        except ValueProblem:
            pass
        problems.append((row, err.message))
        return None
