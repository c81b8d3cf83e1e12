"""Run the import benchmark matrix and print one table (not a test; see docs/benchmarks.md).

    .venv/bin/python bench/import_run_all.py [--rows 1000000] [--iex-rows 20000]
        [--databases sqlite,postgresql] [--formats csv,xlsx] [--modes engine,iex,...]

{CSV, XLSX} × {SQLite, PostgreSQL} × {engine, django-import-export, raw bulk load}, each run in a fresh
process (bench/import_bench.py run) against emptied people tables. The engine and the raw loads import
the `--rows` file; django-import-export (default and bulk-tuned) imports the first `--iex-rows` rows of
the same file (persons-<iex-rows>.*, written by the same generator), as does a second engine run so that
both are also compared at the same size. Files are generated first if missing
(bench/import_generate.py, under var/bench_import/).

Environment (defaults of the options): IMPORT_ROWS, IMPORT_IEX_ROWS, IMPORT_DATABASES, IMPORT_FORMATS,
IMPORT_MODES, IMPORT_SQLITE_URL (default sqlite:///<project>/var/bench_import.sqlite3), IMPORT_PG_URL
(default postgres://postgres@127.0.0.1:5432/khuyenhoc_bench_import, created if missing), BENCH_OUT.
Writes bench/out/import_summary.md, bench/out/import_summary.json and one log and JSON per run in
bench/out/import/.
"""

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import OUT_DIR, PROJECT_DIR
from import_generate import DEFAULT_OUT, file_paths
from run_all import ensure_pg_database

PYTHON = sys.executable
BENCH = PROJECT_DIR / "bench"
RUN_DIR = OUT_DIR / "import"
ALL_MODES = ("engine", "iex", "iex-bulk", "raw", "raw-plain", "raw-all", "read", "engine-small")
GOAL_IEX_TIMES, GOAL_RAW_FRACTION, GOAL_PEAK_MB = 20, 1 / 3, 500


def run(command: list[str], log_path: Path) -> None:
    """Run `command`, echoing its output and keeping it in `log_path`."""
    print("$ " + " ".join(command), flush=True)
    with open(log_path, "w") as log:
        process = subprocess.Popen(  # noqa: S603
            command, cwd=PROJECT_DIR, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        for line in process.stdout:
            if not line.startswith("RESULT "):
                sys.stdout.write(line)
            log.write(line)
        if process.wait() != 0:
            raise SystemExit(f"failed ({process.returncode}): {' '.join(command)}; see {log_path}")


def measure(url: str, db: str, fmt: str, mode: str, path: Path) -> dict:
    name = f"{db}-{fmt}-{mode}"
    out = RUN_DIR / f"{name}.json"
    bench_mode = "engine" if mode == "engine-small" else mode
    script = str(BENCH / "import_bench.py")
    if mode != "read":
        run([PYTHON, script, "reset", "--database-url", url], RUN_DIR / f"{name}-reset.log")
    command = [PYTHON, script, "run", "--database-url", url, "--no-reset"]
    command += ["--file", str(path), "--mode", bench_mode, "--json", str(out)]
    run(command, RUN_DIR / f"{name}.log")
    result = json.loads(out.read_text())
    print(
        f"  → {db} {fmt} {mode}: {result['rows']:,} rows in {result['seconds']:.1f} s = "
        f"{result['rows_per_second']:,} rows/s, peak {result['peak_rss_mb']} MB",
        flush=True,
    )
    return result


def ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 2) if a and b else None


def cell(result: dict | None) -> str:
    if not result:
        return "—"
    return (
        f"{result['rows_per_second']:,} rows/s · {result['seconds']:,.1f} s · "
        f"{result['peak_rss_mb']:,} MB"
    )


def summarise(results: dict, args: argparse.Namespace, meta: dict) -> tuple[str, dict]:
    """The Markdown table and the ratios against the goals."""
    labels = {
        "engine": f"engine, {args.rows:,} rows",
        "raw": f"raw bulk load (people_person only), {args.rows:,} rows",
        "raw-plain": f"raw bulk load, default connection settings, {args.rows:,} rows",
        "raw-all": f"raw bulk load of everything the engine writes, {args.rows:,} rows",
        "engine-small": f"engine, {args.iex_rows:,}-row prefix",
        "iex": f"django-import-export default, {args.iex_rows:,}-row prefix",
        "iex-bulk": f"django-import-export use_bulk, {args.iex_rows:,}-row prefix",
        "read": f"open_table only (reading, no database), {args.rows:,} rows",
    }
    columns = [(db, fmt) for db in args.databases for fmt in args.formats]
    titles = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
    lines = [
        "| run | " + " | ".join(f"{titles[db]} {fmt.upper()}" for db, fmt in columns) + " |",
        "|---" * (len(columns) + 1) + "|",
    ]
    for mode in [m for m in ALL_MODES if m in args.modes]:
        row = [cell(results.get(f"{db}-{fmt}-{mode}")) for db, fmt in columns]
        lines.append(f"| {labels[mode]} | " + " | ".join(row) + " |")
    goals = {}
    ratio_lines = [
        "",
        "| goal | " + " | ".join(f"{titles[db]} {fmt.upper()}" for db, fmt in columns) + " |",
        "|---" * (len(columns) + 1) + "|",
    ]
    checks = [
        ("engine ÷ iex default (goal ≥ 20×)", "engine", "iex", GOAL_IEX_TIMES, "×"),
        ("engine ÷ iex use_bulk", "engine", "iex-bulk", None, "×"),
        ("engine ÷ raw (goal ≥ 0.33)", "engine", "raw", GOAL_RAW_FRACTION, ""),
        ("engine ÷ raw with default settings", "engine", "raw-plain", GOAL_RAW_FRACTION, ""),
        ("engine ÷ raw-all", "engine", "raw-all", None, ""),
        ("engine at the prefix ÷ iex default", "engine-small", "iex", None, "×"),
    ]
    for label, left, right, goal, unit in checks:
        row = []
        for db, fmt in columns:
            a = results.get(f"{db}-{fmt}-{left}", {}).get("rows_per_second")
            b = results.get(f"{db}-{fmt}-{right}", {}).get("rows_per_second")
            value = ratio(a, b)
            goals[f"{db}-{fmt}: {left}/{right}"] = value
            mark = "" if goal is None or value is None else (" ✓" if value >= goal else " ✗")
            row.append("—" if value is None else f"{value:g}{unit}{mark}")
        ratio_lines.append(f"| {label} | " + " | ".join(row) + " |")
    for key, label in (
        ("peak_pss_mb", "engine peak PSS, importer + parser sampled together (goal < 500 MB)"),
        ("peak_rss_mb", "engine peak RSS, importer's + parser's maxima added (upper bound)"),
    ):
        row = []
        for db, fmt in columns:
            peak = results.get(f"{db}-{fmt}-engine", {}).get(key)
            goals[f"{db}-{fmt}: engine {key}"] = peak
            mark = " ✓" if peak is not None and peak < GOAL_PEAK_MB else " ✗"
            row.append("—" if peak is None else f"{peak:,} MB{mark}")
        ratio_lines.append(f"| {label} | " + " | ".join(row) + " |")
    states = {r["source"]["source_sha1"]: r["source"] for r in results.values() if r}
    code = "; ".join(
        f"commit {s['commit']}"
        + (f" + {len(s['changed'])} changed files" if s["changed"] else "")
        + f" (source hash {h})"
        for h, s in states.items()
    )
    if len(states) > 1:
        code += f" — ⚠ the source changed during the run ({len(states)} states)"
    text = "\n".join(
        [
            "# Import of one million persons",
            "",
            f"{meta['started']} · {meta['machine']} · Python {meta['python']}",
            "",
            f"Code measured: {code}",
            "",
            "rows/s · wall seconds · peak RSS (ru_maxrss; the engine: importer's plus parser's)",
            "",
            *lines,
            *ratio_lines,
            "",
        ]
    )
    return text, goals


def main() -> None:
    env = os.environ.get
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=int(env("IMPORT_ROWS", "1000000")))
    parser.add_argument("--iex-rows", type=int, default=int(env("IMPORT_IEX_ROWS", "20000")))
    parser.add_argument("--databases", default=env("IMPORT_DATABASES", "sqlite,postgresql"))
    parser.add_argument("--formats", default=env("IMPORT_FORMATS", "csv,xlsx"))
    parser.add_argument("--modes", default=env("IMPORT_MODES", ",".join(ALL_MODES)))
    parser.add_argument(
        "--summarise-only",
        action="store_true",
        help="rebuild the table from the runs' JSON files in bench/out/import/ (after re-running a cell)",
    )
    args = parser.parse_args()
    args.databases = args.databases.split(",")
    args.formats = args.formats.split(",")
    args.modes = args.modes.split(",")
    urls = {
        "sqlite": env("IMPORT_SQLITE_URL")
        or f"sqlite:///{PROJECT_DIR / 'var' / 'bench_import.sqlite3'}",
        "postgresql": env("IMPORT_PG_URL")
        or "postgres://postgres@127.0.0.1:5432/khuyenhoc_bench_import",
    }
    RUN_DIR.mkdir(parents=True, exist_ok=True)
    meta = {
        "started": time.strftime("%Y-%m-%d %H:%M:%S %z"),
        "machine": f"{os.cpu_count()} CPUs, {platform.platform()}",
        "python": platform.python_version(),
        "rows": args.rows,
        "iex_rows": args.iex_rows,
    }

    if args.summarise_only:
        results = {
            path.stem: json.loads(path.read_text())
            for path in sorted(RUN_DIR.glob("*.json"))
            if not path.stem.endswith("-reset")
        }
        text, _goals = summarise(results, args, meta)
        (OUT_DIR / "import_summary.md").write_text(text)
        print(text)
        return
    files = file_paths(DEFAULT_OUT, args.rows)
    small = file_paths(DEFAULT_OUT, args.iex_rows)
    if not all(p.exists() for p in [*files.values(), *small.values()]):
        command = [PYTHON, str(BENCH / "import_generate.py"), "--count", str(args.rows)]
        command += ["--prefix", str(args.iex_rows), "--database-url", urls["sqlite"]]
        run(command, RUN_DIR / "generate.log")

    results: dict[str, dict] = {}
    summary_json = OUT_DIR / "import_summary.json"
    for db in args.databases:
        url = urls[db]
        if db == "postgresql":
            ensure_pg_database(url)
        prepare = [PYTHON, str(BENCH / "import_bench.py"), "prepare", "--database-url", url]
        run(prepare, RUN_DIR / f"{db}-prepare.log")
        for fmt in args.formats:
            for mode in [m for m in ALL_MODES if m in args.modes]:
                if mode == "read" and db != args.databases[0]:
                    # Reading touches no database: measured once per format, shown in every column.
                    results[f"{db}-{fmt}-read"] = results.get(f"{args.databases[0]}-{fmt}-read")
                    continue
                path = small[fmt] if mode in ("iex", "iex-bulk", "engine-small") else files[fmt]
                results[f"{db}-{fmt}-{mode}"] = measure(url, db, fmt, mode, path)
                summary_json.write_text(
                    json.dumps({"meta": meta, "results": results}, indent=2, ensure_ascii=False)
                )

    text, goals = summarise(results, args, meta)
    meta["finished"] = time.strftime("%Y-%m-%d %H:%M:%S %z")
    summary_json.write_text(
        json.dumps({"meta": meta, "results": results, "goals": goals}, indent=2, ensure_ascii=False)
    )
    (OUT_DIR / "import_summary.md").write_text(text)
    print()
    print(text)


if __name__ == "__main__":
    main()
