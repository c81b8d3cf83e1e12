"""Campaigns (đợt vận động) and pledges (cam kết): what was asked for, what was given, what is owed.

A campaign may name the unit whose members are expected to give (one day's salary, the piggy bank of
at least 10,000 đồng a month); who has given and who has not is read from the persons under that unit
and the campaign's donations (one anti-join on indexed columns, a page at a time). A pledge is paid by
the donations recorded against it; its schedule splits the total into instalments.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Count, Exists, OuterRef, QuerySet, Sum
from django.utils.translation import gettext as _

from khuyenhoc.core.errors import DomainError, ErrorCode
from khuyenhoc.core.scope import Action, Scope, prefix_q
from khuyenhoc.core.services import require, stamp
from khuyenhoc.core.text import clean_text
from khuyenhoc.funds.models import Donation, Fund, FundCampaign, Party, Pledge, Purpose
from khuyenhoc.funds.services.common import party_named, whole_dong
from khuyenhoc.people.models import Person


@transaction.atomic
def campaign_open(
    *, actor: Any, scope: Scope, fund: Fund, name: str, purpose: str, starts_on: datetime.date,
    ends_on: datetime.date, goal: int | None = None, members_of: Any = None,
    monthly_amount: int | None = None,
) -> FundCampaign:  # fmt: skip
    """Open a collection campaign of a fund, with its period and optional goal and members."""
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
    for field, value in (("goal", goal), ("monthly_amount", monthly_amount)):
        if value is not None:
            whole_dong(value, field=field)
    campaign = FundCampaign(
        fund=fund, org_path=fund.org_path, name=name, purpose=purpose, goal=goal,
        starts_on=starts_on, ends_on=ends_on, members_of=members_of, monthly_amount=monthly_amount,
    )  # fmt: skip
    stamp(campaign, actor).save()
    return campaign


def _given(donations: QuerySet[Donation]) -> int:
    """What these donations brought, corrections taken off (a reversed donation counts for nothing)."""
    kept = donations.filter(entry__reversed_by__isnull=True)
    return kept.aggregate(s=Sum("amount"))["s"] or 0


def campaign_given(*, campaign: FundCampaign) -> int:
    """The money a campaign has brought (one sum; what the programme indicators read)."""
    return _given(campaign.donations)


@dataclass(frozen=True)
class Progress:
    given: int
    goal: int | None
    donations: int
    members: int | None  # persons expected to give (None: the campaign names no unit)
    members_given: int | None


def _members(scope: Scope, campaign: FundCampaign) -> QuerySet[Person]:
    """The persons expected to give that the user may see."""
    return Person.objects.in_scope(scope).filter(prefix_q("org_path", campaign.members_of.path))


def campaign_progress(*, scope: Scope, campaign: FundCampaign) -> Progress:
    """How far a campaign has come: money given against its goal, members (of those the user may
    see) who have given."""
    donations = campaign.donations.filter(entry__reversed_by__isnull=True)
    totals = donations.aggregate(s=Sum("amount"), n=Count("id"))
    members = members_given = None
    if campaign.members_of is not None:
        people = _members(scope, campaign)
        members = people.count()
        members_given = people.filter(Exists(donations.filter(person=OuterRef("pk")))).count()
    return Progress(totals["s"] or 0, campaign.goal, totals["n"], members, members_given)


def campaign_missing(*, scope: Scope, campaign: FundCampaign) -> QuerySet[Person]:
    """The members expected to give who have not given yet, of those the user may see (a queryset
    the page paginates)."""
    if campaign.members_of is None:
        return Person.objects.none()
    given = campaign.donations.filter(entry__reversed_by__isnull=True, person=OuterRef("pk"))
    return _members(scope, campaign).exclude(Exists(given))


@transaction.atomic
def pledge_make(
    *, actor: Any, scope: Scope, fund: Fund, donor_kind: str, total: int, instalments: int,
    first_due_on: datetime.date, every_months: int = 1, person: Any = None, household: Any = None,
    donor_name: str = "", campaign: FundCampaign | None = None,
) -> Pledge:  # fmt: skip
    """Record a promise to give `total` đồng in `instalments` payments, `every_months` apart."""
    require(scope, Action.RECORD_MONEY, fund.org_path)
    whole_dong(total, field="total")
    if not 1 <= instalments <= 120 or not 1 <= every_months <= 12:
        raise DomainError(
            ErrorCode.INVALID, _("Số lần góp 1–120, cách nhau 1–12 tháng."), field="instalments"
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


@dataclass(frozen=True)
class Instalment:
    due_on: datetime.date
    amount: int
    paid: int  # how much of this instalment is covered by what was given so far


def pledge_schedule(*, pledge: Pledge) -> tuple[list[Instalment], int, int]:
    """The instalments (the remainder on the last), what was given and what is still owed."""
    base, rest = divmod(pledge.total, pledge.instalments)
    given = _given(pledge.donations)
    left, rows = given, []
    for n in range(pledge.instalments):
        amount = base + (rest if n == pledge.instalments - 1 else 0)
        covered = min(amount, left)
        left -= covered
        rows.append(
            Instalment(_add_months(pledge.first_due_on, n * pledge.every_months), amount, covered)
        )
    return rows, given, max(pledge.total - given, 0)


def _add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)
