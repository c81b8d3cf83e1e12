"""Reads for funds, always inside the user's scope; balances and reports read the monthly totals."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q, QuerySet, Sum

from khuyenhoc.core.errors import NotFoundError
from khuyenhoc.core.pagination import KeysetPage, keyset_paginate
from khuyenhoc.core.scope import Grant, Role, Scope, prefix_q
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


def named_donors(*, fund: Fund, limit: int = 200) -> QuerySet[Donation]:
    """Donors who agreed to be named, largest gifts first (the public page)."""
    kept = Q(named_publicly=True) & Q(entry__reversed_by__isnull=True)
    return fund.donations.filter(kept).order_by("-amount", "-received_on")[:limit]


def pending_payments(*, scope: Scope, fund: Fund) -> QuerySet[Disbursement]:
    return disbursement_list(scope=scope, fund=fund, status=PaymentStatus.DRAFT)
