"""Record money or goods received: a numbered receipt and its posted entry, in one transaction."""

import datetime
from typing import Any

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
    Donation,
    EntryKind,
    Fund,
    Method,
    Party,
    Purpose,
    SubFund,
)
from khuyenhoc.funds.services.common import counter_next, party_named, whole_dong
from khuyenhoc.funds.services.ledger import Line, entry_post, fund_lock

INCOME_PURPOSES = (Purpose.DONATION, Purpose.ONE_DAY_SALARY, Purpose.PIGGY_BANK, Purpose.OTHER)


@transaction.atomic
def donation_create(
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
    fund = fund_lock(fund)
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
    number = counter_next(fund=fund, kind="PT", year=received_on.year)
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
