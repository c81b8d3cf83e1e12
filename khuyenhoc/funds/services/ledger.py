"""The double-entry ledger: post balanced entries and reverse them, monthly totals kept with them.

Balances are read from those totals (`selectors.available`, `selectors.balances`). Every function
here runs inside the caller's transaction, after the caller has locked the fund's row (`fund_lock`),
so that two clerks moving money of one fund at once are served one after the other and a balance
read before a payment is still true when the payment is posted.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.utils.translation import gettext as _

from khuyenhoc.core.errors import DomainError, ErrorCode
from khuyenhoc.core.money import MAX_AMOUNT, MAX_TOTAL, amount_message
from khuyenhoc.core.numbers import number_text
from khuyenhoc.funds.models import (
    ASSETS,
    EntryKind,
    Fund,
    JournalEntry,
    LedgerLine,
    MonthTotal,
    SubFund,
)
from khuyenhoc.funds.selectors import available
from khuyenhoc.funds.words import dong


@dataclass(frozen=True)
class Line:
    """One line to post: debit when `amount` is positive, credit when negative (whole đồng)."""

    account: str
    amount: int
    purpose: str
    sub_fund: SubFund | None = None


def fund_lock(fund: Fund) -> Fund:
    """The fund's row, locked until the end of the transaction (money moves one at a time per fund)."""
    return Fund.objects.select_for_update().get(pk=fund.pk)


def entry_post(
    *, actor: Any, fund: Fund, kind: str, posted_on: datetime.date, memo: str,
    lines: list[Line], reverses: JournalEntry | None = None,
) -> JournalEntry:  # fmt: skip
    """Post a balanced entry and add it to the monthly totals; nothing is written if it is not."""
    _check(fund, lines)
    if len(memo) > 255:
        raise DomainError(ErrorCode.INVALID, _("Diễn giải dài quá 255 ký tự."), field="note")
    entry = JournalEntry.objects.create(
        fund=fund, kind=kind, posted_on=posted_on, memo=memo, reverses=reverses,
        by=actor if getattr(actor, "pk", None) else None,
    )  # fmt: skip
    month = posted_on.replace(day=1)
    LedgerLine.objects.bulk_create(
        LedgerLine(
            entry=entry, fund=fund, org_path=fund.org_path, account=line.account,
            sub_fund=line.sub_fund, purpose=line.purpose, month=month, amount=line.amount,
        )
        for line in lines
    )  # fmt: skip
    _add_to_totals(fund, month, lines)
    return entry


def _check(fund: Fund, lines: list[Line]) -> None:
    if not lines or any(
        isinstance(line.amount, bool) or not isinstance(line.amount, int)
        or not 0 < abs(line.amount) <= MAX_AMOUNT
        for line in lines
    ):  # fmt: skip
        raise DomainError(ErrorCode.INVALID, amount_message(), field="amount")
    if sum(line.amount for line in lines) != 0:
        raise DomainError(ErrorCode.INVALID, _("Tổng nợ và tổng có của bút toán phải bằng nhau."))
    if any(line.sub_fund is not None and line.sub_fund.fund_id != fund.pk for line in lines):
        raise DomainError(
            ErrorCode.INVALID, _("Quỹ thành phần không thuộc quỹ này."), field="sub_fund"
        )


def _add_to_totals(fund: Fund, month: datetime.date, lines: Iterable[Line]) -> None:
    """Add the lines to their monthly totals: one upsert per key (the same SQL on both databases)."""
    sums: dict[tuple[str, int, str], int] = defaultdict(int)
    for line in lines:
        sums[(line.account, line.sub_fund.pk if line.sub_fund else 0, line.purpose)] += line.amount
    table = MonthTotal._meta.db_table
    sql = (
        f'INSERT INTO "{table}" ("fund_id", "org_path", "account", "sub_fund_key", "purpose", '  # noqa: S608
        '"month", "total") VALUES (%s, %s, %s, %s, %s, %s, %s) '
        'ON CONFLICT ("fund_id", "account", "sub_fund_key", "purpose", "month") '
        f'DO UPDATE SET "total" = "{table}"."total" + excluded."total"'
    )
    rows = [
        (fund.pk, fund.org_path, account, key, purpose, month, amount)
        for (account, key, purpose), amount in sums.items()
        if amount
    ]
    try:
        # A savepoint: the totals' CHECK (|total| <= MAX_TOTAL) refusing the sum leaves the caller's
        # transaction usable. Without that limit SQLite would turn an overflowing sum into an inexact
        # REAL (đồng lost without a word) and PostgreSQL would fail with "bigint out of range".
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(sql, rows)
    except IntegrityError:
        raise DomainError(
            ErrorCode.INVALID,
            _("Tổng thu chi một tháng của quỹ vượt quá %(max)s đồng: không ghi sổ được.")
            % {"max": number_text(MAX_TOTAL)},
            field="amount",
        ) from None


def entry_reverse(
    *, actor: Any, entry: JournalEntry, posted_on: datetime.date, memo: str
) -> JournalEntry:
    """Post the opposite of `entry` (which stays as it was); once only, and never a reversal."""
    if entry.kind == EntryKind.REVERSAL:
        raise DomainError(ErrorCode.INVALID, _("Không đảo một bút toán đảo."))
    if JournalEntry.objects.filter(reverses=entry).exists():
        raise DomainError(ErrorCode.INVALID, _("Bút toán này đã được đảo."))
    lines = [
        Line(line.account, -line.amount, line.purpose, line.sub_fund)
        for line in entry.lines.select_related("sub_fund")
    ]
    for sub_fund, needed in _asset_outflows(lines).items():
        if available(entry.fund, sub_fund) < needed:
            raise DomainError(
                ErrorCode.INVALID,
                _("Số dư không đủ để hủy: số tiền này đã được chi (cần %(n)s đồng).")
                % {"n": dong(needed)},
            )
    return entry_post(
        actor=actor, fund=entry.fund, kind=EntryKind.REVERSAL, posted_on=posted_on,
        memo=memo, lines=lines, reverses=entry,
    )  # fmt: skip


def _asset_outflows(lines: list[Line]) -> dict[SubFund | None, int]:
    out: dict[SubFund | None, int] = defaultdict(int)
    for line in lines:
        if line.account in ASSETS and line.amount < 0:
            out[line.sub_fund] -= line.amount
    return out
