"""One measured import of a person file into a chosen database (not a test; see docs/benchmarks.md).

    .venv/bin/python bench/import_bench.py prepare --database-url URL [--province 40]
    .venv/bin/python bench/import_bench.py run --database-url URL --file PATH --mode MODE
        [--json OUT] [--profile OUT.prof] [--pyinstrument OUT.txt] [--tracemalloc] [--no-reset]

`prepare` migrates the database and creates the benchmark organisation tree (bench/generate_persons.py's
`ensure_tree`). `reset` empties the people tables (DELETE + VACUUM on SQLite; TRUNCATE + CHECKPOINT on
PostgreSQL). `run` resets (unless `--no-reset`: bench/import_run_all.py resets in a process of its own,
so that the peak RSS is the import's alone), then times one import of `--file` in this process, and prints (and writes to `--json`)
wall time, rows per second and peak RSS (getrusage ru_maxrss of this process plus that of its largest
child, the engine's parsing process: an upper bound, shared pages counted twice). Run it in a fresh
process per measurement — bench/import_run_all.py does. Modes:

  engine    khuyenhoc.bulk.engine.run_import("persons", …) as a system administrator, under the province
            node: header finding, parsing and checking every row, one transaction, history rows (simple
            history) and name keys written, as `khuyenhoc import persons FILE` does.
  iex       django-import-export 4.4: a ModelResource for Person with the file's headers mapped to
            fields, widgets for gender, birth date (dd/mm/yyyy) and the foreign keys (org node by code,
            ethnicity and commune by name), import id CCCD, the same derive/check_person rules before
            saving and the same name keys after; the file read with tablib; import_data(dataset,
            dry_run=False, use_transactions=True). The defaults otherwise (a save() per row, so simple
            history writes its row through the post_save signal).
  iex-bulk  the same resource with use_bulk=True (batches of 1,000 through simple history's
            bulk_create_with_history and the name keys in bulk), skip_diff=True and the
            CachedInstanceLoader (one query for the import ids) — django-import-export's documented
            tuning for large files.
  raw       the database's own bulk load of the same rows, the practical limit: the file read with
            csv / python-calamine, cells mapped with dictionaries (codes and names to ids), the name
            key folded, then PostgreSQL COPY / SQLite executemany in one transaction into
            people_person only, under the engine's bulk_load_session (SQLite page cache, PostgreSQL
            plans) so both are measured with the same connection settings. Nothing is checked.
  raw-plain raw with the connection as configured (no bulk_load_session): the load a user would get
            from the database with the project's default settings.
  raw-all   raw plus the other rows the engine writes: the ~3 name keys per person and one history
            row per person (ids taken from the sequence), all by COPY / executemany — what the engine's
            writes cost at the database's own speed.
  read      only reading the file through khuyenhoc.bulk.reading.open_table (no database writes).
"""

import argparse
import contextlib
import csv
import datetime
import gc
import json
import os
import resource
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import BENCH_CODE, migrate, setup_django

MODES = ("engine", "iex", "iex-bulk", "raw", "raw-plain", "raw-all", "read")
PEOPLE_TABLES = ("people_personnamekey", "people_historicalperson", "people_person")
RAW_BATCH = 50_000
GENDERS = {"Nam": "male", "Nữ": "female"}
H_NAME, H_CCCD, H_GENDER, H_BIRTH = "Họ và tên", "Số CCCD", "Giới tính", "Ngày sinh (dd/mm/yyyy)"
H_ETHNICITY, H_RELIGION, H_COMMUNE, H_ADDRESS = "Dân tộc", "Tôn giáo", "Xã/phường", "Địa chỉ"
H_PHONE, H_OCCUPATION, H_ORG = "Điện thoại", "Nghề nghiệp", "Mã đơn vị quản lý"


def max_rss_mb() -> float:
    """Peak resident set size of this process so far (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def children_max_rss_mb() -> float:
    """Peak resident set size of the largest child process waited for (the engine's parser)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def current_rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def pss_mb(pid: int) -> float:
    """Proportional set size of a process: its private pages plus its share of pages it shares (a
    forked child shares most of its parent's), so the PSS of parent and child add up to what the pair
    really occupies. 0 when the process is gone."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def children_pids() -> list[int]:
    me = os.getpid()
    try:
        with open(f"/proc/{me}/task/{me}/children") as children:
            return [int(pid) for pid in children.read().split()]
    except OSError:
        return []


class RssSampler(threading.Thread):
    """Samples this process's RSS every `interval` seconds, with the rows done so far, and the PSS of
    this process and its children together (the engine's parsing process)."""

    def __init__(self, interval: float = 0.5) -> None:
        super().__init__(daemon=True)
        self.interval = interval
        self.samples: list[tuple[float, float, int]] = []
        self.peak_pss = 0.0
        self.rows = 0
        self.started = time.perf_counter()
        self._halt = threading.Event()

    def run(self) -> None:
        while not self._halt.wait(self.interval):
            elapsed = time.perf_counter() - self.started
            self.samples.append((round(elapsed, 1), round(current_rss_mb()), self.rows))
            pss = pss_mb(os.getpid()) + sum(pss_mb(pid) for pid in children_pids())
            self.peak_pss = max(self.peak_pss, pss)

    def stop(self) -> list[tuple[float, float, int]]:
        self._halt.set()
        self.join()
        return self.samples


# --- database set-up -------------------------------------------------------------------------------


def prepare(province: str) -> dict:
    from django.db import connection
    from generate_persons import ensure_tree

    migrate()
    root, tree = ensure_tree(province)
    return {
        "database": connection.vendor,
        "province_node": root.code,
        "communes": len(tree),
        "branches": sum(len(b) for _, _, b in tree),
    }


def reset_people() -> float:
    """Empty the tables an import of persons writes; return the seconds it took."""
    from django.db import connection

    started = time.perf_counter()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # CASCADE: the tables that reference persons (households, memberships…) are empty here.
            cursor.execute(f"TRUNCATE {', '.join(PEOPLE_TABLES)} RESTART IDENTITY CASCADE")
            cursor.execute("CHECKPOINT")
        else:
            for table in PEOPLE_TABLES:
                cursor.execute(f"DELETE FROM {table}")
            cursor.execute("VACUUM")
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return time.perf_counter() - started


def table_counts() -> dict[str, int]:
    from django.db import connection

    with connection.cursor() as cursor:
        counts = {}
        for table in PEOPLE_TABLES:
            cursor.execute(f"SELECT count(*) FROM {table}")
            counts[table] = cursor.fetchone()[0]
    return counts


def province_node(province: str):
    from khuyenhoc.orgs.models import OrgNode

    return OrgNode.objects.get(code=BENCH_CODE.format(province=province))


# --- engine ----------------------------------------------------------------------------------------


def run_engine(path: Path, province: str, sampler: RssSampler) -> dict:
    from khuyenhoc.bulk.engine import run_import
    from khuyenhoc.bulk.kinds import ImportContext
    from khuyenhoc.core.scope import Scope

    scope = Scope.system()
    ctx = ImportContext(actor=None, scope=scope, org=province_node(province))

    def progress(done: int) -> None:
        sampler.rows = done

    timers = _time_phases() if PHASES[0] else None
    started = time.perf_counter()
    report = run_import("persons", path, ctx=ctx, progress=progress)
    if timers is not None:
        total = time.perf_counter() - started
        timers["other (engine loop, commit)"] = total - sum(
            v for k, v in timers.items() if not k.startswith("  ")
        )
        print("phases (seconds):")
        for name, seconds in timers.items():
            print(f"  {name:<40} {seconds:8.1f}")
    if TRACEMALLOC[0]:
        _tracemalloc_top("after run_import, the run's context still alive")
    return {
        "phases": {k: round(v, 1) for k, v in timers.items()} if timers else None,
        "rows": report.created,
        "read": report.read,
        "invalid": report.invalid,
        "fatal": report.fatal,
        "problems": [vars(p) for p in report.problems[:5]],
    }


PHASES = [False]


def _time_phases() -> dict[str, float]:
    """Wrap the engine's steps with timers (reading, parse, resolve, write and its parts).

    Sub-steps of the write are indented; the engine's own loop and the COMMIT are what is left.
    A wrapper costs well under a microsecond a call, so the figures are the unprofiled ones.
    """
    from khuyenhoc.bulk import engine, registry
    from khuyenhoc.people.services import persons as services

    timers: dict[str, float] = {}

    def timed(name: str, function):
        timers.setdefault(name, 0.0)

        def wrapper(*args, **kwargs):
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                timers[name] += time.perf_counter() - started

        return wrapper

    def timed_rows(rows):
        timers.setdefault("read (open_table rows)", 0.0)
        while True:
            started = time.perf_counter()
            try:
                row = next(rows)
            except StopIteration:
                return
            finally:
                timers["read (open_table rows)"] += time.perf_counter() - started
            yield row

    class TimedTable:
        def __init__(self, table) -> None:
            self.table = table

        def rows(self):
            return timed_rows(iter(self.table.rows()))

    open_table = engine.open_table
    engine.open_table = lambda *a, **k: TimedTable(timed("open file", open_table)(*a, **k))
    kind = registry.get("persons")
    for step in ("prepare", "parse", "resolve", "write"):
        setattr(kind, step, timed(step, getattr(kind, step)))
    for name in ("allocate_ids", "insert_rows", "_insert_name_keys", "_copy_history"):
        if hasattr(services, name):
            label = {"insert_rows": "insert_rows (persons and name keys)"}.get(name, name)
            setattr(services, name, timed(f"  write: {label}", getattr(services, name)))
    return timers


# --- django-import-export --------------------------------------------------------------------------


def _iex_resources(province: str):
    from django.core.exceptions import ValidationError
    from import_export import fields, resources, widgets
    from import_export.instance_loaders import CachedInstanceLoader
    from simple_history.utils import bulk_create_with_history

    from khuyenhoc.core.errors import DomainError
    from khuyenhoc.orgs.models import OrgNode
    from khuyenhoc.people.models import Ethnicity, Person, PersonNameKey
    from khuyenhoc.people.namekeys import name_suffixes
    from khuyenhoc.people.services.persons import check_person, derive
    from khuyenhoc.places.models import AdminUnit, Level

    def namekeys_for(persons: list) -> list:
        return [
            PersonNameKey(person_id=person.pk, key=key, org_path=person.org_path)
            for person in persons
            for key in dict.fromkeys(name_suffixes(person.name_key))
        ]

    class GenderWidget(widgets.Widget):
        def clean(self, value, row=None, **kwargs):
            gender = GENDERS.get(str(value or "").strip())
            if gender is None:
                raise ValueError(f"Giới tính “{value}” không hợp lệ.")
            return gender

    class BirthDateWidget(widgets.DateWidget):
        def clean(self, value, row=None, **kwargs):
            if isinstance(value, datetime.datetime):  # an XLSX date cell, read by openpyxl
                return value.date()
            return super().clean(value, row, **kwargs)

    class CommuneWidget(widgets.ForeignKeyWidget):
        def get_queryset(self, value, row, *args, **kwargs):
            return AdminUnit.objects.filter(level=Level.COMMUNE, province_code=province)

    def text(attribute: str, header: str) -> fields.Field:
        return fields.Field(
            attribute=attribute, column_name=header, widget=widgets.CharWidget(allow_blank=True)
        )

    names = (
        "full_name", "cccd", "gender", "birth_date", "ethnicity", "religion", "commune", "address",
        "phone", "occupation", "org_node",
    )  # fmt: skip

    class PersonResource(resources.ModelResource):
        full_name = text("full_name", H_NAME)
        cccd = text("cccd", H_CCCD)
        gender = fields.Field(attribute="gender", column_name=H_GENDER, widget=GenderWidget())
        birth_date = fields.Field(
            attribute="birth_date", column_name=H_BIRTH, widget=BirthDateWidget(format="%d/%m/%Y")
        )
        ethnicity = fields.Field(
            attribute="ethnicity",
            column_name=H_ETHNICITY,
            widget=widgets.ForeignKeyWidget(Ethnicity, field="name"),
        )
        religion = text("religion", H_RELIGION)
        commune = fields.Field(
            attribute="commune", column_name=H_COMMUNE, widget=CommuneWidget(AdminUnit, "name")
        )
        address = text("address", H_ADDRESS)
        phone = text("phone", H_PHONE)
        occupation = text("occupation", H_OCCUPATION)
        org_node = fields.Field(
            attribute="org_node",
            column_name=H_ORG,
            widget=widgets.ForeignKeyWidget(OrgNode, field="code"),
        )

        class Meta:
            model = Person
            fields = names
            import_id_fields = ("cccd",)

        def before_save_instance(self, instance, row, **kwargs):
            # The engine's rules for a person's own fields, and its derived columns.
            derive(instance)
            try:
                check_person(instance)
            except DomainError as err:
                raise ValidationError({err.field or "full_name": err.message}) from None

        def after_save_instance(self, instance, row, **kwargs):
            if not self._meta.use_bulk:
                PersonNameKey.objects.bulk_create(namekeys_for([instance]))

    class PersonBulkResource(PersonResource):
        class Meta:
            model = Person
            fields = names
            import_id_fields = ("cccd",)
            use_bulk = True
            batch_size = 1000
            skip_diff = True
            instance_loader_class = CachedInstanceLoader

        def bulk_create(
            self, using_transactions, dry_run, raise_errors, batch_size=None, result=None
        ):
            # As the engine writes: history rows in bulk, then the name keys of the new persons.
            if self.create_instances and (using_transactions or not dry_run):
                try:
                    bulk_create_with_history(
                        self.create_instances, Person, batch_size=batch_size or 1000
                    )
                    PersonNameKey.objects.bulk_create(
                        namekeys_for(self.create_instances), batch_size=5000
                    )
                except Exception as exc:
                    self.handle_import_error(result, exc, raise_errors)
                finally:
                    self.create_instances.clear()

    return PersonResource, PersonBulkResource


def run_iex(path: Path, province: str, bulk: bool, sampler: RssSampler) -> dict:
    import tablib

    default, tuned = _iex_resources(province)
    if path.suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as stream:
            dataset = tablib.Dataset().load(stream.read(), format="csv")
    else:
        with path.open("rb") as stream:
            dataset = tablib.Dataset().load(stream, format="xlsx")
    sampler.rows = len(dataset)
    result = (tuned if bulk else default)().import_data(
        dataset, dry_run=False, use_transactions=True
    )
    errors = [str(e.error) for _n, row_errors in result.row_errors() for e in row_errors][:3]
    invalid = [str(r.error_dict) for r in result.invalid_rows[:3]]
    return {
        "rows": result.totals.get("new", 0),
        "read": len(dataset),
        "invalid": len(result.invalid_rows) + len(result.row_errors()),
        "problems": errors + invalid,
        "base_errors": [str(e.error) for e in result.base_errors][:3],
    }


# --- the database's own bulk load ------------------------------------------------------------------

PERSON_COLUMNS = [
    "created_at", "updated_at", "org_node_id", "org_path", "province_code", "cccd", "full_name",
    "name_key", "gender", "birth_date", "birth_year", "ethnicity_id", "religion", "commune_id",
    "village_id", "address", "phone", "email", "workplace", "occupation",
]  # fmt: skip


def _file_records(path: Path):
    """The file's rows as lists of cells, header first (csv module / python-calamine)."""
    if path.suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as stream:
            yield from csv.reader(stream)
    else:
        from python_calamine import CalamineWorkbook

        workbook = CalamineWorkbook.from_path(str(path))
        sheet = workbook.get_sheet_by_index(0)
        workbook.close()
        yield from sheet.iter_rows()


def raw_rows(path: Path, province: str):
    """Map each file row to a people_person row (PERSON_COLUMNS order), with dictionaries only."""
    from django.db import connection
    from django.utils import timezone

    from khuyenhoc.core.text import fold
    from khuyenhoc.orgs.models import OrgNode
    from khuyenhoc.people.models import Ethnicity
    from khuyenhoc.places.models import AdminUnit, Level

    orgs = {code: (pk, p) for pk, code, p in OrgNode.objects.values_list("pk", "code", "path")}
    ethnicities = dict(Ethnicity.objects.values_list("name", "pk"))
    communes = {
        name: (pk, code)
        for name, pk, code in AdminUnit.objects.filter(
            level=Level.COMMUNE, province_code=province
        ).values_list("name", "pk", "province_code")
    }
    sqlite = connection.vendor == "sqlite"
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    records = _file_records(path)
    header = next(records)
    at = {title: header.index(title) for title in header}
    i_name, i_cccd, i_gender, i_birth = at[H_NAME], at[H_CCCD], at[H_GENDER], at[H_BIRTH]
    i_ethnicity, i_religion, i_commune = at[H_ETHNICITY], at[H_RELIGION], at[H_COMMUNE]
    i_address, i_phone, i_occupation, i_org = (
        at[H_ADDRESS],
        at[H_PHONE],
        at[H_OCCUPATION],
        at[H_ORG],
    )
    for cells in records:
        birth = cells[i_birth]
        if isinstance(birth, str):
            birth = datetime.date(int(birth[6:10]), int(birth[3:5]), int(birth[:2]))
        org_id, org_path = orgs[cells[i_org]]
        commune_id, commune_province = communes[cells[i_commune]]
        name = cells[i_name]
        yield (
            now,
            now,
            org_id,
            org_path,
            commune_province,
            cells[i_cccd] or None,
            name,
            fold(name),
            GENDERS[cells[i_gender]],
            birth.isoformat() if sqlite else birth,
            birth.year,
            ethnicities[cells[i_ethnicity]],
            cells[i_religion],
            commune_id,
            None,
            cells[i_address],
            cells[i_phone],
            "",
            "",
            cells[i_occupation],
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


def _write(cursor, vendor: str, table: str, columns: list[str], rows: list[tuple]) -> None:
    names = ", ".join(columns)
    if vendor == "postgresql":
        with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
    else:
        marks = ", ".join(["%s"] * len(columns))
        cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)


def _reserve_ids(cursor, vendor: str, count: int) -> list[int]:
    """`count` new person ids: from the identity sequence (PostgreSQL), after the largest (SQLite)."""
    if vendor == "postgresql":
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence('people_person', 'id')) "
            "FROM generate_series(1, %s)",
            [count],
        )
        return [row[0] for row in cursor.fetchall()]
    cursor.execute("SELECT coalesce(max(id), 0) FROM people_person")
    first = cursor.fetchone()[0] + 1
    return list(range(first, first + count))


def run_raw(
    path: Path, province: str, everything: bool, sampler: RssSampler, *, session: bool = True
) -> dict:
    from django.db import connection, transaction

    from khuyenhoc.people.namekeys import name_suffixes

    vendor = connection.vendor
    done = 0
    history_columns = ["id", *PERSON_COLUMNS, "history_date", "history_type"]
    from khuyenhoc.core.bulkload import bulk_load_session

    # The engine's own session settings (SQLite page cache, PostgreSQL plans): both measured alike.
    tuned = bulk_load_session() if session else contextlib.nullcontext()
    with transaction.atomic(), tuned, connection.cursor() as cursor:
        for batch in _batches(raw_rows(path, province), RAW_BATCH):
            if not everything:
                _write(cursor, vendor, "people_person", PERSON_COLUMNS, batch)
            else:
                ids = _reserve_ids(cursor, vendor, len(batch))
                persons = [(pk, *row) for pk, row in zip(ids, batch, strict=True)]
                _write(cursor, vendor, "people_person", ["id", *PERSON_COLUMNS], persons)
                keys = [
                    (pk, key, row[3])
                    for pk, row in zip(ids, batch, strict=True)
                    for key in dict.fromkeys(name_suffixes(row[7]))
                ]
                _write(
                    cursor, vendor, "people_personnamekey", ["person_id", "key", "org_path"], keys
                )
                history = [(*person, person[1], "+") for person in persons]
                _write(cursor, vendor, "people_historicalperson", history_columns, history)
            done += len(batch)
            sampler.rows = done
    return {"rows": done, "read": done, "invalid": 0}


# --- reading only ----------------------------------------------------------------------------------


def run_read(path: Path, sampler: RssSampler) -> dict:
    from khuyenhoc.bulk.reading import open_table

    count = 0
    for _number, _cells in open_table(path).rows():
        count += 1
        if count % 10_000 == 0:
            sampler.rows = count
    return {"rows": count - 1, "read": count, "invalid": 0}


# --- measuring -------------------------------------------------------------------------------------

TRACEMALLOC = [False]


def _tracemalloc_top(when: str) -> None:
    import tracemalloc

    snapshot = tracemalloc.take_snapshot()
    current, peak = tracemalloc.get_traced_memory()
    print(f"tracemalloc {when}: current {current / 2**20:.0f} MB, peak {peak / 2**20:.0f} MB")
    for stat in snapshot.statistics("lineno")[:15]:
        print(f"  {stat.size / 2**20:8.1f} MB {stat.count:>10,}  {stat.traceback}")


def source_state() -> dict:
    """The code measured: the commit, the files changed since, a hash of the source (tests left out)."""
    import hashlib
    import subprocess

    from _common import PROJECT_DIR

    def git(*words: str) -> str:
        command = ["git", "--no-optional-locks", *words]
        return subprocess.run(  # noqa: S603
            command, cwd=PROJECT_DIR, capture_output=True, text=True, check=False
        ).stdout.strip()

    digest = hashlib.sha1(usedforsecurity=False)
    sources = (PROJECT_DIR / "khuyenhoc").rglob("*.py")
    for source in sorted(p for p in sources if "tests" not in p.parts):
        digest.update(str(source.relative_to(PROJECT_DIR)).encode())
        digest.update(source.read_bytes())
    return {
        "commit": git("rev-parse", "--short", "HEAD"),
        "changed": git("status", "--porcelain", "--", "khuyenhoc").splitlines(),
        "source_sha1": digest.hexdigest()[:12],
    }


def measure(args: argparse.Namespace) -> dict:
    from django.db import connection

    path = args.file.resolve()
    vendor = connection.vendor
    reset_seconds = reset_people() if args.mode != "read" and not args.no_reset else 0.0
    connection.close()  # a new connection for the measured run, as a worker would have
    if args.sqlite_cache_mb and vendor == "sqlite":
        # An experiment, not what the engine does: a bigger page cache for the run's connection.
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = -{args.sqlite_cache_mb * 1024}")
    gc.collect()
    load_before = os.getloadavg()[0]
    baseline = max_rss_mb()
    sampler = RssSampler()
    profiler = None
    if args.profile:
        import cProfile

        profiler = cProfile.Profile()
    if args.pyinstrument:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.005)
    PHASES[0] = args.phases
    if args.tracemalloc:
        import tracemalloc

        tracemalloc.start(5)
        TRACEMALLOC[0] = True
    sampler.start()
    started = time.perf_counter()
    if profiler:
        profiler.start() if args.pyinstrument else profiler.enable()
    if args.mode == "engine":
        outcome = run_engine(path, args.province, sampler)
    elif args.mode in ("iex", "iex-bulk"):
        outcome = run_iex(path, args.province, args.mode == "iex-bulk", sampler)
    elif args.mode in ("raw", "raw-all", "raw-plain"):
        outcome = run_raw(
            path, args.province, args.mode == "raw-all", sampler, session=args.mode != "raw-plain"
        )
    else:
        outcome = run_read(path, sampler)
    if profiler:
        profiler.stop() if args.pyinstrument else profiler.disable()
    seconds = time.perf_counter() - started
    timeline = sampler.stop()
    # The engine parses large files in a forked child: its peak is added to the importer's, which
    # overstates the pair's real peak (the pages they share are counted twice).
    own_peak, child_peak = max_rss_mb(), children_max_rss_mb()
    peak = own_peak + child_peak
    if args.profile:
        import pstats

        profiler.dump_stats(args.profile)
        pstats.Stats(args.profile).sort_stats("cumulative").print_stats(40)
        pstats.Stats(args.profile).sort_stats("tottime").print_stats(40)
    if args.pyinstrument:
        Path(args.pyinstrument).write_text(profiler.output_text(unicode=True, show_all=False))
        print(profiler.output_text(unicode=True))
    counts = table_counts() if args.mode != "read" else {}
    step = max(1, len(timeline) // 40)
    return {
        "mode": args.mode,
        "database": vendor,
        "format": path.suffix.lstrip("."),
        "file": str(path),
        "file_bytes": path.stat().st_size,
        **outcome,
        "seconds": round(seconds, 2),
        "rows_per_second": round(outcome["rows"] / seconds) if seconds else None,
        "peak_rss_mb": round(peak),
        "importer_peak_rss_mb": round(own_peak),
        "peak_pss_mb": round(sampler.peak_pss),
        "parser_peak_rss_mb": round(child_peak),
        "baseline_rss_mb": round(baseline),
        "reset_seconds": round(reset_seconds, 1),
        "load_average_1min": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        "counts": counts,
        "rss_timeline": timeline[::step] + timeline[-1:],
        "profiled": bool(args.profile or args.pyinstrument or args.tracemalloc),
        "sqlite_cache_mb": args.sqlite_cache_mb or None,
        "python": sys.version.split()[0],
        "source": source_state(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("prepare", "reset", "run"))
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--province", default="40")
    parser.add_argument("--file", type=Path)
    parser.add_argument("--mode", choices=MODES, default="engine")
    parser.add_argument("--json", type=Path, help="also write the result to this file")
    parser.add_argument("--profile", help="cProfile the import, stats to this file")
    parser.add_argument("--pyinstrument", help="pyinstrument the import, text to this file")
    parser.add_argument("--tracemalloc", action="store_true", help="top Python allocations")
    parser.add_argument("--no-reset", action="store_true", help="keep the people tables")
    parser.add_argument("--phases", action="store_true", help="engine: time each step")
    parser.add_argument(
        "--sqlite-cache-mb", type=int, default=0, help="experiment: PRAGMA cache_size for the run"
    )
    args = parser.parse_args()

    setup_django(args.database_url)
    if args.command == "prepare":
        result = prepare(args.province)
    elif args.command == "reset":
        result = {"reset_seconds": round(reset_people(), 1), "counts": table_counts()}
    else:
        if args.file is None:
            parser.error("run needs --file")
        result = measure(args)
    text = json.dumps(result, ensure_ascii=False)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=2))
    print("RESULT " + text, flush=True)
    if result.get("fatal") or (args.command == "run" and result.get("invalid")):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
