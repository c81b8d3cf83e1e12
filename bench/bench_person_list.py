"""Time the subtree-scoped person list and name search (not a test; see docs/benchmarks.md).

    .venv/bin/python bench/bench_person_list.py --database-url URL [--province 40] [--json PATH]

Each case materialises one page of 50 persons in name order, after a warm-up, many times, and reports
the median and p95 in milliseconds, by two paths:

- naive: person_list(...) through keyset_paginate(order=("name_key", "id")), the selector as such;
- page: khuyenhoc.people.listing.person_page(...), what the person list view and the API call (skipped
  if the module is missing).

The query plans of the queries each path runs are printed too (EXPLAIN ANALYZE on PostgreSQL, EXPLAIN
QUERY PLAN on SQLite), to check which indexes are used. Run generate_persons.py on the database first.
"""

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import load_tree, migrate, percentile, setup_django

ORDER = ("name_key", "id")
PAGE = 50
PLANNED = {"a", "b", "e"}  # the brief asks for these plans; --all-plans prints every case's


@dataclass
class Case:
    key: str
    label: str
    scope: object
    search: str = ""
    cursor: str | None = None


def time_case(run: Callable[[], object], *, reps: int, budget: float, warmup: int) -> list[float]:
    """Milliseconds of `reps` runs of `run` (fewer if `budget` seconds run out, never under 5)."""
    for _ in range(warmup):
        run()
    times: list[float] = []
    deadline = time.perf_counter() + budget
    while len(times) < reps and (len(times) < 5 or time.perf_counter() < deadline):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    return times


def explain_queries(run: Callable[[], object]) -> str:
    """Run `run` once, capturing its SQL, and return each query with its plan."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        run()
    parts = []
    with connection.cursor() as cursor:
        for n, query in enumerate(captured.captured_queries, 1):
            sql = query["sql"]
            if connection.vendor == "postgresql":
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
                plan = "\n".join(row[0] for row in cursor.fetchall())
            else:
                cursor.execute("EXPLAIN QUERY PLAN " + sql)
                plan = "\n".join(" ".join(str(c) for c in row) for row in cursor.fetchall())
            short = sql if len(sql) < 400 else sql[:150] + " … " + sql[-250:]
            parts.append(f"[query {n}, {query['time']} s] {short}\n{plan}")
    return "\n".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--province", default="40")
    parser.add_argument("--reps", type=int, default=50, help="timed runs per case")
    parser.add_argument("--budget", type=float, default=15.0, help="seconds per case at most")
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--all-plans", action="store_true", help="print the plans of every case")
    parser.add_argument("--json", help="write the figures to this file as JSON")
    args = parser.parse_args()

    setup_django(args.database_url)
    migrate()
    from django.db import connection

    from khuyenhoc.core.pagination import keyset_paginate
    from khuyenhoc.core.scope import Grant, Scope, prefix_q
    from khuyenhoc.people.listing import person_page
    from khuyenhoc.people.models import Person
    from khuyenhoc.people.selectors import person_list

    load_before = os.getloadavg()
    tree = load_tree(args.province)
    commune_node = tree.communes[0]
    branch_node = tree.branches_of(commune_node)[0]

    def scope_of(node: object) -> Scope:
        return Scope(user_id=1, grants=(Grant(node.path, "clerk"),))

    province_scope = scope_of(tree.province)
    commune_scope = scope_of(commune_node)
    branch_scope = scope_of(branch_node)

    everyone = Person.objects.filter(prefix_q("org_path", tree.province.path))
    total = everyone.count()
    in_commune = everyone.filter(prefix_q("org_path", commune_node.path)).count()
    in_branch = everyone.filter(prefix_q("org_path", branch_node.path)).count()
    vendor = connection.vendor
    print(f"[{vendor}] {total:,} persons; commune node {in_commune:,}; branch node {in_branch:,}")

    def selector_page(scope: Scope, search: str = "", cursor: str | None = None) -> object:
        return keyset_paginate(person_list(scope=scope, search=search), order=ORDER, cursor=cursor)

    # (d) follow next_cursor 20 times from the first page (untimed); the timed fetch is the 21st page.
    cursor = None
    for _ in range(20):
        cursor = selector_page(province_scope, cursor=cursor).next_cursor
    deep_cursor = cursor
    # (d') a cursor in the middle of the province's name order: does the keyset condition seek in the
    # index, or does the query walk every row before the cursor (what OFFSET would cost)?
    middle = total // 2
    middle_key = (
        everyone.order_by(*ORDER).values_list("name_key", flat=True)[middle : middle + 1].get()
    )
    middle_cursor = keyset_paginate(
        person_list(scope=province_scope).filter(name_key__gte=middle_key), order=ORDER, cursor=None
    ).next_cursor
    third = total // 3
    sample_cccd = everyone.order_by("id").values_list("cccd", flat=True)[third : third + 1].get()

    cases = [
        Case("a", "province scope, first page", province_scope),
        Case("b", "commune-node scope, first page", commune_scope),
        Case("c", "branch scope, first page", branch_scope),
        Case(
            "d", "province scope, 21st page (20 next_cursor hops)", province_scope, "", deep_cursor
        ),
        Case(
            "d'",
            "province scope, page in the middle of the list",
            province_scope,
            "",
            middle_cursor,
        ),
        Case("e", 'search "nguyen van an", province scope', province_scope, "nguyen van an"),
        Case("e'", 'search "nguyen van an", commune-node scope', commune_scope, "nguyen van an"),
        Case("f", 'search rare given name "khue", province scope', province_scope, "khue"),
        Case("g", 'search 2 letters "an", province scope', province_scope, "an"),
        Case("h", "search exact CCCD, province scope", province_scope, sample_cccd),
        Case("i", 'search family name "nguyen", province scope', province_scope, "nguyen"),
    ]
    variants: dict[str, Callable[[Case], object]] = {
        "naive": lambda c: selector_page(c.scope, c.search, c.cursor),
    }
    variants["page"] = lambda c: person_page(scope=c.scope, search=c.search, cursor=c.cursor)

    results, plans = [], {}
    for case in cases:
        matches = None
        if case.search:
            matches = person_list(scope=case.scope, search=case.search).count()
        for variant, fetch in variants.items():

            def run(case: Case = case, fetch: Callable = fetch) -> object:
                page = fetch(case)
                assert len(page.items) <= PAGE
                return page

            page = run()
            times = sorted(time_case(run, reps=args.reps, budget=args.budget, warmup=args.warmup))
            row = {
                "case": case.key,
                "label": case.label,
                "variant": variant,
                "rows_on_page": len(page.items),
                "first_row": page.items[0].name_key if page.items else None,
                "matches": matches,
                "runs": len(times),
                "median_ms": round(statistics.median(times), 2),
                "p95_ms": round(percentile(times, 0.95), 2),
                "min_ms": round(times[0], 2),
                "max_ms": round(times[-1], 2),
            }
            results.append(row)
            found = f", {matches:,} matches" if matches is not None else ""
            print(
                f"({case.key}) {case.label} [{variant}]: median {row['median_ms']:.2f} ms, "
                f"p95 {row['p95_ms']:.2f} ms [{row['runs']} runs, {row['rows_on_page']} rows{found}]",
                flush=True,
            )
            if args.all_plans or case.key in PLANNED:
                plans[f"{case.key} {variant}"] = explain_queries(run)

    for name, plan in plans.items():
        key, variant = name.split()
        label = next(c.label for c in cases if c.key == key)
        print(f"\n--- EXPLAIN ({key}) {label} [{variant}] ---\n{plan}")

    load_after = os.getloadavg()
    print(f"\n[{vendor}] load average before {load_before[0]:.2f}, after {load_after[0]:.2f}")
    if args.json:
        Path(args.json).write_text(
            json.dumps(
                {
                    "database": vendor,
                    "persons": total,
                    "commune_node_persons": in_commune,
                    "branch_node_persons": in_branch,
                    "variants": list(variants),
                    "load_average_before": load_before,
                    "load_average_after": load_after,
                    "cases": results,
                    "plans": plans,
                },
                indent=2,
                ensure_ascii=False,
            )
        )


if __name__ == "__main__":
    main()
