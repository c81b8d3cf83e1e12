"""Payments: drafted by one person, approved (and paid, with a numbered voucher) or refused by another."""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from khuyenhoc.core import clock
from khuyenhoc.core.errors import DomainError, ErrorCode
from khuyenhoc.core.scope import Action, Scope
from khuyenhoc.core.services import require, stamp
from khuyenhoc.core.text import clean_text
from khuyenhoc.funds.models import (
    ACCOUNT_OF_METHOD,
    Account,
    Disbursement,
    EntryKind,
    Fund,
    Method,
    Party,
    PaymentStatus,
    Purpose,
    SubFund,
)
from khuyenhoc.funds.selectors import available
from khuyenhoc.funds.services.common import counter_next, party_named, whole_dong
from khuyenhoc.funds.services.ledger import Line, entry_post, fund_lock
from khuyenhoc.funds.words import dong

SPENDING = (Purpose.SCHOLARSHIP, Purpose.AWARD, Purpose.SUPPORT, Purpose.PURCHASE, Purpose.OTHER)


@transaction.atomic
def disbursement_draft(
    *, actor: Any, scope: Scope, fund: Fund, amount: Any, method: str, purpose: str,
    beneficiary_kind: str, person: Any = None, household: Any = None, beneficiary_name: str = "",
    sub_fund: SubFund | None = None, decision_ref: str = "", note: str = "",
) -> Disbursement:  # fmt: skip
    """A payment waiting for another person's approval (nothing is posted yet)."""
    require(scope, Action.RECORD_MONEY, fund.org_path)
    if purpose not in SPENDING:
        raise DomainError(ErrorCode.INVALID, _("Mục đích chi không hợp lệ."), field="purpose")
    if method not in Method.values:
        raise DomainError(ErrorCode.INVALID, _("Hình thức không hợp lệ."), field="method")
    if sub_fund is not None and sub_fund.fund_id != fund.pk:
        raise DomainError(
            ErrorCode.INVALID, _("Quỹ thành phần không thuộc quỹ này."), field="sub_fund"
        )
    if beneficiary_kind == Party.ANONYMOUS:
        raise DomainError(ErrorCode.INVALID, _("Khoản chi phải ghi rõ người nhận."), field="party")
    name, person, household = party_named(beneficiary_kind, person, household, beneficiary_name)
    payment = Disbursement(
        fund=fund, org_path=fund.org_path, sub_fund=sub_fund, purpose=purpose,
        beneficiary_kind=beneficiary_kind, person=person, household=household,
        beneficiary_name=name, method=method, amount=whole_dong(amount),
        decision_ref=clean_text(decision_ref), note=clean_text(note),
        drafted_by=actor if getattr(actor, "pk", None) else None,
    )  # fmt: skip
    stamp(payment, actor).save()
    return payment


@transaction.atomic
def disbursement_approve(
    *, actor: Any, scope: Scope, disbursement: Disbursement, paid_on: datetime.date | None = None
) -> Disbursement:
    """Approve and pay a drafted payment: by someone other than its drafter, within what its fund
    (or restricted sub-fund) holds; posts the entry and numbers the voucher."""
    require(scope, Action.APPROVE_PAYMENT, disbursement.org_path)
    fund = fund_lock(disbursement.fund)
    payment = Disbursement.objects.select_for_update().get(pk=disbursement.pk)
    if payment.status != PaymentStatus.DRAFT:
        raise DomainError(
            ErrorCode.INVALID,
            _("Khoản chi đang ở trạng thái “%(s)s”.") % {"s": payment.get_status_display()},
        )
    if payment.drafted_by_id is not None and payment.drafted_by_id == getattr(actor, "pk", None):
        raise PermissionDenied(
            _("Người lập khoản chi không được tự duyệt chi (cần người thứ hai).")
        )
    paid_on = paid_on or clock.today()
    holds = available(fund, payment.sub_fund)
    if payment.amount > holds:
        where = payment.sub_fund.name if payment.sub_fund else _("tiền không hạn chế mục đích")
        raise DomainError(
            ErrorCode.INVALID,
            _("Không đủ tiền: %(where)s còn %(holds)s đồng, khoản chi %(amount)s đồng.")
            % {"where": where, "holds": dong(holds), "amount": dong(payment.amount)},
            field="amount",
        )
    number = counter_next(fund=fund, kind="PC", year=paid_on.year)
    payment.entry = entry_post(
        actor=actor, fund=fund, kind=EntryKind.DISBURSEMENT, posted_on=paid_on,
        memo=f"{number} {payment.beneficiary_name}", lines=[
            Line(Account.EXPENSE, payment.amount, payment.purpose, payment.sub_fund),
            Line(ACCOUNT_OF_METHOD[Method(payment.method)], -payment.amount, payment.purpose,
                 payment.sub_fund),
        ],
    )  # fmt: skip
    payment.status, payment.voucher_no, payment.paid_on = PaymentStatus.PAID, number, paid_on
    payment.approved_by = actor if getattr(actor, "pk", None) else None
    stamp(payment, actor).save()
    return payment


@transaction.atomic
def disbursement_reject(*, actor: Any, scope: Scope, disbursement: Disbursement) -> Disbursement:
    """Refuse a drafted payment (it stays, as refused)."""
    require(scope, Action.APPROVE_PAYMENT, disbursement.org_path)
    payment = Disbursement.objects.select_for_update().get(pk=disbursement.pk)
    if payment.status != PaymentStatus.DRAFT:
        raise DomainError(ErrorCode.INVALID, _("Chỉ từ chối được khoản chi đang chờ duyệt."))
    payment.status = PaymentStatus.REJECTED
    stamp(payment, actor).save()
    return payment
