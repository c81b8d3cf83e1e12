"""No sequence of donations, payments and corrections breaks the ledger's invariants (hypothesis), with
amounts up to MAX_AMOUNT: every balance, report and public total equals the sum of the entries, exactly."""

import itertools
from collections import defaultdict

from django.db.models import Sum
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from khuyenhoc.core import clock
from khuyenhoc.core.errors import DomainError
from khuyenhoc.core.middleware import scope_for_user
from khuyenhoc.core.money import MAX_AMOUNT
from khuyenhoc.core.numbers import number_text
from khuyenhoc.funds.models import ASSETS, Donation, LedgerLine, MonthTotal
from khuyenhoc.funds.selectors import available
from khuyenhoc.funds.services.corrections import correction_post
from khuyenhoc.funds.services.disbursements import disbursement_approve, disbursement_draft
from khuyenhoc.funds.services.donations import donation_create
from khuyenhoc.funds.services.funds import fund_open, sub_fund_open

_serial = itertools.count()
AMOUNT = st.one_of(
    st.integers(min_value=1, max_value=5_000_000), st.integers(min_value=1, max_value=MAX_AMOUNT)
)
WHERE = st.sampled_from([None, 0, 1])  # unrestricted money, or one of two sub-funds
METHOD = st.sampled_from(["cash", "transfer", "in_kind"])
OPERATION = st.one_of(
    st.tuples(st.just("give"), AMOUNT, WHERE, METHOD),
    st.tuples(st.just("pay"), AMOUNT, WHERE, st.sampled_from(["cash", "transfer"])),
    st.tuples(st.just("undo"), st.integers(min_value=0, max_value=20)),
)


def _run(world, operations):
    clerk, province = scope_for_user(world.clerk_a), scope_for_user(world.province_admin)
    n = next(_serial)
    fund = fund_open(
        actor=None, scope=clerk, org_node=world.commune_a, code=f"Q{n}", name="Quỹ", is_public=True
    )
    subs = [
        sub_fund_open(actor=None, scope=clerk, fund=fund, code=f"S{i}", name=f"S{i}")
        for i in (0, 1)
    ]
    done = []
    for op in operations:
        try:
            if op[0] == "give":
                _, amount, where, method = op
                done.append(donation_create(
                    actor=world.clerk_a, scope=clerk, fund=fund, amount=amount, method=method,
                    donor_kind="anonymous", goods="sách", sub_fund=None if where is None else subs[where],
                ))  # fmt: skip
            elif op[0] == "pay":
                _, amount, where, method = op
                sub = None if where is None else subs[where]
                before = available(fund, sub)
                draft = disbursement_draft(
                    actor=world.clerk_a, scope=clerk, fund=fund, amount=amount, method=method,
                    purpose="scholarship", beneficiary_kind="organisation", beneficiary_name="Trường",
                    sub_fund=sub,
                )  # fmt: skip
                try:
                    done.append(disbursement_approve(actor=world.province_admin, scope=province,
                                                     disbursement=draft))  # fmt: skip
                except DomainError:
                    assert amount > before  # refused only when the money is not there
            elif done:
                correction_post(
                    actor=None, scope=clerk, record=done[op[1] % len(done)], reason="Sửa"
                )
        except DomainError:
            pass  # a refused correction (already undone, or the money spent) changes nothing
    return fund, subs


def _check_invariants(fund, subs):
    lines = LedgerLine.objects.filter(fund=fund)
    per_entry = lines.values("entry").annotate(s=Sum("amount"))
    assert all(row["s"] == 0 for row in per_entry)
    recomputed = defaultdict(int)
    for account, sub, purpose, month, amount in lines.values_list(
        "account", "sub_fund_id", "purpose", "month", "amount"
    ):
        recomputed[(account, sub or 0, purpose, month)] += amount
    kept = {
        (t.account, t.sub_fund_key, t.purpose, t.month): t.total
        for t in MonthTotal.objects.filter(fund=fund)
    }
    assert {k: v for k, v in kept.items() if v} == {k: v for k, v in recomputed.items() if v}
    for sub in [None, *subs]:
        assets = lines.filter(account__in=ASSETS, sub_fund=sub).aggregate(s=Sum("amount"))["s"] or 0
        assert available(fund, sub) == assets >= 0
    numbers = sorted(
        int(n[-6:]) for n in Donation.objects.filter(fund=fund).values_list("receipt_no", flat=True)
    )
    assert numbers == list(range(1, len(numbers) + 1))


def _expected(fund):
    """What the entries say, summed in Python: (held, income, spending) of the fund."""
    lines = list(LedgerLine.objects.filter(fund=fund).values_list("account", "amount"))
    held = sum(a for account, a in lines if account in ASSETS)
    income = -sum(a for account, a in lines if account == "income")
    spending = sum(a for account, a in lines if account == "expense")
    return held, income, spending


def _check_pages(client, fund):
    """The fund page, the monthly report and the public page show those sums, to the đồng."""
    held, income, spending = _expected(fund)
    assert held == income - spending  # every entry is today's: this year's flows are the balance
    detail = client.get(reverse("funds:fund-detail", args=[fund.pk]))
    assert sum(amount for _sub, amount in detail.context["balances"]) == held
    assert all(type(amount) is int for _sub, amount in detail.context["balances"])
    for page in (detail, client.get(reverse("funds:public", args=[fund.code]))):
        months = page.context["months"]
        assert (sum(m.income for m in months), sum(m.spending for m in months)) == (
            income,
            spending,
        )
        html = page.content.decode()
        assert all(f">{number_text(m.income)}<" in html for m in months)
    # The report sums every fund of the clerk's subtree (earlier examples' funds too).
    report = client.get(reverse("funds:report"))
    year_lines = LedgerLine.objects.filter(
        org_path__startswith=fund.org_path, month__year=clock.today().year
    )
    flows = dict(year_lines.values_list("account").annotate(s=Sum("amount")))
    assert report.context["totals"] == (-flows.get("income", 0), flows.get("expense", 0))
    assert f">{number_text(report.context['totals'][0])}<" in report.content.decode()


def test_no_sequence_of_operations_breaks_the_ledger(world, client):
    client.force_login(world.clerk_a)

    @settings(
        max_examples=40, deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )  # fmt: skip
    @given(st.lists(OPERATION, max_size=14))
    def check(operations):
        fund, subs = _run(world, operations)
        _check_invariants(fund, subs)
        _check_pages(client, fund)

    check()
