"""Fund balances and reports at scale (not a test; figures in docs/benchmarks.md).

    .venv/bin/python bench/funds_bench.py [--database-url URL] [--entries 1000000] [--funds 3000]
        [--runs 30]

Loads `--funds` funds (one per commune node of 30 benchmark province nodes) and `--entries` journal
entries over 2024–2025 (donations: cash or bank debited, income credited; payments: expense debited,
cash credited), two lines each, with their monthly totals, by the database's bulk path. Then times, side
by side, `--runs` times each on random funds and provinces:

  balance   funds.selectors.available (the monthly totals of one fund's assets) against the naive sum of
            that fund's asset lines;
  report    funds.selectors.report_by_month for one province's subtree and one year (the monthly
            totals, grouped by month) against the same figures grouped from the ledger lines.

Both ways are checked to give the same numbers. Default database: PostgreSQL
postgres://postgres@127.0.0.1:5432/khuyenhoc_bench_funds (created if missing). Prints RESULT lines and
writes bench/out/funds-<vendor>.json.
"""

import argparse
import datetime
import json
import random
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import OUT_DIR, migrate, setup_django

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/khuyenhoc_bench_funds"
PROVINCES, YEAR = 30, 2025


def ensure_funds(count: int) -> list:
    """`count` funds, one per commune node, under `PROVINCES` province nodes (idempotent)."""
    from khuyenhoc.funds.models import Fund
    from khuyenhoc.orgs.models import NodeKind, OrgNode, OrgSystem
    from khuyenhoc.orgs.services import orgnode_create
    from khuyenhoc.testing.factories import ROOT

    if Fund.objects.filter(code__startswith="BF-").count() == count:
        return list(Fund.objects.filter(code__startswith="BF-").order_by("id"))
    system = OrgSystem.objects.get(code="HKH")
    per_province = count // PROVINCES
    funds = []
    for p in range(PROVINCES):
        code = f"BENCHF-{p:02d}"
        province = OrgNode.objects.filter(code=code).first() or orgnode_create(
            actor=None, scope=ROOT, system=system, code=code, parent=None,
            kind=NodeKind.PROVINCE, name=f"Tỉnh thử {p}",
        )  # fmt: skip
        for c in range(per_province):
            node_code = f"{code}-{c:03d}"
            node = OrgNode.objects.filter(code=node_code).first() or orgnode_create(
                actor=None, scope=ROOT, system=system, code=node_code, parent=province,
                kind=NodeKind.COMMUNE, name=f"Xã thử {p}-{c}",
            )  # fmt: skip
            funds.append(
                Fund(
                    org_node=node,
                    org_path=node.path,
                    code=f"BF-{p:02d}-{c:03d}",
                    name=f"Quỹ {node_code}",
                )
            )
    Fund.objects.bulk_create(funds, batch_size=1000)
    return list(Fund.objects.filter(code__startswith="BF-").order_by("id"))


def load_entries(funds: list, count: int) -> None:
    """`count` entries of two lines each, and their monthly totals (what the services would keep)."""
    from django.db import connection, transaction

    from khuyenhoc.core.bulkload import allocate_ids, insert_rows
    from khuyenhoc.funds.models import JournalEntry, LedgerLine, MonthTotal

    rng = random.Random(7)
    started = time.perf_counter()
    with transaction.atomic():
        for model in (MonthTotal, LedgerLine, JournalEntry):
            model.objects.filter(fund__code__startswith="BF-").delete()
        totals: dict[tuple, int] = defaultdict(int)
        now = connection.ops.adapt_datetimefield_value(datetime.datetime.now(datetime.UTC))
        done = 0
        while done < count:
            size = min(50_000, count - done)
            ids = allocate_ids(JournalEntry, size)
            entries, lines = [], []
            for pk in ids:
                fund = rng.choice(funds)
                day = datetime.date(
                    rng.choice((2024, 2025)), rng.randint(1, 12), rng.randint(1, 28)
                )
                month = day.replace(day=1)
                if rng.random() < 0.6:
                    kind, amount = "donation", rng.randint(1, 200) * 10_000
                    pairs = (
                        ((rng.choice(("cash", "bank")), amount), ("income", -amount)),
                        "donation",
                    )
                else:
                    kind, amount = "disbursement", rng.randint(1, 100) * 10_000
                    pairs = ((("expense", amount), ("cash", -amount)), "scholarship")
                entries.append((pk, fund.pk, kind, day, f"Bút toán {pk}", now))
                for account, value in pairs[0]:
                    lines.append((pk, fund.pk, fund.org_path, account, pairs[1], month, value))
                    totals[(fund.pk, fund.org_path, account, 0, pairs[1], month)] += value
            insert_rows(
                JournalEntry._meta.db_table,
                ["id", "fund_id", "kind", "posted_on", "memo", "at"],
                entries,
            )
            insert_rows(LedgerLine._meta.db_table,
                        ["entry_id", "fund_id", "org_path", "account", "purpose", "month", "amount"], lines)  # fmt: skip
            done += size
        insert_rows(
            MonthTotal._meta.db_table,
            ["fund_id", "org_path", "account", "sub_fund_key", "purpose", "month", "total"],
            [(*key, total) for key, total in totals.items()],
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # statistics after a bulk load, on both databases
    print(f"loaded {count:,} entries in {time.perf_counter() - started:.1f} s", flush=True)


def timed(runs: int, call) -> tuple[float, list]:
    values, results = [], []
    for _ in range(runs):
        started = time.perf_counter()
        results.append(call())
        values.append((time.perf_counter() - started) * 1000)
    return statistics.median(values), results


def measure(funds: list, runs: int) -> list[dict]:
    from django.db import connection
    from django.db.models import Sum

    from khuyenhoc.core.scope import Grant, Scope, prefix_q
    from khuyenhoc.funds.models import ASSETS, Account, LedgerLine
    from khuyenhoc.funds.selectors import available, report_by_month
    from khuyenhoc.orgs.models import OrgNode

    rng = random.Random(11)
    picks = [rng.choice(funds) for _ in range(runs)]
    provinces = list(OrgNode.objects.filter(code__regex=r"^BENCHF-\d\d$"))
    regions = [rng.choice(provinces) for _ in range(runs)]
    start, end = datetime.date(YEAR, 1, 1), datetime.date(YEAR, 12, 31)
    out = []

    it = iter(picks)
    fast, fast_values = timed(runs, lambda: available(next(it), None))
    it = iter(picks)

    def naive_balance() -> int:
        fund = next(it)
        lines = LedgerLine.objects.filter(fund=fund, account__in=ASSETS, sub_fund__isnull=True)
        return lines.aggregate(s=Sum("amount"))["s"] or 0

    slow, slow_values = timed(runs, naive_balance)
    assert fast_values == slow_values, "the two ways disagree on a balance"
    out.append(
        {"measure": "fund balance", "summary_ms": round(fast, 2), "naive_ms": round(slow, 2)}
    )

    it = iter(regions)

    def summary_report() -> list:
        province = next(it)
        scope = Scope(user_id=None, grants=(Grant(province.path, "viewer"),))
        rows = report_by_month(scope=scope, start=start, end=end, under=province.path)
        return [(r.month, r.income, r.spending) for r in rows]

    fast, fast_values = timed(runs, summary_report)
    it = iter(regions)

    def naive_report() -> list:
        province = next(it)
        lines = LedgerLine.objects.filter(
            prefix_q("org_path", province.path), month__gte=start, month__lte=end,
            account__in=(Account.INCOME, Account.EXPENSE),
        ).values_list("month", "account").annotate(s=Sum("amount")).order_by("month")  # fmt: skip
        rows: dict = {}
        for month, account, total in lines:
            row = rows.setdefault(month, [month, 0, 0])
            row[1 if account == Account.INCOME else 2] += (
                -total if account == Account.INCOME else total
            )
        return [tuple(r) for r in rows.values()]

    slow, slow_values = timed(runs, naive_report)
    assert fast_values == slow_values, "the two ways disagree on a report"
    out.append({"measure": "province income/spending by month, one year", "summary_ms": round(fast, 2),
                "naive_ms": round(slow, 2)})  # fmt: skip
    for row in out:
        row["database"] = connection.vendor
        print("RESULT " + json.dumps(row, ensure_ascii=False), flush=True)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--funds", type=int, default=3_000)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    if args.database_url.startswith("postgres"):
        from run_all import ensure_pg_database

        ensure_pg_database(args.database_url)
    setup_django(args.database_url)
    migrate()
    from django.db import connection

    from khuyenhoc.funds.models import JournalEntry

    funds = ensure_funds(args.funds)
    if JournalEntry.objects.filter(fund__code__startswith="BF-").count() != args.entries:
        load_entries(funds, args.entries)
    results = measure(funds, args.runs)
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    (OUT_DIR / f"funds-{connection.vendor}.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
