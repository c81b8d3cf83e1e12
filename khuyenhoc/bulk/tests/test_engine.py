"""The import engine end to end with the persons kind: atomic runs, reports, exit codes, round trips."""

import io
import os
import threading
import unicodedata
from pathlib import Path

import pytest
from django.core.management import call_command
from python_calamine import CalamineWorkbook

from khuyenhoc.bulk.engine import run_import
from khuyenhoc.bulk.kinds import ImportContext
from khuyenhoc.bulk.models import ImportJob
from khuyenhoc.core.middleware import scope_for_user
from khuyenhoc.people.models import Person
from khuyenhoc.testing import factories as f

TITLE = "DANH SÁCH HỘI VIÊN NĂM 2024\nĐơn vị: Chi hội\n\n"
HEADER = "STT,HỌ VÀ TÊN,Ngày sinh,Giới tính,Số CCCD\n"


TONES = "\u0300\u0301\u0303\u0309\u0323"


def _cp1258(text: str) -> bytes:
    """Text as Vietnamese Windows writes it: vowels with ^ ( + precomposed, tone marks combining."""
    out = []
    for char in text:
        parts = unicodedata.normalize("NFD", char)
        tones = "".join(c for c in parts if c in TONES)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
        out.append((base + tones).encode("cp1258"))
    return b"".join(out)


def _csv(tmp_path: Path, body: str, *, encoding: str = "utf-8") -> Path:
    path = tmp_path / "ds.csv"
    text = TITLE + HEADER + body
    path.write_bytes(_cp1258(text) if encoding == "cp1258" else text.encode(encoding))
    return path


def _run(world, path: Path, **options):
    ctx = ImportContext(
        actor=world.clerk_a, scope=scope_for_user(world.clerk_a), org=world.commune_a
    )
    return run_import("persons", path, ctx=ctx, **options)


GOOD = "1,Nguyễn Văn Bảy,05/09/1985,Nam,40085123456\n2,NguyÔn ThÞ Hoa,1990,Nữ,040190000777\n"
BAD = "3,Lê Văn Sai,31/02/1985,Nam,\n"


def test_a_clean_file_is_imported_with_fixes_and_twice_changes_nothing(world, tmp_path):
    path = _csv(tmp_path, GOOD)

    first = _run(world, path)
    second = _run(world, path)

    assert (first.read, first.created, first.invalid, first.exit_code) == (2, 2, 0, 0)
    assert (second.created, second.updated, second.unchanged) == (0, 0, 2)
    bay = Person.objects.get(cccd="040085123456")
    assert (bay.full_name, bay.birth_date.isoformat(), bay.org_node) == (
        "Nguyễn Văn Bảy",
        "1985-09-05",
        world.commune_a,
    )
    assert Person.objects.get(cccd="040190000777").full_name == "Nguyễn Thị Hoa"
    assert bay.history.get().history_user == world.clerk_a


def test_a_file_with_an_invalid_row_changes_nothing_and_reports_the_excel_row(world, tmp_path):
    path = _csv(tmp_path, GOOD + BAD)

    report = _run(world, path, report_path=tmp_path / "r.xlsx")

    assert (report.read, report.invalid, report.exit_code, report.written) == (3, 1, 1, False)
    assert not Person.objects.exists()
    problem = report.problems[0]
    assert (problem.row, problem.column) == (7, "Ngày sinh")
    assert "không tồn tại" in problem.message
    rows = CalamineWorkbook.from_path(str(tmp_path / "r.xlsx")).get_sheet_by_index(0).to_python()
    assert rows[0][:3] == ["Dòng trong tệp gốc", "Lỗi", "STT"]
    assert [r[1] for r in rows[1:]] == ["", "", "Ngày sinh: Ngày 31/02/1985 không tồn tại."]


def test_skip_invalid_imports_the_valid_rows(world, tmp_path):
    report = _run(world, _csv(tmp_path, GOOD + BAD), skip_invalid=True)

    assert (report.created, report.invalid, report.written) == (2, 1, True)
    assert Person.objects.count() == 2


def test_dry_run_counts_and_writes_nothing(world, tmp_path):
    report = _run(world, _csv(tmp_path, GOOD), dry_run=True)

    assert (report.created, report.written) == (2, False)
    assert not Person.objects.exists()


def test_rows_for_a_unit_outside_the_scope_are_refused(world, tmp_path):
    path = tmp_path / "ds.csv"
    path.write_text(
        f"Họ và tên,Năm sinh,Giới tính,Mã đơn vị quản lý\nNguyễn Văn Bảy,1985,Nam,{world.commune_b.code}\n"
    )

    report = _run(world, path)

    assert report.invalid == 1
    assert "phạm vi" in report.problems[0].message


def test_a_cccd_of_a_person_outside_the_scope_is_refused(world, tmp_path):
    other = f.person(world.commune_b)
    path = tmp_path / "ds.csv"
    path.write_text(
        f"Họ và tên,Năm sinh,Giới tính,Số CCCD\n{other.full_name},{other.birth_year},{other.get_gender_display()},{other.cccd}\n"
    )

    report = _run(world, path)

    assert report.invalid == 1
    assert Person.objects.get(pk=other.pk).org_node == world.commune_b


def test_same_cccd_twice_in_one_file_is_refused(world, tmp_path):
    report = _run(world, _csv(tmp_path, GOOD + "9,Nguyễn Văn Bảy,1985,Nam,040085123456\n"))

    assert report.invalid == 1
    assert "Trùng với dòng 5" in report.problems[0].message


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "cp1258"])
def test_csv_encodings(world, tmp_path, encoding):
    report = _run(
        world, _csv(tmp_path, "1,Nguyễn Văn Bảy,05/09/1985,Nam,040085123456\n", encoding=encoding)
    )

    assert report.created == 1
    assert Person.objects.get().full_name == "Nguyễn Văn Bảy"


def test_unreadable_file_is_exit_2_and_recorded(world, tmp_path):
    path = tmp_path / "x.xlsx"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10)

    with pytest.raises(SystemExit) as exit_info:
        call_command("import", "persons", str(path), "--org", world.commune_a.code)

    assert exit_info.value.code == 2
    assert ImportJob.objects.get().status == "failed"


def test_export_imports_back_unchanged(world, tmp_path):
    for i in range(3):
        f.person(world.commune_a, full_name=f"Phạm Thị Lan {i}", address="Số 1, đường Lê Lợi")
    out = io.StringIO()

    call_command(
        "export",
        "persons",
        "--org",
        world.commune_a.code,
        "--output",
        str(tmp_path / "e.xlsx"),
        "--full",  # a masked export is for reading: it is refused on import (test_privacy)
        stderr=out,
    )
    report = _run(world, tmp_path / "e.xlsx")

    assert (report.read, report.unchanged, report.created, report.updated, report.invalid) == (
        3,
        3,
        0,
        0,
        0,
    )


@pytest.mark.parametrize("parallel", [False, True], ids=["one process", "parsing process"])
def test_damage_found_deep_in_a_file_rolls_the_run_back(world, tmp_path, monkeypatch, parallel):
    from khuyenhoc.bulk import engine
    from khuyenhoc.bulk.reading import UnreadableFile

    monkeypatch.setattr(engine, "PARALLEL_MIN_BYTES", 0 if parallel else 1 << 40)

    class Broken:
        def rows(self):
            yield 1, ["Họ và tên", "Năm sinh", "Giới tính"]
            for number in range(2, 3000):
                yield number, [f"Người {number}", 1980, "Nam"]
            raise UnreadableFile("Tệp bị hỏng ở giữa.")

    monkeypatch.setattr(engine, "open_table", lambda path: Broken())
    path = tmp_path / "x.xlsx"
    path.write_bytes(b"")

    report = _run(world, path)

    assert (report.fatal, report.written, report.exit_code) == ("Tệp bị hỏng ở giữa.", False, 2)
    assert not Person.objects.exists()


MIXED = (
    "1,Nguyễn Văn Bảy,05/09/1985,Nam,040085123456\n"
    "2,Trần Thị Hoa,1990,Nữ,040190000777\n"
    "3,Lê Văn Sai,31/02/1985,Nam,\n"
    "4,Phạm Văn Bốn,1970,Nam,\n"
    "5,Nguyễn Văn Bảy,1985,Nam,040085123456\n"
    "6,Đỗ Thị Sáu,1966,Nữ,\n"
    "7,Hoàng Văn Bảy,1977,Nam,\n"
)


def _outcome(world, tmp_path, monkeypatch, *, pipelined: bool, parallel: bool = False):
    from khuyenhoc.bulk import engine, registry

    kind = registry.get("persons")
    threads = []
    write = type(kind).write.__get__(kind)  # the kind's own, not an earlier spy
    parse = type(kind).parse.__get__(kind)

    def spy(batch, ctx):
        threads.append(threading.current_thread().name)
        threads.extend(f"parsed in {p.data['pid']}" for p in batch)
        return write(batch, ctx)

    def parse_spy(values, ctx):
        return {**parse(values, ctx), "pid": os.getpid()}

    monkeypatch.setattr(engine, "BATCH", 2)
    monkeypatch.setattr(engine, "PIPELINE_VENDORS", {"postgresql", "sqlite"})  # on both databases
    monkeypatch.setattr(engine, "PARALLEL_MIN_BYTES", 0 if parallel else 1 << 40)
    monkeypatch.setattr(kind, "pipelined", pipelined)
    monkeypatch.setattr(kind, "write", spy)
    monkeypatch.setattr(kind, "parse", parse_spy)
    Person.objects.all().delete()
    report = _run(world, _csv(tmp_path, MIXED), skip_invalid=True, report_path=tmp_path / "r.xlsx")
    sheet = CalamineWorkbook.from_path(str(tmp_path / "r.xlsx")).get_sheet_by_index(0).to_python()
    people = sorted(Person.objects.values_list("full_name", "cccd"))
    counts = (report.read, report.created, report.updated, report.invalid)
    return counts, [(p.row, p.column, p.message) for p in report.problems], sheet, people, threads


def test_storing_batches_on_the_writer_thread_changes_nothing_in_the_outcome(
    world, tmp_path, monkeypatch
):
    inline = _outcome(world, tmp_path, monkeypatch, pipelined=False)
    piped = _outcome(world, tmp_path, monkeypatch, pipelined=True)

    assert piped[:4] == inline[:4]
    counts, problems, sheet, people, _ = piped
    assert counts == (7, 5, 0, 2)
    assert [p[0] for p in problems] == [7, 9]  # the bad date, then the CCCD seen in row 5
    assert [row[0] for row in sheet[1:]] == [5, 6, 7, 8, 9, 10, 11]  # every row, in file order
    assert len(people) == 5
    assert set(inline[4]) == {"MainThread", f"parsed in {os.getpid()}"}
    assert set(piped[4]) == {"import-writer_0", f"parsed in {os.getpid()}"}


@pytest.mark.parametrize("pipelined", [False, True], ids=["inline", "writer thread"])
def test_parsing_in_a_second_process_changes_nothing_in_the_outcome(
    world, tmp_path, monkeypatch, pipelined
):
    inline = _outcome(world, tmp_path, monkeypatch, pipelined=pipelined)
    forked = _outcome(world, tmp_path, monkeypatch, pipelined=pipelined, parallel=True)

    assert forked[:4] == inline[:4]
    assert forked[0] == (7, 5, 0, 2)
    parsers = {t for t in forked[4] if t.startswith("parsed in")}
    assert len(parsers) == 1
    assert parsers != {f"parsed in {os.getpid()}"}


def test_a_database_error_on_the_writer_thread_rolls_the_run_back(world, tmp_path, monkeypatch):
    from django.db import IntegrityError

    from khuyenhoc.bulk import engine, registry

    kind = registry.get("persons")
    write, calls = kind.write, []

    def fail_second(batch, ctx):
        calls.append(len(batch))
        if len(calls) == 2:
            raise IntegrityError("giả lập lỗi cơ sở dữ liệu")
        return write(batch, ctx)

    monkeypatch.setattr(engine, "BATCH", 2)
    monkeypatch.setattr(engine, "PIPELINE_VENDORS", {"postgresql", "sqlite"})
    monkeypatch.setattr(kind, "write", fail_second)

    with pytest.raises(IntegrityError):
        _run(world, _csv(tmp_path, MIXED), skip_invalid=True)

    assert not Person.objects.exists()  # and the connection is still usable here


def test_pre_2025_province_and_commune_names_place_persons_in_todays_communes(world, tmp_path):
    path = tmp_path / "cu.csv"
    path.write_text(
        "Họ và tên,Năm sinh,Giới tính,Tỉnh,Xã/phường\n"
        "Đinh Văn Mường,1970,Nam,Hòa Bình,Phường Phương Lâm\n"
        "Lê Thị Hà,1988,Nữ,,Phường Hưng Lộc\n"
        "Hồ Văn Tư,1990,Nam,Thanh Hóa,Phường Lam Sơn\n",
        encoding="utf-8",
    )

    report = _run(world, path, skip_invalid=True)

    places = dict(Person.objects.values_list("full_name", "commune__name"))
    assert places == {"Đinh Văn Mường": "Phường Hòa Bình", "Lê Thị Hà": "Phường Vinh Lộc"}
    assert [(p.row, p.column) for p in report.problems] == [(4, "Xã/phường")]
    assert "Phường Lam Sơn (Thị xã Bỉm Sơn) nay thuộc Phường Bỉm Sơn" in report.problems[0].message
