"""Write the person files of the import benchmark: CSV (UTF-8 with BOM) and XLSX (not a test).

    .venv/bin/python bench/import_generate.py [--database-url URL] [--count 1000000]
        [--prefix 20000 --prefix 100000] [--out var/bench_import] [--province 40] [--force]

One deterministic stream of rows (the names, CCCDs, birth dates, ethnicities, branches and communes of
bench/generate_persons.py's `person_rows`, same seed) is written as `persons-<count>.csv` and
`persons-<count>.xlsx`, and its first rows again as `persons-<prefix>.csv/.xlsx` (django-import-export
is measured on a prefix of the same file). Headers are the persons template's (khuyenhoc.people.bulk
PersonKind) plus an "STT" numbering column, header in row 1: 12 columns. Every row is valid:
structurally valid unique CCCDs (people.cccd.make_cccd) that agree with gender and birth year, real
commune names of the province, the codes of the benchmark tree's branch nodes, ethnicities of the
54-nation list. The CSV writes dates as dd/mm/yyyy text; the XLSX as date cells (dd/mm/yyyy format),
CCCDs and phone numbers as text cells, as a spreadsheet saved from Excel holds them. XLSX is written
by xlsxwriter in constant-memory mode.

The database (default: the SQLite import-benchmark database) provides the reference data and the
benchmark organisation tree, which is created there (idempotently) if missing; the codes and names
are the same in every database prepared by bench/import_bench.py.
"""

import argparse
import csv
import datetime
import json
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import PROJECT_DIR, migrate, setup_django
from generate_persons import ensure_tree, person_rows

DEFAULT_SQLITE_URL = f"sqlite:///{PROJECT_DIR / 'var' / 'bench_import.sqlite3'}"
DEFAULT_OUT = PROJECT_DIR / "var" / "bench_import"
SEED = 20250701

HEADERS = [
    "STT",
    "Họ và tên",
    "Số CCCD",
    "Giới tính",
    "Ngày sinh (dd/mm/yyyy)",
    "Dân tộc",
    "Tôn giáo",
    "Xã/phường",
    "Địa chỉ",
    "Điện thoại",
    "Nghề nghiệp",
    "Mã đơn vị quản lý",
]
GENDER_TEXT = {"male": "Nam", "female": "Nữ"}
# (religion, cumulative weight): most persons state none.
RELIGIONS = [("Không", 0.78), ("Phật giáo", 0.90), ("Công giáo", 0.97), ("", 1.0)]


def file_paths(out: Path, count: int) -> dict[str, Path]:
    return {fmt: out / f"persons-{count}.{fmt}" for fmt in ("csv", "xlsx")}


def file_rows(count: int, province: str):
    """Yield `count` rows as cell values in HEADERS order (birth date as a datetime.date)."""
    from khuyenhoc.people.models import Ethnicity

    _root, tree = ensure_tree(province)
    ethnicities = dict(Ethnicity.objects.values_list("code", "pk"))
    ethnicity_names = dict(Ethnicity.objects.values_list("pk", "name"))
    branch_codes = {b.pk: b.code for _node, _place, branches in tree for b in branches}
    commune_names = {place.pk: place.name for _node, place, _branches in tree}
    rng = random.Random(SEED + 1)
    for number, row in enumerate(person_rows(count, SEED, province, tree, ethnicities), start=1):
        (_c, _u, branch_id, _path, _prov, cccd, full_name, _key, gender, birth, _year) = row[:11]
        ethnicity_id, _religion, commune_id, _village, address, phone = row[11:17]
        occupation = row[19]
        if isinstance(birth, str):
            birth = datetime.date.fromisoformat(birth)
        roll = rng.random()
        religion = next(name for name, weight in RELIGIONS if roll < weight)
        yield [
            number,
            full_name,
            cccd,
            GENDER_TEXT[gender],
            birth,
            ethnicity_names[ethnicity_id],
            religion,
            commune_names[commune_id],
            address,
            phone,
            occupation,
            branch_codes[branch_id],
        ]


class CsvOut:
    def __init__(self, path: Path) -> None:
        self.stream = path.open("w", encoding="utf-8-sig", newline="")
        self.writer = csv.writer(self.stream, lineterminator="\r\n")
        self.writer.writerow(HEADERS)

    def add(self, cells: list) -> None:
        cells = list(cells)
        cells[4] = cells[4].strftime("%d/%m/%Y")
        self.writer.writerow(cells)

    def close(self) -> None:
        self.stream.close()


class XlsxOut:
    TEXT_COLUMNS = (1, 2, 3, 5, 6, 7, 8, 9, 10, 11)

    def __init__(self, path: Path) -> None:
        import xlsxwriter

        self.book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
        self.sheet = self.book.add_worksheet("Danh sách")
        self.date = self.book.add_format({"num_format": "dd/mm/yyyy"})
        bold = self.book.add_format({"bold": True})
        for column, title in enumerate(HEADERS):
            self.sheet.write_string(0, column, title, bold)
        self.row = 0

    def add(self, cells: list) -> None:
        self.row += 1
        sheet, row = self.sheet, self.row
        sheet.write_number(row, 0, cells[0])
        for column in self.TEXT_COLUMNS:
            if cells[column]:
                sheet.write_string(row, column, cells[column])
        sheet.write_datetime(row, 4, cells[4], self.date)

    def close(self) -> None:
        self.book.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=DEFAULT_SQLITE_URL)
    parser.add_argument("--count", type=int, default=1_000_000)
    parser.add_argument("--prefix", type=int, action="append", default=[])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--province", default="40")
    parser.add_argument("--force", action="store_true", help="rewrite files that already exist")
    args = parser.parse_args()

    sizes = sorted({args.count, *(p for p in args.prefix if 0 < p < args.count)})
    wanted = {n: file_paths(args.out, n) for n in sizes}
    if not args.force and all(p.exists() for paths in wanted.values() for p in paths.values()):
        print(f"files exist, nothing to do: {[str(p) for p in wanted[args.count].values()]}")
        return
    args.out.mkdir(parents=True, exist_ok=True)
    setup_django(args.database_url)
    migrate()
    outputs = {n: [CsvOut(paths["csv"]), XlsxOut(paths["xlsx"])] for n, paths in wanted.items()}
    started = time.perf_counter()
    for number, cells in enumerate(file_rows(args.count, args.province), start=1):
        for size, writers in outputs.items():
            if number <= size:
                for writer in writers:
                    writer.add(cells)
        if number % 100_000 == 0:
            elapsed = time.perf_counter() - started
            print(f"  {number:>10,} rows  {elapsed:6.1f} s", flush=True)
    for writers in outputs.values():
        for writer in writers:
            writer.close()
    info = {
        str(n): {fmt: {"path": str(p), "bytes": p.stat().st_size} for fmt, p in paths.items()}
        for n, paths in wanted.items()
    }
    (args.out / "files.json").write_text(json.dumps(info, indent=2))
    print(json.dumps(info, indent=2))
    print(f"written in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
