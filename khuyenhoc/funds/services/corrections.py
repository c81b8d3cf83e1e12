"""Corrections: a recorded donation or a paid payment is undone by a reversing entry, never edited."""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from khuyenhoc.core import clock
from khuyenhoc.core.errors import DomainError, ErrorCode
from khuyenhoc.core.scope import Action, Scope
from khuyenhoc.core.services import require, stamp
from khuyenhoc.core.text import clean_text
from khuyenhoc.funds.models import Disbursement, Donation, PaymentStatus
from khuyenhoc.funds.services.ledger import entry_reverse, fund_lock


@transaction.atomic
def correction_post(
    *, actor: Any, scope: Scope, record: Donation | Disbursement, reason: str
) -> Any:
    """Undo a recorded donation or a paid payment by a reversing entry that points to it."""
    require(scope, Action.RECORD_MONEY, record.org_path)
    reason = clean_text(reason)
    if not reason:
        raise DomainError(ErrorCode.REQUIRED, _("Cần ghi lý do hủy."), field="reason")
    fund_lock(record.fund)
    if record.entry is None:
        raise DomainError(ErrorCode.INVALID, _("Khoản này chưa được ghi sổ."))
    document = getattr(record, "receipt_no", "") or getattr(record, "voucher_no", "")
    reversal = entry_reverse(
        actor=actor, entry=record.entry, posted_on=clock.today(),
        memo=_("Hủy %(doc)s: %(why)s") % {"doc": document, "why": reason},
    )  # fmt: skip
    if isinstance(record, Disbursement):
        record.status = PaymentStatus.REVERSED
        stamp(record, actor).save()
    return reversal
