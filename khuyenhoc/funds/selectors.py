"""Reads for funds, always inside the user's scope; balances and reports read the monthly totals."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from khuyenhoc.core.errors import NotFoundError
from khuyenhoc.core.pagination import KeysetPage, keyset_paginate
from khuyenhoc.core.scope import Grant, Role, Scope, prefix_q
from khuyenhoc.funds import vietqr
from khuyenhoc.funds.models import (
    ASSETS,
    Account,
    Disbursement,
    Donation,
    Fund,
    FundCampaign,
    MonthTotal,
    PaymentStatus,
    Pledge,
    SubFund,
    TransferRequest,
)
from khuyenhoc.people.models import Membership, MembershipKind, Person


def fund_list(*, scope: Scope) -> QuerySet[Fund]:
    """The funds of the user's subtree."""
    return (
        Fund.objects.filter(scope.q("org_path"))
        .select_related("org_node")
        .order_by("org_path", "code")
    )


def fund_get(*, scope: Scope, pk: int) -> Fund:
    found = fund_list(scope=scope).filter(pk=pk).first()
    if found is None:
        raise NotFoundError("Fund")
    return found


def public_fund_get(*, code: str) -> Fund:
    """A fund whose managers publish its accounts (anyone may read them)."""
    found = (
        Fund.objects.filter(code=code.upper(), is_public=True).select_related("org_node").first()
    )
    if found is None:
        raise NotFoundError("Fund")
    return found


def public_scope(fund: Fund) -> Scope:
    """What the public page may read: this fund's subtree only."""
    return Scope(user_id=None, grants=(Grant(fund.org_path, Role.VIEWER),))


def balances(*, fund: Fund) -> list[tuple[SubFund | None, int]]:
    """What the fund holds: its unrestricted money first, then each sub-fund (one grouped query)."""
    totals = dict(
        MonthTotal.objects.filter(fund=fund, account__in=ASSETS)
        .values_list("sub_fund_key")
        .annotate(s=Sum("total"))
        .values_list("sub_fund_key", "s")
    )
    rows: list[tuple[SubFund | None, int]] = [(None, totals.get(0, 0))]
    rows += [(sub, totals.get(sub.pk, 0)) for sub in fund.sub_funds.order_by("code")]
    return rows


def available(fund: Fund, sub_fund: SubFund | None) -> int:
    """What the fund holds for `sub_fund` (None: its unrestricted money), from the monthly totals."""
    totals = MonthTotal.objects.filter(
        fund=fund, account__in=ASSETS, sub_fund_key=sub_fund.pk if sub_fund else 0
    )
    return totals.aggregate(s=Sum("total"))["s"] or 0


@dataclass
class MonthRow:
    month: datetime.date
    income: int = 0
    spending: int = 0


def report_by_month(
    *,
    scope: Scope,
    start: datetime.date,
    end: datetime.date,
    under: str = "",
    fund: Fund | None = None,
) -> list[MonthRow]:
    """Income and spending by month, for one fund or every fund of a subtree (`under`, a node path)
    inside the scope — one grouped query over the monthly totals."""
    totals = MonthTotal.objects.filter(
        scope.q("org_path"), month__gte=start.replace(day=1), month__lte=end
    )
    totals = (
        totals.filter(fund=fund) if fund is not None else totals.filter(prefix_q("org_path", under))
    )
    grouped = (
        totals.filter(account__in=(Account.INCOME, Account.EXPENSE))
        .values_list("month", "account")
        .annotate(s=Sum("total"))
        .order_by("month")
    )
    rows: dict[datetime.date, MonthRow] = {}
    for month, account, total in grouped:
        row = rows.setdefault(month, MonthRow(month))
        if account == Account.INCOME:
            row.income = -total  # income is credited: negative on the ledger
        else:
            row.spending = total
    return list(rows.values())


def report_by_purpose(
    *, scope: Scope, fund: Fund, start: datetime.date, end: datetime.date
) -> dict:
    """Income and spending of one fund by purpose over a period: {purpose: (income, spending)}."""
    totals = MonthTotal.objects.filter(
        scope.q("org_path"), fund=fund, month__gte=start.replace(day=1), month__lte=end,
        account__in=(Account.INCOME, Account.EXPENSE),
    ).values_list("purpose", "account").annotate(s=Sum("total"))  # fmt: skip
    found: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for purpose, account, total in totals:
        if account == Account.INCOME:
            found[purpose][0] -= total  # income is credited: negative on the ledger
        else:
            found[purpose][1] += total
    return {purpose: tuple(pair) for purpose, pair in found.items()}


def donation_page(*, scope: Scope, fund: Fund, cursor: str | None = None) -> KeysetPage:
    rows = Donation.objects.filter(scope.q("org_path"), fund=fund).select_related(
        "entry__reversed_by"
    )
    return keyset_paginate(rows, order=("-received_on", "-id"), cursor=cursor)


def donation_get(*, scope: Scope, pk: int) -> Donation:
    found = (
        Donation.objects.filter(scope.q("org_path"), pk=pk).select_related("fund__org_node").first()
    )
    if found is None:
        raise NotFoundError("Donation")
    return found


def disbursement_list(*, scope: Scope, fund: Fund, status: str = "") -> QuerySet[Disbursement]:
    rows = Disbursement.objects.filter(scope.q("org_path"), fund=fund).select_related("drafted_by")
    return rows.filter(status=status) if status else rows


def disbursement_get(*, scope: Scope, pk: int) -> Disbursement:
    found = (
        Disbursement.objects.filter(scope.q("org_path"), pk=pk)
        .select_related("fund__org_node")
        .first()
    )
    if found is None:
        raise NotFoundError("Disbursement")
    return found


def campaign_list(*, fund: Fund) -> QuerySet[FundCampaign]:
    return fund.campaigns.select_related("members_of").order_by("-starts_on", "-id")


def campaign_get(*, scope: Scope, pk: int) -> FundCampaign:
    found = (
        FundCampaign.objects.filter(scope.q("org_path"), pk=pk)
        .select_related("fund", "members_of")
        .first()
    )
    if found is None:
        raise NotFoundError("FundCampaign")
    return found


def pledge_list(*, fund: Fund) -> QuerySet[Pledge]:
    return fund.pledges.order_by("first_due_on", "id")


def pledge_get(*, scope: Scope, pk: int) -> Pledge:
    found = Pledge.objects.filter(scope.q("org_path"), pk=pk).select_related("fund").first()
    if found is None:
        raise NotFoundError("Pledge")
    return found


def transfer_requests_open(*, fund: Fund) -> QuerySet[TransferRequest]:
    return fund.transfer_requests.filter(donation__isnull=True).order_by("-created_at", "-id")


def transfer_request_get(*, scope: Scope, pk: int) -> TransferRequest:
    found = (
        TransferRequest.objects.filter(scope.q("org_path"), pk=pk).select_related("fund").first()
    )
    if found is None:
        raise NotFoundError("TransferRequest")
    return found


def vietqr_payload(request: TransferRequest) -> str:
    """What the request's VietQR code encodes: the fund's account, the amount, the reference."""
    fund = request.fund
    return vietqr.payload(
        bank_bin=fund.bank_bin, account=fund.bank_account, amount=request.amount,
        reference=request.reference,
    )  # fmt: skip


def named_donors(*, fund: Fund, limit: int = 200) -> QuerySet[Donation]:
    """Donors who agreed to be named, largest gifts first (the public page)."""
    kept = Q(named_publicly=True) & Q(entry__reversed_by__isnull=True)
    return fund.donations.filter(kept).order_by("-amount", "-received_on")[:limit]


def pending_payments(*, scope: Scope, fund: Fund) -> QuerySet[Disbursement]:
    return disbursement_list(scope=scope, fund=fund, status=PaymentStatus.DRAFT)


# Campaigns and pledges. A campaign may name the unit whose members are expected to give (one day's
# salary, the piggy bank of at least 10,000 đồng a month): its members are the persons holding a
# current membership of the campaign's kinds in a node under that unit — never every person the unit
# manages (children, residents). Who has given and who has not is read from those memberships and the
# campaign's donations (a semi-join on indexed columns, a page at a time). A pledge is paid by the
# donations recorded against it; its schedule splits the total into instalments.


def _given(donations: QuerySet[Donation]) -> int:
    """What these donations brought, corrections taken off (a reversed donation counts for nothing)."""
    kept = donations.filter(entry__reversed_by__isnull=True)
    return kept.aggregate(s=Sum("amount"))["s"] or 0


def campaign_given(*, campaign: FundCampaign) -> int:
    """The money a campaign has brought (one sum; what the programme indicators read)."""
    return _given(campaign.donations.all())


@dataclass(frozen=True)
class Progress:
    given: int
    goal: int | None
    donations: int
    members: int | None  # persons expected to give (None: the campaign names no unit)
    members_given: int | None


def _members(scope: Scope, campaign: FundCampaign) -> QuerySet[Person]:
    """The campaign's members that the user may see: persons with a membership of the campaign's
    kinds under `members_of`, not ended and begun by the campaign's end (one query: a prefix range on
    the memberships' indexed path; a person with two such memberships counts once)."""
    if campaign.members_of is None:
        return Person.objects.none()
    held = Membership.objects.filter(
        scope.q("org_path"), prefix_q("org_path", campaign.members_of.path),
        Q(started_on__isnull=True) | Q(started_on__lte=campaign.ends_on), ended_on__isnull=True,
    )  # fmt: skip
    if campaign.kinds:
        held = held.filter(kind__in=campaign.kinds)
    return Person.objects.in_scope(scope).filter(pk__in=held.values("person_id"))


def campaign_members_text(*, campaign: FundCampaign) -> str:
    """Who counts as a member of the campaign, in a sentence ("" when it names no unit)."""
    if campaign.members_of is None:
        return ""
    kinds = ", ".join(str(MembershipKind(k).label).lower() for k in campaign.kinds)
    node = campaign.members_of.name
    if not kinds:
        return _("Thành viên: mọi người đang là thành viên thuộc %(node)s.") % {"node": node}
    return _("Thành viên: %(kinds)s thuộc %(node)s.") % {"kinds": kinds, "node": node}


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


@dataclass(frozen=True)
class Instalment:
    due_on: datetime.date
    amount: int
    paid: int  # how much of this instalment is covered by what was given so far


def pledge_schedule(*, pledge: Pledge) -> tuple[list[Instalment], int, int]:
    """The instalments (the remainder on the last), what was given and what is still owed."""
    base, rest = divmod(pledge.total, pledge.instalments)
    given = _given(pledge.donations.all())
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
