"""Export a million persons to CSV and XLSX in bounded memory, beside django-import-export (not a test).

    .venv/bin/python bench/export_bench.py [--databases sqlite,postgresql] [--rows 1000000]
        [--iex-rows 200000] [--formats csv,xlsx]

For each database the people tables are filled with the import benchmark's file (import_bench.py, raw-all:
persons with their name keys and history) unless they already hold `--rows` persons. Each export then runs
as its own process, and its peak memory is that process's ru_maxrss (os.wait4):
  ours  `khuyenhoc export persons --format F --output PATH`, the command a user runs: the scoped queryset
        read in chunks of 2,000, CSV line by line, XLSX by xlsxwriter in constant_memory mode.
  iex   django-import-export 4.4 exporting the same queryset with the import benchmark's PersonResource
        (Resource.export builds a tablib Dataset in memory, then writes it), on the first `--iex-rows`
        persons, because at a million it would need gigabytes.
Writes bench/out/export_summary.md and .json.
"""

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import OUT_DIR, PROJECT_DIR, setup_django
from import_generate import DEFAULT_OUT, file_paths
from run_all import ensure_pg_database

PYTHON = sys.executable
BENCH = PROJECT_DIR / "bench"
URLS = {
    "sqlite": f"sqlite:///{PROJECT_DIR / 'var' / 'bench_import.sqlite3'}",
    "postgresql": "postgres://postgres@127.0.0.1:5432/khuyenhoc_bench_import",
}


def person_count(url: str) -> int:
    script = (
        "import sys; sys.path.insert(0, 'bench'); from _common import setup_django; "
        f"setup_django({url!r}); from khuyenhoc.people.models import Person; "
        "print(Person.objects.count())"
    )
    out = subprocess.run(  # noqa: S603
        [PYTHON, "-c", script], cwd=PROJECT_DIR, capture_output=True, text=True, check=True
    )
    return int(out.stdout.strip().splitlines()[-1])


def fill(url: str, rows: int) -> None:
    """Load `rows` persons (with name keys and history) unless the tables already hold them."""
    if person_count(url) == rows:
        return
    path = file_paths(DEFAULT_OUT, rows)["csv"]
    script = BENCH / "import_bench.py"
    for command in (
        ["prepare", "--database-url", url],
        ["reset", "--database-url", url],
        ["run", "--database-url", url, "--no-reset", "--file", str(path), "--mode", "raw-all"],
    ):
        subprocess.run([PYTHON, str(script), *command], cwd=PROJECT_DIR, check=True)  # noqa: S603


def measured(command: list[str], env: dict[str, str]) -> dict:
    """Run `command` as a child; its wall seconds and peak RSS (MB)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=PROJECT_DIR, env=env)  # noqa: S603
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}")
    return {"seconds": round(seconds, 2), "peak_rss_mb": round(usage.ru_maxrss / 1024)}


def run_iex_child(args: argparse.Namespace) -> None:
    """The baseline, in this (child) process: django-import-export's export of the first rows."""
    setup_django(args.database_url)
    from import_bench import _iex_resources

    from khuyenhoc.people.models import Person

    resource_class, _bulk = _iex_resources(args.province)
    queryset = Person.objects.select_related("ethnicity", "commune", "org_node").order_by("id")
    dataset = resource_class().export(queryset=queryset[: args.rows])
    data = dataset.export(args.format)
    Path(args.output).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8-sig"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("step", nargs="?", default="all", choices=["all", "iex-child"])
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--formats", default="csv,xlsx")
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--iex-rows", type=int, default=200_000)
    # iex-child only
    parser.add_argument("--database-url")
    parser.add_argument("--format")
    parser.add_argument("--output")
    parser.add_argument("--province", default="40")
    args = parser.parse_args()
    if args.step == "iex-child":
        run_iex_child(args)
        return

    out_dir = PROJECT_DIR / "var" / "bench_export"
    out_dir.mkdir(parents=True, exist_ok=True)
    results: dict[str, dict] = {}
    for db in args.databases.split(","):
        url = URLS[db]
        if db == "postgresql":
            ensure_pg_database(url)
        fill(url, args.rows)
        env = {**os.environ, "DATABASE_URL": url}
        env.pop("DEBUG", None)
        for fmt in args.formats.split(","):
            target = out_dir / f"{db}-ours.{fmt}"
            command = [str(PROJECT_DIR / ".venv" / "bin" / "khuyenhoc"), "export", "persons"]
            command += ["--format", fmt, "--output", str(target)]
            ours = measured(command, env) | {"rows": args.rows, "bytes": target.stat().st_size}
            target = out_dir / f"{db}-iex.{fmt}"
            command = [PYTHON, str(BENCH / "export_bench.py"), "iex-child", "--database-url", url]
            command += ["--format", fmt, "--output", str(target), "--rows", str(args.iex_rows)]
            iex = measured(command, env) | {"rows": args.iex_rows, "bytes": target.stat().st_size}
            for name, result in (("ours", ours), ("iex", iex)):
                result["rows_per_second"] = round(result["rows"] / result["seconds"])
                results[f"{db}-{fmt}-{name}"] = result
                print(db, fmt, name, result, flush=True)

    titles = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
    lines = [
        "| export | database | format | rows | seconds | rows/s | peak RSS |",
        "|---|---|---|---|---|---|---|",
    ]
    for key, r in results.items():
        db, fmt, name = key.split("-")
        label = "khuyenhoc export" if name == "ours" else "django-import-export (prefix)"
        lines.append(
            f"| {label} | {titles[db]} | {fmt.upper()} | {r['rows']:,} | {r['seconds']} "
            f"| {r['rows_per_second']:,} | {r['peak_rss_mb']:,} MB |"
        )
    text = "\n".join(lines) + "\n"
    (OUT_DIR / "export_summary.md").write_text(text)
    (OUT_DIR / "export_summary.json").write_text(json.dumps(results, indent=2))
    print(text)


if __name__ == "__main__":
    main()
