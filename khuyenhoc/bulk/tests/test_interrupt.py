"""A killed import leaves nothing behind: the run is one transaction, in a real separate process."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from khuyenhoc.bulk.tests.processes import khuyenhoc, query
from khuyenhoc.people.cccd import make_cccd

ROWS = 200_000


def test_killing_an_import_midway_writes_no_row(tmp_path: Path, scratch_database_url: str):
    database_url = scratch_database_url
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "khuyenhoc.settings",
    }
    khuyenhoc("migrate", "-v0", env=env)
    khuyenhoc("seed_demo", env=env)
    before = _count(database_url)
    lines = ["Họ và tên,Năm sinh,Giới tính,Số CCCD"]
    lines += [
        f"Người Thử {i},1980,Nam,{make_cccd(province='040', gender='male', birth_year=1980, serial=500_000 + i)}"
        for i in range(ROWS)
    ]
    (tmp_path / "big.csv").write_text("\n".join(lines), encoding="utf-8")

    process = subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            "-m",
            "khuyenhoc.cli",
            "import",
            "persons",
            str(tmp_path / "big.csv"),
            "--org",
            "HKH-40-C1",
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    time.sleep(3)
    still_running = process.poll() is None
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)

    assert still_running, "the import finished before it could be interrupted; raise ROWS"
    assert _count(database_url) == before
    assert _processes_reading(tmp_path / "big.csv") == [], "the parsing process outlived the import"


def _processes_reading(path: Path, *, wait: float = 10.0) -> list[int]:
    """Processes still running with `path` on their command line, after waiting up to `wait` s."""
    deadline = time.monotonic() + wait
    while True:
        found = []
        for entry in Path("/proc").iterdir():
            try:
                command = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if entry.name.isdigit() and str(path).encode() in command:
                found.append(int(entry.name))
        if not found or time.monotonic() > deadline:
            return found
        time.sleep(0.2)


def _count(url: str) -> int:
    return query(url, "SELECT COUNT(*) FROM people_person")[0][0]
