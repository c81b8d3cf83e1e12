"""Writes for funds: open funds and sub-funds, record donations, draft, approve and pay out, correct.

Money moves only through here (the web pages, the API, the importer and the demo call these), each
operation in one transaction holding the fund's row lock: an entry is posted with its numbered document
or not at all. Amounts are whole đồng, greater than zero.
"""

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
from khuyenhoc.funds.ledger import Line, available, entry_post, entry_reverse, lock_fund
from khuyenhoc.funds.models import (
    ACCOUNT_OF_METHOD,
    Account,
    Counter,
    Disbursement,
    Donation,
    EntryKind,
    Fund,
    Method,
    Party,
    PaymentStatus,
    Purpose,
    SubFund,
)
from khuyenhoc.funds.words import dong

SPENDING = (Purpose.SCHOLARSHIP, Purpose.AWARD, Purpose.SUPPORT, Purpose.PURCHASE, Purpose.OTHER)
INCOME_PURPOSES = (Purpose.DONATION, Purpose.ONE_DAY_SALARY, Purpose.PIGGY_BANK, Purpose.OTHER)


@transaction.atomic
def fund_open(
    *, actor: Any, scope: Scope, org_node: Any, code: str, name: str, is_public: bool = False,
    bank_bin: str = "", bank_account: str = "", bank_account_name: str = "",
) -> Fund:  # fmt: skip
    """Open a fund managed by `org_node` (the user must be allowed to change that node's records)."""
    if org_node is None:
        raise DomainError(ErrorCode.REQUIRED, _("Cần chọn đơn vị quản lý quỹ."), field="org_node")
    require(scope, Action.RECORD_MONEY, org_node.path)
    code, name = clean_text(code).upper(), clean_text(name)
    if not code:
        raise DomainError(ErrorCode.REQUIRED, _("Cần nhập mã quỹ."), field="code")
    if not name:
        raise DomainError(ErrorCode.REQUIRED, _("Cần nhập tên quỹ."), field="name")
    if Fund.objects.filter(code=code).exists():
        raise DomainError(ErrorCode.DUPLICATE, _("Mã quỹ %(c)s đã có.") % {"c": code}, field="code")
    fund = Fund(
        org_node=org_node, org_path=org_node.path, province_code=org_node.province_code or "",
        code=code, name=name, is_public=is_public, bank_bin=clean_text(bank_bin),
        bank_account=clean_text(bank_account), bank_account_name=clean_text(bank_account_name),
    )  # fmt: skip
    stamp(fund, actor).save()
    return fund


@transaction.atomic
def sub_fund_open(
    *, actor: Any, scope: Scope, fund: Fund, code: str, name: str, purpose: str = ""
) -> SubFund:
    """A restricted sub-fund: money given to it may be spent only on its purpose."""
    require(scope, Action.RECORD_MONEY, fund.org_path)
    code, name = clean_text(code).upper(), clean_text(name)
    if not code or not name:
        raise DomainError(ErrorCode.REQUIRED, _("Cần nhập mã và tên quỹ thành phần."), field="code")
    if SubFund.objects.filter(fund=fund, code=code).exists():
        raise DomainError(
            ErrorCode.DUPLICATE, _("Mã %(c)s đã có trong quỹ.") % {"c": code}, field="code"
        )
    sub_fund = SubFund(fund=fund, code=code, name=name, purpose=clean_text(purpose))
    stamp(sub_fund, actor).save()
    return sub_fund


def whole_dong(value: Any, *, field: str = "amount") -> int:
    """Whole đồng greater than zero; anything else (a fraction, zero, a negative) is refused."""
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise DomainError(
            ErrorCode.INVALID, _("Số tiền phải là số đồng nguyên, lớn hơn 0."), field=field
        )
    return value


def _next_number(fund: Fund, kind: str, year: int) -> str:
    """The next receipt (PT) or voucher (PC) number of the fund and year, with no gaps."""
    counter, _created = Counter.objects.select_for_update().get_or_create(
        fund=fund, kind=kind, year=year
    )
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"{kind}{year}-{counter.last:06d}"


def party_named(kind: str, person: Any, household: Any, name: str) -> tuple[str, Any, Any]:
    """The party's display name (from its record when it has one), checked for its kind."""
    if kind not in Party.values:
        raise DomainError(
            ErrorCode.INVALID, _("Loại người ủng hộ/nhận không hợp lệ."), field="party"
        )
    if kind == Party.ANONYMOUS:
        return _("Giấu tên"), None, None
    if kind == Party.PERSON and person is not None:
        return person.full_name, person, None
    if kind == Party.HOUSEHOLD and household is not None:
        return household.name, None, household
    name = clean_text(name)
    if not name:
        raise DomainError(ErrorCode.REQUIRED, _("Cần ghi tên (hoặc chọn hồ sơ)."), field="name")
    return name, None, None


@transaction.atomic
def donation_record(
    *, actor: Any, scope: Scope, fund: Fund, amount: Any, method: str, donor_kind: str,
    received_on: datetime.date | None = None, person: Any = None, household: Any = None,
    donor_name: str = "", sub_fund: SubFund | None = None, purpose: str = Purpose.DONATION,
    goods: str = "", named_publicly: bool = False, idempotency_key: str | None = None,
    campaign: Any = None, pledge: Any = None,
) -> Donation:  # fmt: skip
    """Record money or goods received, post it and number its receipt.

    The same idempotency key (a form's one-time token, a bank line's id) twice gives back the donation
    already recorded instead of a second one: a double-clicked button records one donation."""
    require(scope, Action.RECORD_MONEY, fund.org_path)
    fund = lock_fund(fund)
    if idempotency_key:
        done = Donation.objects.filter(fund=fund, idempotency_key=idempotency_key).first()
        if done is not None:
            return done
    amount = whole_dong(amount)
    if method not in Method.values:
        raise DomainError(ErrorCode.INVALID, _("Hình thức không hợp lệ."), field="method")
    if purpose not in INCOME_PURPOSES:
        raise DomainError(ErrorCode.INVALID, _("Mục đích thu không hợp lệ."), field="purpose")
    if method == Method.IN_KIND and not clean_text(goods):
        raise DomainError(ErrorCode.REQUIRED, _("Cần ghi hiện vật nhận được."), field="goods")
    received_on = received_on or clock.today()
    if received_on > clock.today():
        raise DomainError(
            ErrorCode.INVALID, _("Ngày nhận không thể ở tương lai."), field="received_on"
        )
    name, person, household = party_named(donor_kind, person, household, donor_name)
    for linked in (campaign, pledge, sub_fund):
        if linked is not None and linked.fund_id != fund.pk:
            raise DomainError(
                ErrorCode.INVALID,
                _("Đợt vận động, cam kết hoặc quỹ thành phần không thuộc quỹ này."),
            )
    number = _next_number(fund, "PT", received_on.year)
    entry = entry_post(
        actor=actor, fund=fund, kind=EntryKind.DONATION, posted_on=received_on,
        memo=f"{number} {name}", lines=[
            Line(ACCOUNT_OF_METHOD[Method(method)], amount, purpose, sub_fund),
            Line(Account.INCOME, -amount, purpose, sub_fund),
        ],
    )  # fmt: skip
    donation = Donation(
        fund=fund, org_path=fund.org_path, sub_fund=sub_fund, purpose=purpose, campaign=campaign,
        pledge=pledge, donor_kind=donor_kind, person=person, household=household, donor_name=name,
        named_publicly=named_publicly and donor_kind != Party.ANONYMOUS, method=method,
        amount=amount, goods=clean_text(goods), received_on=received_on, receipt_no=number,
        entry=entry, idempotency_key=idempotency_key or None,
        by=actor if getattr(actor, "pk", None) else None,
    )  # fmt: skip
    stamp(donation, actor).save()
    return donation


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
    fund = lock_fund(disbursement.fund)
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
    number = _next_number(fund, "PC", paid_on.year)
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


@transaction.atomic
def correction_post(
    *, actor: Any, scope: Scope, record: Donation | Disbursement, reason: str
) -> Any:
    """Undo a recorded donation or a paid payment by a reversing entry that points to it."""
    require(scope, Action.RECORD_MONEY, record.org_path)
    reason = clean_text(reason)
    if not reason:
        raise DomainError(ErrorCode.REQUIRED, _("Cần ghi lý do hủy."), field="reason")
    lock_fund(record.fund)
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
