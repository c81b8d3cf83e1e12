"""Campaigns (đợt vận động) and pledges (cam kết): open a campaign, record a promise to give.

What a campaign has brought, who of its members has given and what a pledge still owes are reads
(`funds.selectors`).
"""

import datetime
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from khuyenhoc.core.errors import DomainError, ErrorCode
from khuyenhoc.core.numbers import number_text
from khuyenhoc.core.scope import Action, Scope
from khuyenhoc.core.services import require, stamp
from khuyenhoc.core.text import clean_text
from khuyenhoc.funds.models import Fund, FundCampaign, Party, Pledge, Purpose
from khuyenhoc.funds.services.common import party_named, whole_dong
from khuyenhoc.people.models import MembershipKind

# Who is expected to give when the campaign does not say: a unit's staff and its union members give
# one day's salary; the Association's members put into the piggy bank; any other drive counts every
# current membership under the unit.
DEFAULT_MEMBER_KINDS = {
    Purpose.ONE_DAY_SALARY: [
        MembershipKind.UNION_MEMBER,
        MembershipKind.CADRE,
        MembershipKind.WORKER,
    ],
    Purpose.PIGGY_BANK: [MembershipKind.MEMBER],
}


@transaction.atomic
def campaign_open(
    *, actor: Any, scope: Scope, fund: Fund, name: str, purpose: str, starts_on: datetime.date,
    ends_on: datetime.date, goal: int | None = None, members_of: Any = None,
    monthly_amount: int | None = None, member_kinds: list[str] | None = None,
) -> FundCampaign:  # fmt: skip
    """Open a collection campaign of a fund, with its period and optional goal and members: the
    persons holding a current membership of `member_kinds` (default: by purpose) under `members_of`."""
    require(scope, Action.RECORD_MONEY, fund.org_path)
    if members_of is not None:
        require(scope, Action.VIEW, members_of.path)
    name = clean_text(name)
    if not name:
        raise DomainError(ErrorCode.REQUIRED, _("Cần nhập tên đợt vận động."), field="name")
    if purpose not in Purpose.values:
        raise DomainError(ErrorCode.INVALID, _("Mục đích không hợp lệ."), field="purpose")
    if ends_on < starts_on:
        raise DomainError(
            ErrorCode.INVALID, _("Ngày kết thúc phải sau ngày bắt đầu."), field="ends_on"
        )
    labels = {"goal": _("Mục tiêu"), "monthly_amount": _("Mức góp mỗi tháng mỗi người")}
    for field, value in (("goal", goal), ("monthly_amount", monthly_amount)):
        if value is not None:
            whole_dong(value, field=field, label=labels[field])
    kinds = _member_kinds(purpose, member_kinds)
    campaign = FundCampaign(
        fund=fund, org_path=fund.org_path, name=name, purpose=purpose, goal=goal,
        starts_on=starts_on, ends_on=ends_on, members_of=members_of, monthly_amount=monthly_amount,
        member_kinds=",".join(kinds),
    )  # fmt: skip
    stamp(campaign, actor).save()
    return campaign


def _member_kinds(purpose: str, given: list[str] | None) -> list[str]:
    """The membership kinds that make a member: those given (checked), else the purpose's default."""
    if not given:
        return [str(k) for k in DEFAULT_MEMBER_KINDS.get(Purpose(purpose), [])]
    if any(k not in MembershipKind.values for k in given):
        raise DomainError(
            ErrorCode.INVALID, _("Loại thành viên không hợp lệ."), field="member_kinds"
        )
    return [k for k in MembershipKind.values if k in given]  # one order, no repeats


@transaction.atomic
def pledge_create(
    *, actor: Any, scope: Scope, fund: Fund, donor_kind: str, total: int, instalments: int,
    first_due_on: datetime.date, every_months: int = 1, person: Any = None, household: Any = None,
    donor_name: str = "", campaign: FundCampaign | None = None,
) -> Pledge:  # fmt: skip
    """Record a promise to give `total` đồng in `instalments` payments, `every_months` apart."""
    require(scope, Action.RECORD_MONEY, fund.org_path)
    whole_dong(total, field="total", label=_("Tổng số tiền cam kết"))
    if not 1 <= instalments <= 120 or not 1 <= every_months <= 12:
        raise DomainError(
            ErrorCode.INVALID, _("Số lần góp 1–120, cách nhau 1–12 tháng."), field="instalments"
        )
    # Each instalment is total // instalments (the remainder on the last): at least 1 đồng, and
    # never more than the total, which is itself at most MAX_AMOUNT.
    if total < instalments:
        raise DomainError(
            ErrorCode.INVALID,
            _("Mỗi lần góp phải ít nhất 1 đồng: tổng %(t)s đồng không chia được thành %(n)s lần.")
            % {"t": number_text(total), "n": instalments},
            field="instalments",
        )
    if donor_kind == Party.ANONYMOUS:
        raise DomainError(
            ErrorCode.INVALID, _("Cam kết cần có tên người cam kết."), field="donor_kind"
        )
    name, person, household = party_named(donor_kind, person, household, donor_name)
    pledge = Pledge(
        fund=fund, org_path=fund.org_path, campaign=campaign, donor_kind=donor_kind, person=person,
        household=household, donor_name=name, total=total, instalments=instalments,
        first_due_on=first_due_on, every_months=every_months,
    )  # fmt: skip
    stamp(pledge, actor).save()
    return pledge
