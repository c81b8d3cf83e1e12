"""A web import whose worker is killed half-way: nothing is written, the job page shows it stopped once
its lease expires, and "Chạy lại" runs the same file again from the start — real server, real worker
processes, a real SIGKILL, on the database the suite runs on."""

import json
import os
import re
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from khuyenhoc.bulk.tests.processes import (
    Browser,
    free_port,
    khuyenhoc,
    query,
    wait_for_port,
)
from khuyenhoc.people.cccd import make_cccd
from khuyenhoc.testing.factories import TEST_PASSWORD

ROWS = 60_000  # several seconds of work for the worker, so that it is killed half-way
LEASE = 3.0  # seconds; the worker renews it every quarter of this
DIED = "Tiến trình nhập đã dừng giữa chừng; không dòng nào được ghi."
# A commune association and its clerk, made by the same factories as the in-process tests.
PEOPLE = """
from khuyenhoc.testing import factories as f
province = f.orgnode(kind="province", code="HKH-T40", name="Hội Khuyến học tỉnh Nghệ An", place_code="40")
commune = f.orgnode(parent=province, code="HKH-A", name="Hội Khuyến học xã A")
f.user("clerk_a", commune, ["clerk"])
"""


@dataclass
class Site:
    url: str
    env: dict[str, str]
    port: int
    imports: Path

    def persons(self) -> int:
        return query(self.url, "SELECT COUNT(*) FROM people_person")[0][0]

    def worker(self, *args: str) -> subprocess.Popen:
        command = [sys.executable, "-m", "khuyenhoc.cli", "db_worker", "--no-reload", *args]
        return subprocess.Popen(command, env=self.env, stdout=subprocess.DEVNULL)  # noqa: S603


@pytest.fixture
def site(tmp_path: Path, scratch_database_url: str):
    """A commune's clerk on a scratch database, served by `khuyenhoc runserver` with a short lease."""
    env = {
        **os.environ, "DATABASE_URL": scratch_database_url,
        "DJANGO_SETTINGS_MODULE": "khuyenhoc.settings", "KHUYENHOC_VAR_DIR": str(tmp_path / "var"),
        "IMPORT_LEASE_SECONDS": str(LEASE),
    }  # fmt: skip
    khuyenhoc("migrate", "-v0", env=env)
    khuyenhoc("shell", "-c", PEOPLE, env=env)
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "khuyenhoc.cli",
        "runserver",
        "--noreload",
        f"127.0.0.1:{port}",
    ]
    with open(tmp_path / "server.log", "wb") as log:
        server = subprocess.Popen(command, env=env, stdout=log, stderr=log)  # noqa: S603
    try:
        wait_for_port(port, process=server)
        yield Site(scratch_database_url, env, port, tmp_path / "var" / "media" / "imports")
    finally:
        server.kill()
        server.wait(timeout=30)


def test_a_killed_workers_import_writes_nothing_shows_stopped_and_its_retry_imports_all_once(
    site: Site,
):
    browser = _signed_in(site, "clerk_a")
    before = site.persons()
    posted = browser.post(
        "/bulk/persons/import/", {"org_code": "HKH-A"}, files={"file": ("lon.csv", _csv())}
    )
    job = _job_id(posted.location)

    killed_at_rows = _kill_the_worker_half_way(site, job)
    too_soon = browser.get(f"/bulk/jobs/{job}/")
    time.sleep(LEASE + 0.5)
    page = browser.get(f"/bulk/jobs/{job}/")
    polled = browser.get(f"/bulk/jobs/{job}/", headers={"HX-Request": "true"})

    assert 0 < killed_at_rows < ROWS
    assert site.persons() == before, "a killed run wrote rows"
    assert "hx-trigger" in too_soon.text, "taken for dead before its lease expired"
    assert DIED in page.text
    assert "Chạy lại</button>" in page.text
    assert DIED in polled.text
    assert "hx-trigger" not in polled.text
    assert "Dừng giữa chừng" in browser.get("/bulk/").text

    retry, refused = _retry_twice(browser, job)  # a double click
    khuyenhoc("db_worker", "--batch", "--no-startup-delay", "--no-reload", env=site.env)

    assert "Lần nhập này đã được chạy lại." in refused
    assert _jobs(site) == [(job, "died", None, 1), (retry, "done", job, 2)]
    assert site.persons() == before + ROWS
    assert _imported_cccds(site) == (ROWS, ROWS), "every row once"
    assert "Đã ghi vào cơ sở dữ liệu." in browser.get(f"/bulk/jobs/{retry}/").text


def _signed_in(site: Site, username: str) -> Browser:
    browser = Browser(site.port)
    browser.get("/accounts/login/")
    signed = browser.post("/accounts/login/", {"username": username, "password": TEST_PASSWORD})
    assert signed.status == 302, signed.text[:500]
    return browser


def _csv() -> bytes:
    lines = ["Họ và tên,Năm sinh,Giới tính,Số CCCD"]
    lines += [
        f"Người Thử {i},1980,Nam,"
        + make_cccd(province="040", gender="male", birth_year=1980, serial=600_000 + i)
        for i in range(ROWS)
    ]
    return "\n".join(lines).encode()


def _job_id(location: str) -> int:
    found = re.fullmatch(r"/bulk/jobs/(\d+)/", location)
    assert found, location
    return int(found[1])


def _retry_twice(browser: Browser, job: int) -> tuple[int, str]:
    """Press "Chạy lại" twice: the retry's id, and the page the second press leads to."""
    retried = browser.post(f"/bulk/jobs/{job}/retry/", {})
    again = browser.post(f"/bulk/jobs/{job}/retry/", {})
    assert again.location == f"/bulk/jobs/{job}/"
    return _job_id(retried.location), browser.get(again.location).text


def _kill_the_worker_half_way(site: Site, job: int) -> int:
    """Start a worker, SIGKILL it once it has checked some rows; the rows it had reached."""
    worker = site.worker("--no-startup-delay", "--interval", "0.2")
    deadline, rows = time.monotonic() + 120, 0
    while rows == 0 and time.monotonic() < deadline and worker.poll() is None:
        time.sleep(0.05)
        try:
            rows = json.loads((site.imports / f"{job}.progress.json").read_text())["rows"]
        except (OSError, ValueError):
            rows = 0
    alive = worker.poll() is None
    worker.send_signal(signal.SIGKILL)
    worker.wait(timeout=30)
    assert alive, "the worker ended before it could be killed"
    return rows


def _jobs(site: Site) -> list[tuple]:
    return query(
        site.url, "SELECT id, status, retry_of_id, attempt FROM bulk_importjob ORDER BY id"
    )


def _imported_cccds(site: Site) -> tuple[int, int]:
    sql = "SELECT COUNT(*), COUNT(DISTINCT cccd) FROM people_person WHERE full_name LIKE 'Người Thử %'"
    return query(site.url, sql)[0]
