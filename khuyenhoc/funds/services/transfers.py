"""Bank transfers: a request per expected transfer, and bank statements matched to the requests.

A clerk (or a donor's pledge) makes a transfer request: an amount and a short reference (KH + six
letters and digits) that the VietQR code puts in the transfer's description. Matching the bank's
statement (its lines read by `funds.statements`) pairs each credit line with the open request whose
reference its description carries and whose amount it equals, and records the donation then — once:
the bank line's identity is the donation's idempotency key, so a statement imported twice records
nothing new. A line that fits several requests, or none, is listed for the clerk, not guessed.
"""

import re
import secrets
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from khuyenhoc.core.errors import DomainError, ErrorCode
from khuyenhoc.core.scope import Action, Scope
from khuyenhoc.core.services import require, stamp
from khuyenhoc.funds.models import Donation, Fund, Method, Party, Purpose, TransferRequest
from khuyenhoc.funds.services.common import party_named, whole_dong
from khuyenhoc.funds.services.donations import donation_create
from khuyenhoc.funds.statements import StatementLine
from khuyenhoc.funds.vietqr import check_bank_account

_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I: references are read and retyped
# Every place a reference could start, overlapping ones included: bank descriptions lose their spaces.
REFERENCE = re.compile(r"(?=(KH[A-HJ-NP-Z2-9]{6}))")


@transaction.atomic
def transfer_request_create(
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
    check_bank_account(fund.bank_bin, fund.bank_account)  # a fund opened before the check
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


@dataclass
class MatchReport:
    matched: list[tuple[StatementLine, Donation]] = field(default_factory=list)
    already: list[StatementLine] = field(default_factory=list)
    ambiguous: list[tuple[StatementLine, str]] = field(default_factory=list)
    unmatched: list[StatementLine] = field(default_factory=list)
    problems: list[tuple[int, str]] = field(default_factory=list)  # (row, why) of unreadable lines


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
