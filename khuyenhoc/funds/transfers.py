"""Bank transfers: a VietQR code per request, and bank statements matched to the requests.

A clerk (or a donor's pledge) makes a transfer request: an amount and a short reference (KH + six
letters and digits) that the VietQR code puts in the transfer's description. Importing the bank's
statement (CSV or XLSX, read by the import engine's reader) matches each credit line to the open
request whose reference its description carries and whose amount it equals, and records the donation
then — once: the bank line's identity is the donation's idempotency key, so a statement imported twice
records nothing new. A line that fits several requests, or none, is listed for the clerk, not guessed.
"""

import hashlib
import re
import secrets
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from khuyenhoc.bulk.headers import HeaderNotFound, find_header
from khuyenhoc.bulk.reading import UnreadableFile, open_table
from khuyenhoc.bulk.values import ValueProblem, clean_cell_text, parse_date, parse_int
from khuyenhoc.core.errors import DomainError, ErrorCode
from khuyenhoc.core.scope import Action, Scope
from khuyenhoc.core.services import require, stamp
from khuyenhoc.funds import vietqr
from khuyenhoc.funds.models import Donation, Fund, Method, Party, Purpose, TransferRequest
from khuyenhoc.funds.services.common import party_named, whole_dong
from khuyenhoc.funds.services.donations import donation_create

_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I: references are read and retyped
# Every place a reference could start, overlapping ones included: bank descriptions lose their spaces.
REFERENCE = re.compile(r"(?=(KH[A-HJ-NP-Z2-9]{6}))")
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


@transaction.atomic
def transfer_request_make(
    *, actor: Any, scope: Scope, fund: Fund, amount: Any, donor_kind: str = Party.ANONYMOUS,
    person: Any = None, donor_name: str = "", named_publicly: bool = False, sub_fund: Any = None,
    campaign: Any = None, pledge: Any = None, purpose: str = Purpose.DONATION,
) -> TransferRequest:  # fmt: skip
    """An expected transfer with its reference; needs the fund's bank account to print a VietQR code."""
    require(scope, Action.RECORD_MONEY, fund.org_path)
    if not (fund.bank_bin and fund.bank_account):
        raise DomainError(
            ErrorCode.INVALID, _("Quỹ chưa có tài khoản ngân hàng để nhận chuyển khoản."),
            field="bank_account",
        )  # fmt: skip
    whole_dong(amount)
    # The donor is checked now: a nameless request would only fail once its money arrived.
    donor_name, person, _household = party_named(donor_kind, person, None, donor_name)
    while True:
        reference = "KH" + "".join(secrets.choice(_ALPHABET) for _ in range(6))
        if not TransferRequest.objects.filter(reference=reference).exists():
            break
    request = TransferRequest(
        fund=fund, org_path=fund.org_path, reference=reference, amount=amount,
        donor_kind=donor_kind, person=person, donor_name=donor_name,
        named_publicly=named_publicly, sub_fund=sub_fund, campaign=campaign, pledge=pledge,
        purpose=purpose,
    )  # fmt: skip
    stamp(request, actor).save()
    return request


def vietqr_payload(request: TransferRequest) -> str:
    """What the request's VietQR code encodes: the fund's account, the amount, the reference."""
    fund = request.fund
    return vietqr.payload(
        bank_bin=fund.bank_bin, account=fund.bank_account, amount=request.amount,
        reference=request.reference,
    )  # fmt: skip


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


@dataclass
class MatchReport:
    matched: list[tuple[StatementLine, Donation]] = field(default_factory=list)
    already: list[StatementLine] = field(default_factory=list)
    ambiguous: list[tuple[StatementLine, str]] = field(default_factory=list)
    unmatched: list[StatementLine] = field(default_factory=list)
    problems: list[tuple[int, str]] = field(default_factory=list)  # (row, why) of unreadable lines


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
            amount = parse_int(values["amount"])
        except ValueProblem as err:
            problems.append((number, err.message))
            continue
        if amount and amount > 0 and day is not None:
            text = clean_cell_text(values["text"])
            lines.append(
                StatementLine(number, day, amount, text, clean_cell_text(values.get("bank_id")))
            )
    return lines, problems


@transaction.atomic
def statement_match(
    *, actor: Any, scope: Scope, fund: Fund, lines: list[StatementLine]
) -> MatchReport:
    """Record the donations the statement's lines pay for (see the module notes)."""
    require(scope, Action.RECORD_MONEY, fund.org_path)
    report = MatchReport()
    # Read once for the whole statement: the lines already recorded, and the open requests named.
    recorded = set(
        Donation.objects.filter(fund=fund, idempotency_key__in=[line.key for line in lines])
        .values_list("idempotency_key", flat=True)
    )  # fmt: skip
    named = {line.key: set(REFERENCE.findall(line.text.upper().replace(" ", ""))) for line in lines}
    requests = {
        r.reference: r
        for r in TransferRequest.objects.filter(
            fund=fund, reference__in=set().union(*named.values()), donation__isnull=True
        ).select_related("person", "sub_fund", "campaign", "pledge")
    }
    for line in lines:
        if line.key in recorded:
            report.already.append(line)
            continue
        found = [
            requests[ref] for ref in sorted(named[line.key])
            if ref in requests and requests[ref].amount == line.amount
            and requests[ref].donation_id is None
        ]  # fmt: skip
        if len(found) > 1:
            names = ", ".join(r.reference for r in found)
            report.ambiguous.append((line, _("khớp nhiều yêu cầu: %(r)s") % {"r": names}))
        elif not found:
            report.unmatched.append(line)
        else:
            try:  # one line that cannot be recorded does not undo the others
                with transaction.atomic():
                    report.matched.append((line, _record(actor, scope, fund, found[0], line)))
                recorded.add(line.key)
            except DomainError as err:
                report.ambiguous.append((line, err.message))
    return report


def _record(
    actor: Any, scope: Scope, fund: Fund, request: TransferRequest, line: StatementLine
) -> Donation:
    donation = donation_create(
        actor=actor, scope=scope, fund=fund, amount=line.amount, method=Method.TRANSFER,
        donor_kind=request.donor_kind, person=request.person, donor_name=request.donor_name,
        received_on=line.day, sub_fund=request.sub_fund, purpose=request.purpose,
        named_publicly=request.named_publicly, campaign=request.campaign, pledge=request.pledge,
        idempotency_key=line.key,
    )  # fmt: skip
    request.donation = donation
    stamp(request, actor).save(update_fields=["donation", "updated_at"])
    return donation
