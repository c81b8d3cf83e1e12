"""The streaming XLSX reader gives the rows python-calamine gives, in bounded memory.

Every workbook is read three ways: by calamine, by the streaming reader's regular-expression fast
path and by its ElementTree path, the last two with tiny read chunks so that the XML is cut between
batches everywhere. The streaming reader is forced by lowering reading.workbooks.STREAM_THRESHOLD.
"""

import datetime
import zipfile
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from khuyenhoc.bulk import xlsx_stream
from khuyenhoc.bulk.reading import UnreadableFile, open_table, workbooks
from khuyenhoc.bulk.xlsx_stream import batches, parts
from khuyenhoc.bulk.xlsx_stream import cells as xlsx_cells

READERS = ["calamine", "stream", "stream-tree"]
STREAMED = ["stream", "stream-tree"]
CORRUPT = "Tệp bảng tính bị hỏng"
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"


@pytest.fixture
def use_reader(monkeypatch):
    """Return a function that makes open_table use calamine or one path of the streaming reader."""

    def use(reader: str) -> None:
        streamed = reader != "calamine"
        monkeypatch.setattr(workbooks, "STREAM_THRESHOLD", -1 if streamed else 1 << 60)
        monkeypatch.setattr(xlsx_cells, "FAST_PATH", reader == "stream")
        monkeypatch.setattr(batches, "_CHUNK", 97 if streamed else 1024 * 1024)

    return use


def _read(path: Path, **options) -> tuple[tuple, list]:
    """The Table's fields and all its rows."""
    table = open_table(path, **options)
    fields = (
        table.sheet_name,
        table.file_format,
        table.sheet_names,
        table.encoding,
        table.delimiter,
    )
    return fields, list(table.rows())


def _unreadable(path: Path, **options) -> str:
    """The message of the UnreadableFile raised while opening or reading `path`."""
    with pytest.raises(UnreadableFile) as caught:
        _read(path, **options)
    return caught.value.message


# --- fixture builders -----------------------------------------------------------------------------


def _member_list(path: Path, options: dict | None = None) -> Path:
    """A member list as offices make them: titles, a gap column, dates, formulas, rich text."""
    workbook = xlsxwriter.Workbook(path, options or {})
    workbook.add_worksheet("Ẩn").write("A1", "trang ẩn")
    sheet = workbook.add_worksheet("Danh sách")
    bold = workbook.add_format({"bold": True})
    sheet.merge_range("A1:F1", "DANH SÁCH HỘI VIÊN NĂM 2024", bold)
    sheet.write("A2", "Đơn vị: Chi hội khuyến học thôn Đông")
    sheet.write_row("A4", ["STT", "Họ và tên"])
    sheet.write_row("D4", ["Ngày sinh", "Số CCCD", "Đã đóng quỹ", "Ghi chú"])
    sheet.write_row("A5", [1, "Nguyễn Văn Ân"])
    sheet.write_number("D5", 31295, workbook.add_format({"num_format": "dd/mm/yyyy"}))
    sheet.write_string("E5", "001085012345")
    sheet.write_boolean("F5", True)
    sheet.write_rich_string("G5", "Đã ", bold, "chuyển", " đi")
    sheet.write_row("A6", [2.5, "Trần Thị Hương", None, "12/12/1990", "040190000123"])
    sheet.write_boolean("F6", False)
    sheet.write_string("G6", "  Ghi chú có & < > \" ' và\nxuống dòng  ")
    sheet.write_formula("A8", "=A5+2", None, 3)
    sheet.write_formula("B8", '="Lê "&"Văn"', None, "Lê Văn")
    sheet.write_formula("C8", "=1/0", None, "#DIV/0!")
    sheet.write_formula("F8", "=TRUE()", None, True)
    sheet.write_string("G8", "Nguyễn Văn Ân")  # a shared string used twice
    _write_formatted_numbers(workbook, sheet, row=8)
    sheet.write_row("A10", [-1234567.891, 1e20, "_x000D_ giữ nguyên", "😀 Ā", ""])
    other = workbook.add_worksheet("Khác")
    other.write_row("B3", ["Mã", "Tên"])
    other.write_row("B4", ["007", "Chi hội Tây"])
    sheet.activate()
    workbook.worksheets()[0].hide()
    workbook.close()
    return path


def _write_formatted_numbers(workbook: xlsxwriter.Workbook, sheet: Worksheet, row: int) -> None:
    """A row of numbers under date, time, duration, built-in date and non-date formats."""
    cells = [
        (45352.3125, "dd/mm/yyyy hh:mm"),
        (0.3125, "hh:mm"),
        (45000, 14),
        (1.75, "[h]:mm"),
        (0.125, "0.00%"),
        (45000, '"ngày "0'),
    ]
    for column, (number, code) in enumerate(cells):
        sheet.write_number(row, column, number, workbook.add_format({"num_format": code}))


def _openpyxl_list(path: Path) -> Path:
    """The same kind of list written by openpyxl (inline strings, merged cells, formulas without values)."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Hội viên"
    sheet.append(["DANH SÁCH HỘI VIÊN"])
    sheet.merge_cells("A1:E1")
    sheet.append([])
    sheet.append(["Họ tên", "Ngày sinh", "Số tiền", "Giờ", "CCCD"])
    sheet.append(["Ân", datetime.date(1985, 9, 5), "=1+1", datetime.time(7, 30), "001085012345"])
    born = datetime.datetime(1990, 1, 2, 3, 4)  # noqa: DTZ001
    sheet.append(["Bình", born, 150000.5, None, True])
    workbook.save(path)
    return path


def _plain_list(path: Path) -> Path:
    """A list without rich text or markup characters, as most uploads are."""
    workbook = xlsxwriter.Workbook(path)
    sheet = workbook.add_worksheet()
    date_format = workbook.add_format({"num_format": "dd/mm/yyyy"})
    sheet.write_row("A1", ["STT", "Họ và tên", "Ngày sinh", "Đảng viên", "Tuổi"])
    for row in range(1, 40):
        sheet.write_row(row, 0, [row, f"Hội viên {row % 7}"])
        sheet.write_datetime(row, 2, datetime.datetime(1980, 1, row % 28 + 1), date_format)  # noqa: DTZ001
        sheet.write_boolean(row, 3, row % 2 == 0)
        sheet.write_formula(row, 4, f"=2024-YEAR(C{row + 1})", None, 44)
    workbook.close()
    return path


def _package(path: Path, sheets: dict[str, str | bytes], shared: list[str] | None = None) -> Path:
    """An XLSX package written by hand: sheet name → worksheet XML, and optional shared strings."""
    entries = "".join(
        f'<sheet name="{name}" sheetId="{n}" r:id="rId{n}"/>'
        for n, name in enumerate(sheets, start=1)
    )
    relations = "".join(
        f'<Relationship Id="rId{n}" Type="{REL_NS}/worksheet" Target="worksheets/sheet{n}.xml"/>'
        for n in range(1, len(sheets) + 1)
    )
    relations += (
        f'<Relationship Id="rIdS" Type="{REL_NS}/sharedStrings" Target="sharedStrings.xml"/>'
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{PACKAGE_RELS}"><Relationship Id="rId1" '
            f'Type="{REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        archive.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}"><sheets>{entries}</sheets></workbook>',
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<Relationships xmlns="{PACKAGE_RELS}">{relations}</Relationships>',
        )
        for n, xml in enumerate(sheets.values(), start=1):
            archive.writestr(f"xl/worksheets/sheet{n}.xml", xml)
        items = "".join(shared or [])
        archive.writestr("xl/sharedStrings.xml", f'<sst xmlns="{MAIN_NS}">{items}</sst>')
    return path


def _replace(path: Path, name: str, content: bytes | None) -> Path:
    """Rewrite the zip at `path` with the member `name` replaced by `content` (left out if None)."""
    members = {}
    with zipfile.ZipFile(path) as source:
        members = {item.filename: source.read(item) for item in source.infolist()}
    with zipfile.ZipFile(path, "w") as archive:
        for member, data in members.items():
            if member != name:
                archive.writestr(member, data)
        if content is not None:
            archive.writestr(name, content)
    return path


def _sheet_xml(rows: str, prefix: str = "", head: str = "") -> str:
    """A worksheet part around `rows` (the <sheetData> content), its elements written with `prefix`."""
    xmlns = f'xmlns:{prefix[:-1]}="{MAIN_NS}"' if prefix else f'xmlns="{MAIN_NS}"'
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
        f'<{prefix}worksheet {xmlns} xmlns:x14ac="http://schemas.microsoft.com/office/'
        f'spreadsheetml/2009/9/ac">{head}<{prefix}sheetData>{rows}</{prefix}sheetData>'
        f"</{prefix}worksheet>"
    )


# An Excel-like sheet with what the fast path leaves to ElementTree: entities, character references,
# carriage returns, rich and phonetic text, cells without references, pretty-printing.
UNUSUAL_ROWS = """
<row r="2" spans="1:6" x14ac:dyDescent="0.25">
  <c r="A2" t="s"><v>0</v></c>
  <c r="B2" t="s"><v>1</v></c>
  <c r="C2" t="inlineStr"><is><t>Số 5 &amp; 7, thôn &lt;Đông&gt;</t></is></c>
  <c r="D2" t="str"><f>A2&amp;B2</f><v>line&#10;break</v></c>
  <c r="F2" t="inlineStr"><is><r><t>giàu</t></r><r><rPr><b/></rPr><t xml:space="preserve"> chữ</t></r><rPh sb="0" eb="1"><t>PH</t></rPh></is></c>
</row>
<row r="3"><c r="A3" s="0"/><c r="B3"><f>SUM(A1:A2)</f></c></row>
<row r="5"><c r="A5"><v>1</v></c><c><v>2</v></c><c t="b"><v>1</v></c><c r="F5" t="e"><v>#N/A</v></c></row>
<row><c r="A6" t="s"><v>2</v></c><c r="B6" t="d"><v>2020-01-02T03:04:05</v></c><c r="C6" t="d"><v>2020-01-02</v></c></row>
<row r="8" hidden="1"/>
<row r="9"><c r="A9" t="s"><v>3</v></c><c r="B9" t="s"><v>4</v></c></row>
<row r="10"/>
"""
UNUSUAL_SHARED = [
    "<si><t>Họ tên</t></si>",
    '<si><r><t xml:space="preserve">Nguyễn </t></r><r><rPr><i/></rPr><t>Văn Ân</t></r>'
    "<rPh><t>x</t></rPh></si>",
    "<si><t>a_x000D_b &amp; c</t></si>",
    '<si><t xml:space="preserve">  cách  </t></si>',
    "<si><t>\n  cắt khoảng trắng\t</t></si>",
]


def _unusual(path: Path, prefix: str = "") -> Path:
    """A hand-written package with the unusual rows above (elements prefixed when `prefix`)."""
    rows = UNUSUAL_ROWS.replace("<c", f"<{prefix}c").replace("</c", f"</{prefix}c")
    for tag in ("row", "v", "f", "is", "t", "r", "rPh", "rPr", "b"):
        rows = rows.replace(f"<{tag}", f"<{prefix}{tag}").replace(f"</{tag}", f"</{prefix}{tag}")
    head = f'<{prefix}dimension ref="A2:F10"/>'
    return _package(path, {"Trang 1": _sheet_xml(rows, prefix, head)}, UNUSUAL_SHARED)


BUILDERS = {
    "xlsxwriter": _member_list,
    "xlsxwriter, plain": _plain_list,
    "xlsxwriter constant memory": lambda path: _member_list(path, {"constant_memory": True}),
    "openpyxl": _openpyxl_list,
    "hand-written": _unusual,
    "hand-written, prefixed": lambda path: _unusual(path, "x:"),
}


# --- both readers agree ---------------------------------------------------------------------------


@pytest.mark.parametrize("builder", BUILDERS)
@pytest.mark.parametrize("reader", STREAMED)
def test_streamed_rows_are_the_rows_calamine_gives(tmp_path, use_reader, builder, reader):
    path = BUILDERS[builder](tmp_path / "ds.xlsx")
    use_reader("calamine")
    expected = _read(path)

    use_reader(reader)

    assert _read(path) == expected


@pytest.mark.parametrize("reader", STREAMED)
def test_a_sheet_chosen_by_name_or_position_is_the_one_calamine_gives(tmp_path, use_reader, reader):
    path = _member_list(tmp_path / "ds.xlsx")
    use_reader("calamine")
    expected = [_read(path, sheet="Khác"), _read(path, sheet=0)]

    use_reader(reader)

    assert [_read(path, sheet="Khác"), _read(path, sheet=0)] == expected


# --- what both readers give -----------------------------------------------------------------------


@pytest.mark.parametrize("reader", READERS)
def test_member_list_values(tmp_path, use_reader, reader):
    use_reader(reader)

    fields, rows = _read(_member_list(tmp_path / "ds.xlsx"))

    assert fields == ("Danh sách", "xlsx", ("Danh sách", "Khác"), None, None)
    assert [number for number, _cells in rows] == list(range(1, 11))
    assert rows[0][1] == ["DANH SÁCH HỘI VIÊN NĂM 2024", *[None] * 6]
    assert rows[2] == (3, [None] * 7)
    assert rows[3][1] == [
        "STT",
        "Họ và tên",
        None,
        "Ngày sinh",
        "Số CCCD",
        "Đã đóng quỹ",
        "Ghi chú",
    ]
    born = datetime.date(1985, 9, 5)
    assert rows[4][1] == [1.0, "Nguyễn Văn Ân", None, born, "001085012345", True, "Đã chuyển đi"]
    assert rows[5][1][:2] == [2.5, "Trần Thị Hương"]
    assert rows[5][1][2:] == [None, "12/12/1990", "040190000123", False, rows[5][1][6]]
    assert rows[5][1][6] == "  Ghi chú có & < > \" ' và\nxuống dòng  "
    assert rows[7][1] == [3.0, "Lê Văn", None, None, None, True, "Nguyễn Văn Ân"]


@pytest.mark.parametrize("reader", READERS)
def test_date_time_and_duration_formats(tmp_path, use_reader, reader):
    use_reader(reader)

    _fields, rows = _read(_member_list(tmp_path / "ds.xlsx"))

    assert rows[8][1][:6] == [
        datetime.datetime(2024, 3, 1, 7, 30),  # noqa: DTZ001
        datetime.time(7, 30),
        datetime.date(2023, 3, 15),
        datetime.timedelta(hours=42),
        0.125,
        45000.0,
    ]
    assert rows[9][1][:4] == [-1234567.891, 1e20, "_x000D_ giữ nguyên", "😀 Ā"]


@pytest.mark.parametrize("reader", READERS)
def test_unusual_xml(tmp_path, use_reader, reader):
    use_reader(reader)

    _fields, rows = _read(_unusual(tmp_path / "ds.xlsx"))

    assert [number for number, _cells in rows] == list(range(1, 10))
    assert rows[1][1] == [
        "Họ tên",
        "Nguyễn Văn Ân",
        "Số 5 & 7, thôn <Đông>",
        "line\nbreak",
        None,
        "giàu chữ",
    ]
    assert rows[2] == (3, [None] * 6)
    assert rows[4][1] == [1.0, 2.0, True, None, None, None]
    assert rows[5][1][:3] == [
        "a\rb & c",
        datetime.datetime(2020, 1, 2, 3, 4, 5),  # noqa: DTZ001
        datetime.date(2020, 1, 2),
    ]
    assert rows[8] == (9, ["  cách  ", "cắt khoảng trắng", *[None] * 4])


@pytest.mark.parametrize("reader", READERS)
def test_a_second_visible_sheet_is_read_by_name(tmp_path, use_reader, reader):
    use_reader(reader)

    fields, rows = _read(_member_list(tmp_path / "ds.xlsx"), sheet="Khác")

    assert fields[0] == "Khác"
    assert rows == [
        (1, [None] * 3),
        (2, [None] * 3),
        (3, [None, "Mã", "Tên"]),
        (4, [None, "007", "Chi hội Tây"]),
    ]


@pytest.mark.parametrize("reader", READERS)
def test_missing_and_empty_sheets_give_calamines_messages(tmp_path, use_reader, reader):
    workbook = xlsxwriter.Workbook(tmp_path / "ds.xlsx")
    workbook.add_worksheet("Trống")
    workbook.add_worksheet("Hội viên").write("C3", "Họ tên")
    workbook.close()
    use_reader(reader)

    assert _read(tmp_path / "ds.xlsx")[0][0] == "Hội viên"
    assert (
        _unreadable(tmp_path / "ds.xlsx", sheet="Trang 9") == "Tệp không có trang tính “Trang 9”."
    )
    assert _unreadable(tmp_path / "ds.xlsx", sheet=0) == "Trang tính “Trống” không có dữ liệu."


# --- the streaming reader alone -------------------------------------------------------------------


def test_small_workbooks_go_to_calamine_and_large_ones_are_streamed(tmp_path, monkeypatch):
    path = _member_list(tmp_path / "ds.xlsx")
    streamed = []
    monkeypatch.setattr(xlsx_stream, "sheet_rows", lambda *args: streamed.append(args) or iter(()))

    list(open_table(path).rows())
    monkeypatch.setattr(workbooks, "STREAM_THRESHOLD", xlsx_stream.largest_sheet_size(path) - 1)
    list(open_table(path).rows())

    assert len(streamed) == 1


@pytest.mark.parametrize("builder", ["xlsxwriter", "openpyxl", "excel"])
def test_usual_workbooks_take_the_fast_path(tmp_path, monkeypatch, builder):
    rows = "".join(
        f'<row r="{n}" spans="1:3" x14ac:dyDescent="0.25"><c r="A{n}" s="1" t="s"><v>0</v></c>'
        f'<c r="B{n}"><v>{n}</v></c><c r="C{n}" s="2" t="s"><v>1</v></c></row>'
        for n in range(1, 50)
    )
    shared = ['<si><t xml:space="preserve">Họ tên </t></si>', "<si><t>Số 5</t></si>"]
    builders = {
        "xlsxwriter": _plain_list,
        "openpyxl": _openpyxl_list,
        "excel": lambda path: _package(path, {"Trang 1": _sheet_xml(rows)}, shared),
    }
    path = builders[builder](tmp_path / "ds.xlsx")
    parsed = []
    monkeypatch.setattr(batches._Batch, "parse", lambda batch: parsed.append(batch))
    workbook = xlsx_stream.open_workbook(path)

    for sheet in workbook.sheets:
        list(xlsx_stream.sheet_rows(workbook, sheet))

    assert parsed == []


@pytest.mark.parametrize("reader", STREAMED)
def test_rows_are_numbered_across_many_batches(tmp_path, use_reader, monkeypatch, reader):
    workbook = xlsxwriter.Workbook(tmp_path / "ds.xlsx", {"constant_memory": True})
    sheet = workbook.add_worksheet()
    for row in range(0, 3000, 3):
        sheet.write_row(row, 0, [row, f"Hội viên {row}"])
    workbook.close()
    use_reader(reader)
    monkeypatch.setattr(batches, "_CHUNK", 4096)

    _fields, rows = _read(tmp_path / "ds.xlsx")

    assert len(rows) == 2998
    assert rows[2997] == (2998, [2997.0, "Hội viên 2997"])
    assert rows[2996] == (2997, [None, None])


@pytest.mark.parametrize("reader", STREAMED)
def test_formatted_cells_right_of_the_data_widen_streamed_rows(tmp_path, use_reader, reader):
    workbook = xlsxwriter.Workbook(tmp_path / "ds.xlsx")
    sheet = workbook.add_worksheet()
    sheet.write_row("A1", ["Họ tên", "Năm sinh"])
    sheet.write_blank("D1", None, workbook.add_format({"border": 1}))
    workbook.close()
    use_reader("calamine")
    assert _read(tmp_path / "ds.xlsx")[1] == [(1, ["Họ tên", "Năm sinh"])]

    use_reader(reader)

    # calamine stops at the last value; a stream knows only the sheet's recorded dimension, A1:D1.
    assert _read(tmp_path / "ds.xlsx")[1] == [(1, ["Họ tên", "Năm sinh", None, None])]


@pytest.mark.parametrize("chunk", [53, 1024 * 1024])
@pytest.mark.parametrize("reader", STREAMED)
def test_without_a_dimension_rows_widen_as_the_sheet_goes(
    tmp_path, use_reader, monkeypatch, reader, chunk
):
    cells = {1: ["a"], 3: ["b", "c", "d"], 4: ["e"]}
    rows = "".join(
        f'<row r="{n}">'
        + "".join(
            f'<c r="{"ABC"[i]}{n}" t="inlineStr"><is><t>{v}</t></is></c>'
            for i, v in enumerate(values)
        )
        + "</row>"
        for n, values in cells.items()
    )
    path = _package(tmp_path / "ds.xlsx", {"Trang 1": _sheet_xml(rows)})
    use_reader(reader)
    monkeypatch.setattr(batches, "_CHUNK", chunk)

    # calamine pads every row to three cells; an empty row takes the width of the row below it.
    assert _read(path)[1] == [
        (1, ["a"]),
        (2, [None, None, None]),
        (3, ["b", "c", "d"]),
        (4, ["e", None, None]),
    ]


@pytest.mark.parametrize("reader", STREAMED)
def test_utf16_sheet_xml_is_read(tmp_path, use_reader, reader):
    rows = '<row r="1"><c r="A1" t="inlineStr"><is><t>Họ tên</t></is></c><c r="B1"><v>1985</v></c></row>'
    xml = _sheet_xml(rows).replace('encoding="UTF-8"', 'encoding="UTF-16"')
    path = _package(tmp_path / "ds.xlsx", {"Trang 1": xml.encode("utf-16")})
    use_reader(reader)

    assert _read(path)[1] == [(1, ["Họ tên", 1985.0])]


@pytest.mark.parametrize("reader", STREAMED)
def test_a_sheet_cut_short_is_damaged_when_the_rows_reach_the_cut(tmp_path, use_reader, reader):
    rows = "".join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>' for n in range(1, 200))
    path = _package(tmp_path / "ds.xlsx", {"Trang 1": _sheet_xml(rows)[:-800]})
    use_reader(reader)
    table = open_table(path)
    read = []

    with pytest.raises(UnreadableFile) as caught:
        read.extend(table.rows())

    assert caught.value.message.startswith(CORRUPT)


@pytest.mark.parametrize(
    "sheet",
    [
        '<worksheet xmlns="{ns}"><sheetData><row r="1"><c r="A1" t="zz"><v>1</v></c></row>',
        '<worksheet xmlns="{ns}"><sheetData><row r="1"><c r="A1" t="n"><v>abc</v></c></row>',
        '<worksheet xmlns="{ns}"><sheetData><row r="1"><c r="A1" t="s"><v>9</v></c></row>',
        '<worksheet xmlns="{ns}"><sheetData><row r="1"><c r="1A"><v>1</v></c></row>',
        '<worksheet xmlns="{ns}"><sheetData><row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>',
    ],
)
@pytest.mark.parametrize("reader", READERS)
def test_damaged_sheets_are_unreadable_with_both_readers(tmp_path, use_reader, reader, sheet):
    ending = "" if sheet.endswith("<v>") else "</sheetData></worksheet>"
    path = _package(tmp_path / "ds.xlsx", {"Trang 1": sheet.format(ns=MAIN_NS) + ending})
    use_reader(reader)

    assert _unreadable(path).startswith(CORRUPT)


@pytest.mark.parametrize("reader", READERS)
def test_a_sheet_whose_part_is_missing_is_damaged(tmp_path, use_reader, reader):
    path = _package(tmp_path / "ds.xlsx", {"Trang 1": _sheet_xml("")})
    _replace(path, "xl/worksheets/sheet1.xml", None)
    use_reader(reader)

    assert _unreadable(path).startswith(CORRUPT)


@pytest.mark.parametrize("reader", STREAMED)
def test_a_row_that_never_ends_is_refused_before_it_fills_memory(
    tmp_path, use_reader, monkeypatch, reader
):
    rows = '<row r="1"><c r="A1"><v>1</v></c></row><row r="2">' + "<c/>" * 5000 + "</row>"
    path = _package(tmp_path / "ds.xlsx", {"Trang 1": _sheet_xml(rows)})
    use_reader(reader)
    monkeypatch.setattr(batches, "_MAX_ELEMENT_BYTES", 10_000)

    assert _unreadable(path).startswith(CORRUPT)


def test_a_part_with_a_dtd_is_refused(tmp_path):
    laughs = '<!DOCTYPE workbook [<!ENTITY a "aaaaaaaaaa">]>'
    path = _package(tmp_path / "ds.xlsx", {"Trang 1": _sheet_xml("")})
    with zipfile.ZipFile(path) as source:
        book = source.read("xl/workbook.xml").decode()
    _replace(path, "xl/workbook.xml", (laughs + book).encode())

    with pytest.raises(xlsx_stream.BrokenWorkbook):
        xlsx_stream.open_workbook(path)


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        ("DD/MM/YY", 1),
        ("H:MM:SS;@", 1),
        ("dd/mm/yyyy;@", 1),
        ("[$-409]d-mmm-yy", 1),
        ('m"M"d"D";@', 1),
        ("[h]:mm:ss", 2),
        ("[ss]", 2),
        ("[Blue]\\+[h]:mm;[Red]\\-[h]:mm;[Green][h]:mm", 2),
        ("#,##0\\ [$\\u20bd-46D]", 0),
        ('"Y: "0.00"m";"Y: "-0.00"m";"Y: <num>m";@', 0),
        ('"$"#,##0_);[Red]("$"#,##0)', 0),
        ("0_ ;[Red]\\-0\\ ", 0),
        ("\\Y000000", 0),
        ('#,##0.0####" YMD"', 0),
        ("[>=100][Magenta].00", 0),
        ("[>=100][Magenta]General", 0),
        ("#,##0*y", 0),
        ("ha/p\\\\m", 1),
        ("0.00%", 0),
        ('"ngày "0', 0),
    ],
)
def test_custom_number_formats_are_classified_as_calamine_does(code, kind):
    assert parts._custom_format_kind(code) == kind


def test_shared_strings_are_packed_and_indexed(tmp_path):
    path = _unusual(tmp_path / "ds.xlsx")

    strings = xlsx_stream.load_shared_strings(xlsx_stream.open_workbook(path))

    assert list(strings) == ["Họ tên", "Nguyễn Văn Ân", "a\rb & c", "  cách  ", "cắt khoảng trắng"]
    with pytest.raises(IndexError):
        strings[-1]


@pytest.mark.parametrize("reader", READERS)
def test_character_references_read_as_their_letters(tmp_path, use_reader, reader):
    # lxml-backed writers (openpyxl with lxml installed) write non-ASCII letters as references.
    rows = (
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>'
        "Ph&#432;&#7901;ng &#x110;&#xF4;ng &amp; &lt;T&#226;y&gt;</t></is></c>"
        '<c r="C1" t="inlineStr"><is><t xml:space="preserve">&#32;a&#13;b&#x1F600; </t></is></c></row>'
    )
    shared = ["<si><t>H&#7885; t&#234;n &quot;&apos;</t></si>"]
    path = _package(tmp_path / "ds.xlsx", {"Trang 1": _sheet_xml(rows)}, shared)
    use_reader(reader)

    _fields, read = _read(path)

    assert read == [(1, ["Họ tên \"'", "Phường Đông & <Tây>", " a\rb\U0001f600 "])]
