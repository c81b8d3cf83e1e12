"""Run every benchmark on SQLite and PostgreSQL and print one table (`make bench`; not a test).

Environment:
  BENCH_PERSONS    persons to generate (default 1000000)
  BENCH_DATABASES  which databases, comma-separated (default "sqlite,postgresql")
  BENCH_SQLITE_URL default sqlite:///<project>/var/bench.sqlite3
  BENCH_PG_URL     default postgres://postgres@127.0.0.1:5432/khuyenhoc_bench (created if missing)
  BENCH_WRK        "0" skips the wrk load test of the running server (default "1")
  BENCH_OUT        where logs and JSON go (default bench/out/)

Logs, JSON figures and summary.md go to bench/out/. Generation is skipped when the database already holds the same
number of benchmark persons, so a second run only measures.
"""

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import OUT_DIR, PROJECT_DIR

PYTHON = sys.executable
BENCH = PROJECT_DIR / "bench"


def ensure_pg_database(url: str) -> None:
    """CREATE DATABASE for `url` if it does not exist yet (connecting to the "postgres" database)."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            print(f"creating database {name}", flush=True)
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def run(command: list[str], log_path: Path) -> None:
    """Run `command`, echoing its output and keeping it in `log_path`."""
    print("$ " + " ".join(command), flush=True)
    with open(log_path, "w") as log:
        process = subprocess.Popen(  # noqa: S603
            command, cwd=PROJECT_DIR, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        for line in process.stdout:
            sys.stdout.write(line)
            log.write(line)
        if process.wait() != 0:
            raise SystemExit(f"failed ({process.returncode}): {' '.join(command)}; see {log_path}")


def read(path: Path) -> dict:
    return json.loads(path.read_text()) if path.exists() else {}


def main() -> None:
    persons = int(os.environ.get("BENCH_PERSONS", "1000000"))
    databases = os.environ.get("BENCH_DATABASES", "sqlite,postgresql").split(",")
    urls = {
        "sqlite": os.environ.get("BENCH_SQLITE_URL")
        or f"sqlite:///{PROJECT_DIR / 'var' / 'bench.sqlite3'}",
        "postgresql": os.environ.get("BENCH_PG_URL")
        or "postgres://postgres@127.0.0.1:5432/khuyenhoc_bench",
    }
    with_wrk = os.environ.get("BENCH_WRK", "1") != "0"
    OUT_DIR.mkdir(exist_ok=True)
    (PROJECT_DIR / "var").mkdir(exist_ok=True)
    started = time.strftime("%Y-%m-%d %H:%M:%S %z")

    figures: dict[str, dict] = {}
    for db in databases:
        url = urls[db]
        if db == "postgresql":
            ensure_pg_database(url)
        out = {name: OUT_DIR / f"{name}-{db}.json" for name in ("generate", "list", "wrk")}
        for path in out.values():
            path.unlink(missing_ok=True)
        common = ["--database-url", url]
        run(
            [
                PYTHON,
                str(BENCH / "generate_persons.py"),
                *common,
                "--count",
                str(persons),
                "--json",
                str(out["generate"]),
            ],
            OUT_DIR / f"generate-{db}.log",
        )
        run(
            [PYTHON, str(BENCH / "bench_person_list.py"), *common, "--json", str(out["list"])],
            OUT_DIR / f"list-{db}.log",
        )
        if with_wrk:
            run(
                [PYTHON, str(BENCH / "wrk_person_list.py"), *common, "--json", str(out["wrk"])],
                OUT_DIR / f"wrk-{db}.log",
            )
        figures[db] = {name: read(path) for name, path in out.items()}

    summary: list[str] = []

    def emit(text: str = "") -> None:
        print(text)
        summary.append(text)

    emit(f"\n## Results ({persons:,} persons, run started {started})\n")
    emit("| database | generator rows/s |")
    emit("|---|---|")
    for db in databases:
        generated = figures[db]["generate"]
        rate = generated.get("rows_per_second")
        emit(f"| {db} | {f'{rate:,}' if rate else 'already loaded'} |")

    columns = [
        (db, variant) for db in databases for variant in figures[db]["list"].get("variants", [])
    ]
    emit("\nmedian / p95 in ms, one page of 50 (naive: keyset_paginate(person_list(...));")
    emit("page: people.listing.person_page, what the view and the API call)\n")
    emit("| case | " + " | ".join(f"{db} {variant}" for db, variant in columns) + " |")
    emit("|---|" + "---|" * len(columns))
    labels: dict[str, str] = {}
    cells: dict[tuple[str, str, str], str] = {}
    for db in databases:
        for row in figures[db]["list"].get("cases", []):
            labels[row["case"]] = row["label"]
            cells[row["case"], db, row["variant"]] = f"{row['median_ms']:.1f} / {row['p95_ms']:.1f}"
    for case, label in labels.items():
        row = [cells.get((case, db, variant), "–") for db, variant in columns]
        emit(f"| ({case}) {label} | " + " | ".join(row) + " |")
    for db in databases:
        listed = figures[db]["list"]
        if listed:
            emit(
                f"\n{db}: load average {listed['load_average_before'][0]:.2f} before the list "
                f"benchmark, {listed['load_average_after'][0]:.2f} after"
            )

    if with_wrk:
        emit("\n| database | path | req/s | p50 ms | p99 ms | non-2xx |")
        emit("|---|---|---|---|---|---|")
        for db in databases:
            for name in ("ping", "person_list"):
                row = figures[db]["wrk"].get(name, {})
                if "requests_per_second" in row:
                    emit(
                        f"| {db} | {row['path']} | {row['requests_per_second']:,.0f} | "
                        f"{row['p50_ms']} | {row['p99_ms']} | {row['non_2xx']} |"
                    )
                else:
                    emit(
                        f"| {db} | {row.get('path', name)} | skipped: {row.get('skipped')} | | | |"
                    )

    (OUT_DIR / "summary.md").write_text("\n".join(summary) + "\n")
    print(f"\n(summary also in {OUT_DIR / 'summary.md'})")


if __name__ == "__main__":
    main()
