"""Generate a province of persons for the benchmarks (not a test; see docs/benchmarks.md).

    .venv/bin/python bench/generate_persons.py --database-url URL --count 1000000 [--province 40]

Migrates the target database, creates (idempotently, through the real service) an organisation tree in one
province — a province node, about 100 commune nodes, 5 branch nodes under each — and bulk-loads `--count`
persons with deterministic random Vietnamese names, structurally valid unique CCCDs and the org path of a
random branch, then the word-suffix name keys of those persons (people.PersonNameKey, what name search
reads). PostgreSQL loads with COPY, SQLite with executemany in one transaction. Running it again with the
same count leaves the data alone; with another count it deletes the benchmark persons and loads anew.
"""

import argparse
import json
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import BENCH_CODE, migrate, setup_django

BATCH = 50_000
COMMUNES = 100
BRANCHES_PER_COMMUNE = 5

# (name, weight): rough frequencies of Vietnamese family names.
FAMILY_NAMES = [
    ("Nguyễn", 380), ("Trần", 110), ("Lê", 95), ("Phạm", 70), ("Hoàng", 41), ("Huỳnh", 10),
    ("Phan", 45), ("Vũ", 20), ("Võ", 20), ("Đặng", 21), ("Bùi", 20), ("Đỗ", 14), ("Hồ", 13),
    ("Ngô", 13), ("Dương", 10), ("Lý", 5), ("Đinh", 8), ("Trương", 7), ("Đào", 6), ("Cao", 5),
    ("Lương", 3), ("Mai", 3), ("Thái", 3), ("Chu", 2), ("Tạ", 2), ("Lưu", 3),
]  # fmt: skip
MIDDLE_NAMES = {
    "male": [
        ("Văn", 350), ("Đức", 100), ("Minh", 80), ("Hữu", 80), ("Đình", 60), ("Quang", 60),
        ("Công", 60), ("Thanh", 50), ("Xuân", 50), ("Trọng", 40), ("Ngọc", 30), ("Anh", 30),
    ],
    "female": [
        ("Thị", 450), ("Ngọc", 80), ("Thu", 60), ("Thanh", 60), ("Hồng", 50), ("Thùy", 50),
        ("Minh", 40), ("Kim", 40), ("Phương", 30), ("Mai", 30), ("Bích", 30), ("Thị Thu", 40),
        ("Thị Ngọc", 30), ("Thị Hồng", 20),
    ],
}  # fmt: skip
GIVEN_NAMES = {
    "male": [
        "An", "Anh", "Bình", "Cường", "Dũng", "Duy", "Đạt", "Đông", "Giang", "Hải", "Hiếu",
        "Hòa", "Hoàng", "Hùng", "Huy", "Hưng", "Khang", "Khoa", "Kiên", "Lâm", "Long", "Lộc",
        "Minh", "Nam", "Nghĩa", "Phong", "Phúc", "Quân", "Quang", "Sơn", "Tài", "Thắng",
        "Thành", "Thịnh", "Toàn", "Trung", "Tuấn", "Tùng", "Việt", "Vinh",
    ],
    "female": [
        "An", "Anh", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa", "Hồng",
        "Huệ", "Hương", "Lan", "Linh", "Loan", "Mai", "My", "Nga", "Ngân", "Ngọc", "Nhung",
        "Oanh", "Phương", "Quỳnh", "Tâm", "Thảo", "Thủy", "Trang", "Uyên", "Vân", "Yến",
    ],
}  # fmt: skip
# A deliberately rare given name (about 1 person in 10,000) for the "rare fragment" search case.
RARE_GIVEN = "Khuê"
RARE_WEIGHT = 0.0002
OCCUPATIONS = ["", "", "Nông dân", "Giáo viên", "Học sinh", "Công nhân", "Buôn bán", "Hưu trí"]

PERSON_COLUMNS = [
    "created_at", "updated_at", "org_node_id", "org_path", "province_code", "cccd", "full_name",
    "name_key", "gender", "birth_date", "birth_year", "ethnicity_id", "religion", "commune_id",
    "village_id", "address", "phone", "email", "workplace", "occupation",
]  # fmt: skip


def _cumulative(pairs: list[tuple[str, float]]) -> tuple[list[str], list[float]]:
    names, total, cum = [], 0.0, []
    for name, weight in pairs:
        total += weight
        names.append(name)
        cum.append(total)
    return names, cum


def _given_weights(names: list[str], rare: bool) -> list[tuple[str, float]]:
    """A Zipf-like spread over the given names (the first ones commonest), plus the rare one."""
    pairs = [(name, 1.0 / (rank + 4)) for rank, name in enumerate(names)]
    if rare:
        total = sum(w for _, w in pairs)
        pairs.append((RARE_GIVEN, total * RARE_WEIGHT / (1 - RARE_WEIGHT)))
    return pairs


def ensure_tree(province_code: str) -> tuple[object, list[tuple[object, object, list[object]]]]:
    """The province node and, per commune node, (node, commune AdminUnit, branch nodes)."""
    from khuyenhoc.orgs.models import NodeKind, OrgNode, OrgSystem
    from khuyenhoc.orgs.services import orgnode_create
    from khuyenhoc.places.models import AdminUnit, Level
    from khuyenhoc.testing.factories import ROOT

    system = OrgSystem.objects.get(code="HKH")
    province = AdminUnit.objects.get(level=Level.PROVINCE, code=province_code)
    places = list(
        AdminUnit.objects.filter(level=Level.COMMUNE, province_code=province_code).order_by("code")
    )[:COMMUNES]
    if not places:
        raise SystemExit(f"no communes in province {province_code}")

    def node(code: str, **kwargs: object) -> object:
        existing = OrgNode.objects.filter(code=code).first()
        if existing is not None:
            return existing
        return orgnode_create(actor=None, scope=ROOT, system=system, code=code, **kwargs)

    root_code = BENCH_CODE.format(province=province_code)
    root = node(
        root_code,
        parent=None,
        kind=NodeKind.PROVINCE,
        name=f"Hội Khuyến học {province.name} (benchmark)",
        place=province,
    )
    tree = []
    for place in places:
        commune_node = node(
            f"{root_code}-{place.code}",
            parent=root,
            kind=NodeKind.COMMUNE,
            name=f"Hội Khuyến học {place.name}",
            place=place,
        )
        branches = [
            node(
                f"{root_code}-{place.code}-B{k}",
                parent=commune_node,
                kind=NodeKind.BRANCH,
                name=f"Chi hội khuyến học số {k} {place.name}",
                place=place,
            )
            for k in range(1, BRANCHES_PER_COMMUNE + 1)
        ]
        tree.append((commune_node, place, branches))
    return root, tree


def person_rows(count: int, seed: int, province_code: str, tree: list, ethnicities: dict):
    """Yield `count` rows in PERSON_COLUMNS order (deterministic for a given seed)."""
    from django.db import connection
    from django.utils import timezone

    from khuyenhoc.core.text import fold
    from khuyenhoc.people.cccd import PROVINCE_CODES, make_cccd

    rng = random.Random(seed)
    family = _cumulative(FAMILY_NAMES)
    middle = {g: _cumulative(pairs) for g, pairs in MIDDLE_NAMES.items()}
    given = {
        g: _cumulative(_given_weights(names, rare=g == "female"))
        for g, names in GIVEN_NAMES.items()
    }
    branches = [
        (branch.pk, branch.path, place.pk, place.name)
        for _commune_node, place, branch_nodes in tree
        for branch in branch_nodes
    ]
    kinh, thai = ethnicities["01"], ethnicities["03"]
    others = [pk for code, pk in ethnicities.items() if code not in {"01", "03"}]
    # CCCD digits 7-12 give a million serials per registration province; beyond a million persons the
    # registration province (digits 1-3) changes, so every number stays unique.
    own = province_code.zfill(3)
    registration = [own, *sorted(PROVINCE_CODES - {own})]
    adapt_dt = connection.ops.adapt_datetimefield_value
    adapt_date = connection.ops.adapt_datefield_value
    now = adapt_dt(timezone.now())
    choices = rng.choices
    for i in range(count):
        gender = "male" if rng.random() < 0.49 else "female"
        full_name = " ".join(
            (
                choices(family[0], cum_weights=family[1])[0],
                choices(middle[gender][0], cum_weights=middle[gender][1])[0],
                choices(given[gender][0], cum_weights=given[gender][1])[0],
            )
        )
        birth_year = rng.randint(1940, 2018)
        birth_date = date(birth_year, 1, 1) + timedelta(days=rng.randrange(365))
        branch_id, branch_path, commune_id, commune_name = branches[rng.randrange(len(branches))]
        roll = rng.random()
        ethnicity = kinh if roll < 0.88 else thai if roll < 0.97 else rng.choice(others)
        cccd = make_cccd(
            province=registration[i // 1_000_000],
            gender=gender,
            birth_year=birth_year,
            serial=i % 1_000_000,
        )
        phone = f"09{rng.randrange(100_000_000):08d}" if rng.random() < 0.6 else ""
        yield (
            now,
            now,
            branch_id,
            branch_path,
            province_code,
            cccd,
            full_name,
            fold(full_name),
            gender,
            adapt_date(birth_date),
            birth_year,
            ethnicity,
            "",
            commune_id,
            None,
            f"Xóm {rng.randint(1, 25)}, {commune_name}",
            phone,
            "",
            "",
            OCCUPATIONS[rng.randrange(len(OCCUPATIONS))],
        )


def _check_columns(model: type) -> None:
    """Fail clearly if the model gained a required column the loader does not fill."""
    from django.db.models import NOT_PROVIDED

    missing = [
        field.column
        for field in model._meta.concrete_fields
        if field.column not in PERSON_COLUMNS
        and not field.primary_key
        and not field.null
        and field.db_default is NOT_PROVIDED
    ]
    if missing:
        raise SystemExit(
            f"people_person has required columns the generator does not fill: {missing}"
        )


def _batches(rows, size: int):
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def load_postgresql(rows, count: int) -> None:
    from django.db import connection, transaction

    sql = f"COPY people_person ({', '.join(PERSON_COLUMNS)}) FROM STDIN"
    done = 0
    with transaction.atomic(), connection.cursor() as cursor:
        for batch in _batches(rows, BATCH):
            with cursor.copy(sql) as copy:
                for row in batch:
                    copy.write_row(row)
            done += len(batch)
            _progress(done, count)


def load_sqlite(rows, count: int) -> None:
    from django.db import connection, transaction

    placeholders = ", ".join(["%s"] * len(PERSON_COLUMNS))
    sql = f"INSERT INTO people_person ({', '.join(PERSON_COLUMNS)}) VALUES ({placeholders})"
    done = 0
    with transaction.atomic(), connection.cursor() as cursor:
        # A bigger page cache for this connection only: the B-tree indexes are written in random key
        # order, and the default 2 MB cache makes that disk-bound.
        cursor.execute("PRAGMA cache_size = -524288")
        for batch in _batches(rows, BATCH):
            cursor.executemany(sql, batch)
            done += len(batch)
            _progress(done, count)


def load_name_keys(vendor: str, root_path: str) -> None:
    """Write the name keys of the loaded persons, read back in id order (ids come from the database)."""
    from django.db import connection, transaction

    from khuyenhoc.people.namekeys import name_suffixes

    upper = root_path[:-1] + chr(ord(root_path[-1]) + 1)
    select = (
        "SELECT id, name_key, org_path FROM people_person "
        "WHERE org_path >= %s AND org_path < %s ORDER BY id"
    )
    columns = "person_id, key, org_path"

    def rows():
        with connection.cursor() as reader:
            reader.execute(select, [root_path, upper])
            while chunk := reader.fetchmany(BATCH):
                for person_id, name_key, org_path in chunk:
                    for key in dict.fromkeys(name_suffixes(name_key)):
                        yield (person_id, key, org_path)

    keys = list(rows())
    print(f"  writing {len(keys):,} name keys", flush=True)
    with transaction.atomic(), connection.cursor() as cursor:
        if vendor == "postgresql":
            with cursor.copy(f"COPY people_personnamekey ({columns}) FROM STDIN") as copy:
                for row in keys:
                    copy.write_row(row)
        else:
            sql = f"INSERT INTO people_personnamekey ({columns}) VALUES (%s, %s, %s)"
            for batch in _batches(keys, BATCH):
                cursor.executemany(sql, batch)


_started = [0.0]


def _progress(done: int, count: int) -> None:
    elapsed = time.perf_counter() - _started[0]
    print(
        f"  {done:>10,} / {count:,} rows  {elapsed:7.1f} s  {done / elapsed:9,.0f} rows/s",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--count", type=int, default=1_000_000)
    parser.add_argument("--province", default="40")
    parser.add_argument("--seed", type=int, default=20250701)
    parser.add_argument("--json", help="write the figures to this file as JSON")
    args = parser.parse_args()

    setup_django(args.database_url)
    from django.db import connection, transaction

    from khuyenhoc.core.scope import prefix_q
    from khuyenhoc.people.models import Ethnicity, Person

    vendor = connection.vendor
    print(f"[{vendor}] migrating {args.database_url}", flush=True)
    migrate()

    root, tree = ensure_tree(args.province)
    branch_count = sum(len(b) for _, _, b in tree)
    print(f"[{vendor}] org tree: {root.path} with {len(tree)} communes, {branch_count} branches")

    ours = Person.objects.filter(prefix_q("org_path", root.path))
    existing = ours.count()
    result = {"database": vendor, "count": args.count, "existing": existing, "loaded": False}
    if existing == args.count:
        print(f"[{vendor}] {existing:,} benchmark persons already loaded; nothing to do")
    else:
        if existing:
            print(
                f"[{vendor}] deleting {existing:,} benchmark persons of an earlier run", flush=True
            )
            upper = root.path[:-1] + chr(ord(root.path[-1]) + 1)
            with transaction.atomic(), connection.cursor() as cursor:
                for table in ("people_personnamekey", "people_person"):
                    cursor.execute(
                        f"DELETE FROM {table} WHERE org_path >= %s AND org_path < %s",
                        [root.path, upper],
                    )
        _check_columns(Person)
        ethnicities = dict(Ethnicity.objects.values_list("code", "pk"))
        rows = person_rows(args.count, args.seed, args.province, tree, ethnicities)
        # Bulk loads write no per-row history (simple_history) rows: the audit trail of an import is
        # one event per run, and the benchmark is about reads.
        print(f"[{vendor}] loading {args.count:,} persons", flush=True)
        _started[0] = time.perf_counter()
        if vendor == "postgresql":
            load_postgresql(rows, args.count)
        else:
            load_sqlite(rows, args.count)
        load_name_keys(vendor, root.path)
        load_seconds = time.perf_counter() - _started[0]
        print(
            f"[{vendor}] loaded {args.count:,} rows in {load_seconds:.1f} s: "
            f"{args.count / load_seconds:,.0f} rows/s",
            flush=True,
        )
        started = time.perf_counter()
        with connection.cursor() as cursor:
            if vendor == "postgresql":
                # What autovacuum would do after a million inserts: statistics and the visibility map
                # (index-only scans); the benchmark measures that steady state.
                cursor.execute("VACUUM (ANALYZE) people_person")
                cursor.execute("VACUUM (ANALYZE) people_personnamekey")
            else:
                cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        analyse_seconds = time.perf_counter() - started
        what = "VACUUM ANALYZE" if vendor == "postgresql" else "WAL checkpoint"
        print(f"[{vendor}] {what} took {analyse_seconds:.1f} s")
        result.update(
            loaded=True,
            load_seconds=round(load_seconds, 2),
            rows_per_second=round(args.count / load_seconds),
            after_load_seconds=round(analyse_seconds, 2),
        )
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
