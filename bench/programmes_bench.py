"""The province → commune plan-versus-actual table at national scale (not a test; figures in
docs/benchmarks.md).

    .venv/bin/python bench/programmes_bench.py [--database-url URL] [--registrations 10000000]
        [--runs 30]

Loads `--registrations` learning-title registrations spread over the 34 provinces and 3,321 communes of
the reference data (five titles, two years, every status; managed by one benchmark node per province
and a path segment per commune), by the database's bulk path, then recounts the title tallies from them
(`tallies_rebuild`, timed). A benchmark programme gets a "recognised as learning citizen" indicator with
a target for every commune. Then times, side by side, `--runs` times each on random provinces:

  tallies    reports.indicators.commune_table — the communes, their targets and their counts grouped
             from the tallies (what the dashboard and the reviews run);
  group by   the same table with the counts grouped from the registrations themselves (a plain GROUP
             BY on the schema's indexes, which do not lead with the province);
  group by+  the same, after the benchmark adds an index leading with (province, year, title, status,
             commune) — the best a GROUP BY over the registrations can do;
  duckdb     DuckDB (in-process, columnar) grouping the same rows, exported once to its own table:
             the counts alone, as the practical limit for a scan.

All four are checked to give the same counts. Default database: PostgreSQL
postgres://postgres@127.0.0.1:5432/khuyenhoc_bench_programmes (created if missing). Prints RESULT lines
and writes bench/out/programmes-<vendor>.json.
"""

import argparse
import bisect
import csv
import datetime
import json
import random
import statistics
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import OUT_DIR, migrate, setup_django

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/khuyenhoc_bench_programmes"
YEARS = (2025, 2026)
YEAR = 2026
TITLES = (("citizen", 0.70), ("family", 0.20), ("unit", 0.05), ("clan", 0.03), ("community", 0.02))
STATUSES = (("recognised", 0.55), ("verified", 0.10), ("self_assessed", 0.15), ("registered", 0.12),
            ("returned", 0.03), ("refused", 0.04), ("revoked", 0.01))  # fmt: skip
BENCH_INDEX = "bench_registration_place"


def _cumulative(pairs: tuple) -> tuple[list, list]:
    """Values and their cumulative weights, normalised to end at 1, for bisect."""
    total, values, bounds = 0.0, [], []
    for value, weight in pairs:
        total += weight
        values.append(value)
        bounds.append(total)
    return values, [b / total for b in bounds]


def setup_programme() -> tuple:
    """One benchmark node per province, a campaign per province, title and year, and a programme with
    a learning-citizen indicator and a target for every commune (idempotent)."""
    from khuyenhoc.orgs.models import NodeKind, OrgNode, OrgSystem
    from khuyenhoc.orgs.services import orgnode_create
    from khuyenhoc.places.models import AdminUnit, Level
    from khuyenhoc.programmes.models import Indicator, Programme, Target
    from khuyenhoc.testing.factories import ROOT
    from khuyenhoc.titles.models import Campaign, CriteriaSet

    system = OrgSystem.objects.get(code="HKH")
    provinces = list(AdminUnit.objects.filter(level=Level.PROVINCE).order_by("code"))
    nodes = {}
    for province in provinces:
        code = f"BENCHP-{province.code}"
        nodes[province.code] = OrgNode.objects.filter(code=code).first() or orgnode_create(
            actor=None, scope=ROOT, system=system, code=code, parent=None, kind=NodeKind.PROVINCE,
            name=f"Hội Khuyến học thử {province.name}", place=province,
        )  # fmt: skip
    campaigns = {}
    for province in provinces:
        node = nodes[province.code]
        for title, _ in TITLES:
            for year in YEARS:
                campaign = Campaign.objects.filter(org_node=node, title=title, year=year).first()
                campaigns[(province.code, title, year)] = campaign or Campaign.objects.create(
                    title=title, year=year, name=f"Thử {title} {year}", org_node=node,
                    org_path=node.path, registration_until=datetime.date(year, 6, 30),
                    self_assessment_until=datetime.date(year, 8, 31),
                    verification_until=datetime.date(year, 10, 31),
                    decision_until=datetime.date(year, 12, 31),
                )  # fmt: skip
    criteria = {t: CriteriaSet.objects.filter(title=t).order_by("id").first() for t, _ in TITLES}
    programme = Programme.objects.filter(code="BENCH-CTPH").first()
    if programme is None:
        lead = nodes[provinces[0].code]
        programme = Programme.objects.create(
            code="BENCH-CTPH", title="Chương trình thử", signed_on=datetime.date(2025, 1, 1),
            starts_year=2025, ends_year=2030, lead=lead, org_path=lead.path,
        )  # fmt: skip
    indicator = Indicator.objects.filter(programme=programme, code="CDHT").first()
    indicator = indicator or Indicator.objects.create(
        programme=programme, code="CDHT", name="Người dân được công nhận Công dân học tập",
        unit="percent", source="recognised", title="citizen", base_label="số dân",
    )  # fmt: skip
    if not Target.objects.filter(indicator=indicator).exists():
        communes = AdminUnit.objects.filter(level=Level.COMMUNE)
        Target.objects.bulk_create(
            [
                Target(
                    indicator=indicator,
                    year=YEAR,
                    place=c,
                    province_code=c.province_code,
                    org_path=programme.org_path,
                    value=85,
                    base=2500,
                )
                for c in communes
            ],
            batch_size=2000,
        )
    return nodes, campaigns, criteria, indicator


def load_registrations(count: int, nodes: dict, campaigns: dict, criteria: dict) -> None:
    """`count` registrations, deterministic, by COPY (PostgreSQL) or executemany (SQLite)."""
    from django.db import connection, transaction

    from khuyenhoc.core.bulkload import allocate_ids, insert_rows
    from khuyenhoc.places.models import AdminUnit, Level
    from khuyenhoc.titles.models import Registration
    from khuyenhoc.titles.services.tallies import tallies_rebuild

    communes = list(
        AdminUnit.objects.filter(level=Level.COMMUNE)
        .order_by("code")
        .values_list("code", "province_code")
    )
    titles, title_bounds = _cumulative(TITLES)
    statuses, status_bounds = _cumulative(STATUSES)
    rng = random.Random(20250701)  # the day of the reform
    now = connection.ops.adapt_datetimefield_value(datetime.datetime.now(datetime.UTC))
    columns = ["id", "created_at", "updated_at", "campaign_id", "title", "year", "subject_kind",
               "subject_key", "subject_name", "criteria_set_id", "org_path", "province_code",
               "commune_code", "status", "band"]  # fmt: skip
    started = time.perf_counter()
    with transaction.atomic():
        ids = [c.pk for c in campaigns.values()]
        with connection.cursor() as cursor:  # no history rows for benchmark data
            marks = ", ".join(["%s"] * len(ids))
            cursor.execute(
                f'DELETE FROM "{Registration._meta.db_table}" WHERE "campaign_id" IN ({marks})',
                ids,
            )
        done = 0
        while done < count:
            size = min(100_000, count - done)
            rows = []
            for pk in allocate_ids(Registration, size):
                commune, province = communes[rng.randrange(len(communes))]
                title = titles[min(bisect.bisect(title_bounds, rng.random()), len(titles) - 1)]
                status = statuses[
                    min(bisect.bisect(status_bounds, rng.random()), len(statuses) - 1)
                ]
                year = YEARS[rng.random() < 0.5]
                node = nodes[province]
                rows.append((
                    pk, now, now, campaigns[(province, title, year)].pk, title, year, "person",
                    f"b:{pk}", f"Người thử {pk}", criteria[title].pk, f"{node.path}{commune}.",
                    province, commune, status, "",
                ))  # fmt: skip
            insert_rows(Registration._meta.db_table, columns, rows)
            done += size
            print(f"  {done:,} registrations", flush=True)
    loaded = time.perf_counter() - started
    started = time.perf_counter()
    with transaction.atomic():
        tallies = tallies_rebuild()
    rebuilt = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"loaded {count:,} registrations in {loaded:.1f} s; {tallies:,} tallies rebuilt in "
          f"{rebuilt:.1f} s", flush=True)  # fmt: skip
    (OUT_DIR / f"programmes-load-{connection.vendor}.json").write_text(
        json.dumps(
            {
                "registrations": count,
                "load_s": round(loaded, 1),
                "tallies": tallies,
                "tallies_rebuild_s": round(rebuilt, 1),
            }
        )
    )


def timed(runs: int, call: Callable[[], object]) -> tuple[float, float, list]:
    values, results = [], []
    for _ in range(runs):
        started = time.perf_counter()
        results.append(call())
        values.append((time.perf_counter() - started) * 1000)
    values.sort()
    return statistics.median(values), values[int(len(values) * 0.95) - 1], results


def table_from_registrations(indicator: object, year: int, province: object) -> list:
    """The same table as commune_table, with the counts grouped from the registrations."""
    from django.db.models import Count

    from khuyenhoc.places.models import AdminUnit, Level
    from khuyenhoc.programmes.models import Target
    from khuyenhoc.reports.indicators import PlaceRow, figure
    from khuyenhoc.titles.models import Registration

    communes = list(
        AdminUnit.objects.filter(level=Level.COMMUNE, parent=province).order_by("name_key")
    )
    targets = {
        t.place_id: t
        for t in Target.objects.filter(
            indicator=indicator, year=year, province_code=province.code, place__level=Level.COMMUNE
        ).select_related("indicator", "place")
    }
    counts = dict(
        Registration.objects.filter(
            year=year, title=indicator.title, status="recognised", province_code=province.code
        )
        .values_list("commune_code")
        .annotate(n=Count("id"))
        .values_list("commune_code", "n")
    )
    rows = []
    for commune in communes:
        count = counts.get(commune.code, 0)
        target = targets.get(commune.pk)
        rows.append(PlaceRow(commune, figure(target, Decimal(count)) if target else None, count))
    return rows


def duckdb_table(path: Path) -> object:
    """The registrations' counted columns in a DuckDB table (exported once, then reused)."""
    import duckdb
    from django.db import connection

    from khuyenhoc.titles.models import Registration

    database = duckdb.connect(str(path))
    have = database.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'registrations'"
    ).fetchone()[0]
    expected = Registration.objects.filter(campaign__org_node__code__startswith="BENCHP-").count()
    if have and database.execute("SELECT count(*) FROM registrations").fetchone()[0] == expected:
        return database
    export = path.with_suffix(".csv")
    started = time.perf_counter()
    with connection.cursor() as cursor, open(export, "w", newline="") as out:
        select = (
            'SELECT "province_code", "commune_code", "year", "title", "status" FROM '
            f'"{Registration._meta.db_table}"'
        )
        if connection.vendor == "postgresql":
            with cursor.copy(f"COPY ({select}) TO STDOUT WITH (FORMAT csv)") as copy:
                for block in copy:
                    out.write(bytes(block).decode())
        else:
            cursor.execute(select)
            writer = csv.writer(out)
            while batch := cursor.fetchmany(100_000):
                writer.writerows(batch)
    database.execute("DROP TABLE IF EXISTS registrations")
    database.execute(
        "CREATE TABLE registrations AS SELECT * FROM read_csv(?, header = false, columns = "
        "{'province_code': 'VARCHAR', 'commune_code': 'VARCHAR', 'year': 'SMALLINT', "
        "'title': 'VARCHAR', 'status': 'VARCHAR'})",
        [str(export)],
    )
    export.unlink()
    print(f"exported to DuckDB in {time.perf_counter() - started:.1f} s", flush=True)
    return database


def measure(indicator: object, runs: int) -> list[dict]:
    from django.db import connection

    from khuyenhoc.places.models import AdminUnit, Level
    from khuyenhoc.reports.indicators import commune_table

    rng = random.Random(34)
    provinces = list(AdminUnit.objects.filter(level=Level.PROVINCE))
    picks = [rng.choice(provinces) for _ in range(runs)]

    def run(table: Callable) -> Callable[[], list]:
        it = iter(picks)
        return lambda: [(r.commune.code, r.count) for r in table(indicator, YEAR, next(it))]

    if connection.vendor == "postgresql":
        # PostgreSQL answers from an index alone only for pages its visibility map marks all-visible,
        # which a bulk load leaves unset until autovacuum comes: give the baselines their best case.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    summary = run(lambda i, y, p: commune_table(indicator=i, year=y, province=p))
    fast, fast95, fast_values = timed(runs, summary)
    plain, plain95, plain_values = timed(runs, run(table_from_registrations))
    assert fast_values == plain_values, "tallies and registrations disagree"
    from khuyenhoc.titles.models import Registration

    with connection.cursor() as cursor:
        cursor.execute(
            f'CREATE INDEX IF NOT EXISTS "{BENCH_INDEX}" ON "{Registration._meta.db_table}" '
            '("province_code", "year", "title", "status", "commune_code")'
        )
        cursor.execute("ANALYZE")
    indexed, indexed95, indexed_values = timed(runs, run(table_from_registrations))
    with connection.cursor() as cursor:
        cursor.execute(f'DROP INDEX "{BENCH_INDEX}"')
    assert indexed_values == fast_values

    database = duckdb_table(OUT_DIR / f"programmes-{connection.vendor}.duckdb")
    it = iter(picks)

    def scan() -> list:
        province = next(it)
        counts = dict(database.execute(
            "SELECT commune_code, count(*) FROM registrations WHERE province_code = ? AND year = ? "
            "AND title = 'citizen' AND status = 'recognised' GROUP BY commune_code",
            [province.code, YEAR],
        ).fetchall())  # fmt: skip
        communes = AdminUnit.objects.filter(parent=province, level=Level.COMMUNE)
        return sorted(counts.get(c, 0) for c in communes.values_list("code", flat=True))

    duck, duck95, duck_values = timed(runs, scan)
    assert duck_values == [sorted(n for _, n in v) for v in fast_values], "DuckDB disagrees"
    out = [
        {"way": "tallies (commune_table)", "median_ms": round(fast, 2), "p95_ms": round(fast95, 2)},
        {"way": "GROUP BY registrations, schema indexes", "median_ms": round(plain, 2),
         "p95_ms": round(plain95, 2)},
        {"way": "GROUP BY registrations, + province index", "median_ms": round(indexed, 2),
         "p95_ms": round(indexed95, 2)},
        {"way": "DuckDB scan (counts only)", "median_ms": round(duck, 2), "p95_ms": round(duck95, 2)},
    ]  # fmt: skip
    for row in out:
        row["database"] = connection.vendor
        print("RESULT " + json.dumps(row, ensure_ascii=False), flush=True)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--registrations", type=int, default=10_000_000)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    if args.database_url.startswith("postgres"):
        from run_all import ensure_pg_database

        ensure_pg_database(args.database_url)
    setup_django(args.database_url)
    migrate()
    from django.db import connection

    from khuyenhoc.titles.models import Registration

    OUT_DIR.mkdir(parents=True, exist_ok=True)
    nodes, campaigns, criteria, indicator = setup_programme()
    have = Registration.objects.filter(campaign__org_node__code__startswith="BENCHP-").count()
    if have != args.registrations:
        load_registrations(args.registrations, nodes, campaigns, criteria)
    results = measure(indicator, args.runs)
    (OUT_DIR / f"programmes-{connection.vendor}.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
