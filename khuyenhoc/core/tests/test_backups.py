"""`khuyenhoc backup` and `khuyenhoc restore`, run as commands on real databases (the suite's engine).

A populated installation (reference data, the demo data set, uploaded files) is backed up and restored
into a new empty database; every table's rows and every file come back. Bad archives and non-empty
targets are refused with a Vietnamese message and change nothing.
"""

import io
import json
import random
import re
import tarfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path

import pytest

from khuyenhoc.core.backups.errors import BackupError
from khuyenhoc.core.backups.postgres import pg_tool
from khuyenhoc.core.tests.backup_sites import ON_POSTGRES, Site, new_site

MEDIA_FILES = {
    "evidence/2026/01/Bí Mật.pdf": b"%PDF-1.4 Bi Mat",
    "programmes/2026/ky.pdf": b"%PDF-1.4 ky",
    "imports/7.progress.json": b'{"rows": 3, "total": 3}',
    "imports/lon.bin": random.Random(13).randbytes(3 << 20),  # several read chunks
}


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """A populated installation: reference data, the demo data set and uploaded files."""
    with new_site(tmp_path_factory.mktemp("backups"), "backup_source") as site:
        for args in (("migrate", "-v0"), ("seed_demo",)):
            done = site.run(*args)
            assert done.returncode == 0, done.stderr
        for name, data in MEDIA_FILES.items():
            (site.media / name).parent.mkdir(parents=True, exist_ok=True)
            (site.media / name).write_bytes(data)
        yield site


@pytest.fixture(scope="module")
def backup(source: Site) -> tuple[Path, str]:
    """`khuyenhoc backup` of the source with the default file name: (archive, what it printed)."""
    done = source.run("backup")
    assert done.returncode == 0, done.stderr
    (archive,) = (source.var / "backups").glob("*.tar")
    return archive, done.stdout


@pytest.fixture
def target(tmp_path: Path) -> Iterator[Site]:
    with new_site(tmp_path, "restore") as site:
        yield site


def test_a_backup_is_named_by_its_time_and_summed_up_in_one_line(backup):
    archive, printed = backup

    assert re.fullmatch(r"khuyenhoc-\d{8}-\d{6}\.tar", archive.name)
    assert printed.count("\n") == 1
    assert printed.startswith(f"Đã sao lưu vào {archive} (")
    assert re.search(r"\d+ bảng, [\d.]+ dòng, 4 tệp đính kèm\.$", printed.strip())


def test_restore_gives_every_row_of_every_table_and_every_file_back(source, backup, target):
    done = target.run("restore", str(backup[0]))

    assert done.returncode == 0, done.stderr
    assert "Đã khôi phục" in done.stdout
    restored, original = target.digests(), source.digests()
    assert sum(rows > 0 for rows, _ in original.values()) > 40  # a populated database
    assert original["people_person"][0] > 100
    assert restored == original
    assert target.media_digests() == source.media_digests()
    assert len(source.media_digests()) == len(MEDIA_FILES)
    assert target.run("migrate", "--check").returncode == 0


def test_restore_refuses_a_database_that_holds_rows_and_names_the_table(source, backup):
    before = source.digests()

    done = source.run("restore", str(backup[0]))

    assert done.returncode != 0
    assert re.search(r"không trống — bảng \w+ có [\d.]+ dòng", done.stderr)
    assert source.digests() == before


def test_backup_never_overwrites_a_file(source, backup):
    archive = backup[0]
    before = archive.read_bytes()

    done = source.run("backup", "--output", str(archive))

    assert done.returncode != 0
    assert "đã có" in done.stderr
    assert archive.read_bytes() == before


def _rewritten(good: Path, bad: Path, change: Callable[[str, bytes], tuple[str, bytes]]) -> None:
    """A copy of the archive with each member passed through `change` (name, data)."""
    with tarfile.open(good) as old, tarfile.open(bad, "w") as new:
        for member in old.getmembers():
            source = old.extractfile(member)
            name, data = change(member.name, source.read() if source else b"")
            info = tarfile.TarInfo(name)
            info.size = len(data)
            new.addfile(info, io.BytesIO(data))


def _manifest_edited(**changes) -> Callable[[str, bytes], tuple[str, bytes]]:
    def change(name: str, data: bytes) -> tuple[str, bytes]:
        if name != "manifest.json":
            return name, data
        manifest = json.loads(data)
        for key, value in changes.items():
            manifest[key] = value(manifest[key])
        return name, json.dumps(manifest).encode()

    return change


def _tampered(name: str, data: bytes) -> tuple[str, bytes]:
    if name.startswith("database/"):
        data = data[:1000] + bytes([data[1000] ^ 1]) + data[1001:]
    return name, data


def _with_stranger(name: str, data: bytes) -> tuple[str, bytes]:
    return ("../thoat.txt", data) if name == "media/programmes/2026/ky.pdf" else (name, data)


OTHER_ENGINE = "sqlite" if ON_POSTGRES else "postgresql"
BAD = {
    "missing": (lambda good, bad: None, "Không có tệp"),
    "not a tar": (lambda good, bad: bad.write_text("họ và tên\n"), "không phải bản sao lưu"),
    "cut in half": (
        lambda good, bad: bad.write_bytes(good.read_bytes()[: good.stat().st_size // 2]),
        "không đầy đủ hoặc bị hỏng",
    ),
    "tail cut": (
        lambda good, bad: bad.write_bytes(good.read_bytes()[:-10_500]),
        "không đầy đủ hoặc bị hỏng",
    ),
    "a byte changed": (
        lambda good, bad: _rewritten(good, bad, _tampered),
        "không khớp mã kiểm tra SHA-256",
    ),
    "a member not in the manifest": (
        lambda good, bad: _rewritten(good, bad, _with_stranger),
        "mục không có trong manifest.json: ../thoat.txt",
    ),
    "the other engine": (
        lambda good, bad: _rewritten(good, bad, _manifest_edited(engine=lambda _: OTHER_ENGINE)),
        "không khôi phục chéo được",
    ),
    "a newer version": (
        lambda good, bad: _rewritten(
            good, bad, _manifest_edited(migrations=lambda m: {**m, "core": ["9999_tuong_lai"]})
        ),
        "phiên bản mới hơn",
    ),
}


@pytest.mark.parametrize("case", BAD)
def test_a_bad_archive_is_refused_and_changes_nothing(backup, target, tmp_path, case):
    make, message = BAD[case]
    bad = tmp_path / "hong.tar"
    make(backup[0], bad)

    done = target.run("restore", str(bad))

    assert done.returncode != 0
    assert message in done.stderr
    assert "Traceback" not in done.stderr
    assert target.tables() == []
    assert target.media_digests() == {}


def test_a_different_file_in_the_media_folder_is_never_overwritten(backup, target):
    mine = target.media / "evidence/2026/01/Bí Mật.pdf"
    mine.parent.mkdir(parents=True)
    mine.write_bytes(b"%PDF-1.4 cua toi")

    done = target.run("restore", str(backup[0]))

    assert done.returncode != 0
    assert "không ghi đè" in done.stderr
    assert target.tables() == []
    assert {path.name for path in target.media.rglob("*") if path.is_file()} == {"Bí Mật.pdf"}
    assert mine.read_bytes() == b"%PDF-1.4 cua toi"


def test_a_missing_pg_dump_of_the_servers_version_names_the_package_to_install():
    with pytest.raises(BackupError, match="postgresql-client-99"):
        pg_tool("pg_dump", 99)


class PairWriter(threading.Thread):
    """Writes row n into two probe tables in one transaction, n = 1, 2, ..., until stopped."""

    def __init__(self, site: Site) -> None:
        super().__init__(daemon=True)
        self.site, self.committed, self.stop = site, 0, threading.Event()
        self.failure: BaseException | None = None

    def run(self) -> None:
        try:
            with closing(self.site.connect()) as connection:
                for table in ("backup_probe_a", "backup_probe_b"):
                    connection.execute(f"CREATE TABLE {table} (n bigint PRIMARY KEY)")
                connection.commit()
                while not self.stop.is_set():
                    for table in ("backup_probe_a", "backup_probe_b"):
                        connection.execute(f"INSERT INTO {table} VALUES ({self.committed + 1})")  # noqa: S608
                    connection.commit()
                    self.committed += 1
                    time.sleep(0.001)
        except BaseException as error:  # reported by the test
            self.failure = error


@pytest.fixture
def writer(source: Site) -> Iterator[PairWriter]:
    thread = PairWriter(source)
    thread.start()
    yield thread
    thread.stop.set()
    thread.join(timeout=30)
    with closing(source.connect()) as connection:
        for table in ("backup_probe_a", "backup_probe_b"):
            connection.execute(f"DROP TABLE IF EXISTS {table}")
        connection.commit()


def test_a_backup_taken_while_another_connection_writes_is_one_point_in_time(
    source, writer, target, tmp_path
):
    while writer.committed < 20 and writer.is_alive():
        time.sleep(0.05)
    before = writer.committed
    done = source.run("backup", "--output", str(tmp_path / "ban.tar"))
    after = writer.committed

    assert done.returncode == 0, done.stderr
    assert writer.failure is None
    assert after > before  # it kept writing while the backup ran
    assert target.run("restore", str(tmp_path / "ban.tar")).returncode == 0
    with closing(target.connect()) as connection:
        a, b = (
            [row[0] for row in connection.execute(f"SELECT n FROM {table} ORDER BY n")]  # noqa: S608
            for table in ("backup_probe_a", "backup_probe_b")
        )
    assert a == b == list(range(1, len(a) + 1))  # whole transactions, none half, no gap
    assert before <= len(a) <= after
    assert _integrity_problems(target) == []
    with tarfile.open(tmp_path / "ban.tar") as archive:
        manifest = json.loads(archive.extractfile("manifest.json").read())
    assert manifest["tables"]["backup_probe_a"] == len(a)
    assert {table: rows for table, (rows, _) in target.digests().items()} == {
        **manifest["tables"],
        **({"(sequences)": 0} if ON_POSTGRES else {}),
    }


def _integrity_problems(site: Site) -> list[str]:
    """SQLite's integrity_check findings (none on PostgreSQL, which checks pages as it reads).

    SQLite 3.40's check reports "NULL value in T.C" for NOT NULL columns of WITHOUT ROWID tables that
    hold no NULL (people_personnamekey); each such report is checked here with a query instead.
    """
    if ON_POSTGRES:
        return []
    found = []
    with closing(site.connect()) as connection:
        for (line,) in connection.execute("PRAGMA integrity_check(1000000)").fetchall():
            claim = re.fullmatch(r"NULL value in (\w+)\.(\w+)", line)
            if claim:
                query = f'SELECT COUNT(*) FROM "{claim[1]}" WHERE "{claim[2]}" IS NULL'  # noqa: S608
                if connection.execute(query).fetchone()[0] == 0:
                    continue
            found.append(line)
    return [] if found == ["ok"] else found
