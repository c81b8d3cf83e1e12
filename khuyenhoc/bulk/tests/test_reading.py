"""Opening uploads: workbooks and CSV files as Vietnamese offices make them, and files that are not.

Every fixture is built in tmp_path at test time: XLSX with xlsxwriter or openpyxl, ODS as a small
zip, XLS and the password-protected files as minimal OLE2 compound files written by hand below.
"""

import codecs
import datetime
import os
import struct
import unicodedata
import zipfile
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter

from khuyenhoc.bulk.reading import Table, UnreadableFile, open_table
from khuyenhoc.bulk.values import clean_cell_text

HEADER = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD"]
MEMBERS = [
    [1, "Nguyễn Văn Ân", "05/09/1985", "Nam", "001085012345"],
    [2, "Trần Thị Hương", "12/12/1990", "Nữ", "040190000123"],
]
PASSWORD_MESSAGE = "Tệp đang được đặt mật khẩu. Hãy gỡ mật khẩu rồi tải lên lại."


def _rows(table: Table) -> list[tuple[int, list]]:
    """All rows of a table."""
    return list(table.rows())


def _unreadable(path: Path) -> str:
    """Return the message of the UnreadableFile that opening `path` raises."""
    with pytest.raises(UnreadableFile) as caught:
        _rows(open_table(path))
    return caught.value.message


# --- fixture builders -----------------------------------------------------------------------------


def _member_xlsx(path: Path) -> Path:
    """A typical list: row 1 empty, a merged title, the header on row 5, data from column B."""
    workbook = xlsxwriter.Workbook(path)
    sheet = workbook.add_worksheet("Danh sách")
    date_format = workbook.add_format({"num_format": "dd/mm/yyyy"})
    sheet.merge_range("B2:F2", "DANH SÁCH HỘI VIÊN NĂM 2024")
    sheet.write("B3", "Đơn vị: Chi hội khuyến học thôn Đông")
    sheet.write_row("B5", HEADER)
    sheet.write_row("B6", [1, "Nguyễn Văn Ân"])
    sheet.write_datetime("D6", datetime.datetime(1985, 9, 5), date_format)  # noqa: DTZ001
    sheet.write_row("E6", ["Nam", 1085012345])
    sheet.write_row("B8", [2, "Trần Thị Hương", "12/12/1990", "Nữ", "040190000123"])
    sheet.write_boolean("G8", True)
    workbook.close()
    return path


_ODS_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
    'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
    '<manifest:file-entry manifest:full-path="/" '
    'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)


def _ods(path: Path, rows: list[list]) -> Path:
    """A minimal OpenDocument spreadsheet (mimetype first, then content.xml)."""
    cells = {
        str: '<table:table-cell office:value-type="string"><text:p>{}</text:p></table:table-cell>',
        int: '<table:table-cell office:value-type="float" office:value="{0}"/>',
    }
    body = "".join(
        "<table:table-row>"
        + "".join(cells[type(value)].format(value) for value in row)
        + "</table:table-row>"
        for row in rows
    )
    namespaces = " ".join(
        f'xmlns:{name}="urn:oasis:names:tc:opendocument:xmlns:{name}:1.0"'
        for name in ("office", "table", "text")
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {namespaces}>'
        '<office:body><office:spreadsheet><table:table table:name="Trang 1">'
        f"{body}</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content)
        archive.writestr("META-INF/manifest.xml", _ODS_MANIFEST)
    return path


_END, _FREE, _FAT, _NONE = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF


def _ole_entry(name: str, kind: int, start: int, size: int, child: int, right: int) -> bytes:
    """One 128-byte directory entry of a compound file."""
    raw = name.encode("utf-16-le") + b"\0\0"
    ids = struct.pack("<HBBIII", len(raw), kind, 1, _NONE, right, child)
    return raw.ljust(64, b"\0") + ids + bytes(36) + struct.pack("<IQ", start, size)


def _ole2(streams: dict[str, bytes]) -> bytes:
    """A minimal OLE2 compound file (version 3, one FAT sector) holding `streams`, each ≥ 4 KB."""
    data, entries, fat = b"", [], [_FAT, _END]
    for index, (name, content) in enumerate(streams.items()):
        body = content.ljust(4096, b"\0")
        body = body.ljust(-(-len(body) // 512) * 512, b"\0")
        first, count = 2 + len(data) // 512, len(body) // 512
        fat += [*range(first + 1, first + count), _END]
        right = index + 2 if index + 1 < len(streams) else _NONE
        entries.append(_ole_entry(name, 2, first, len(body), _NONE, right))
        data += body
    root = _ole_entry("Root Entry", 5, _END, 0, 1, _NONE)
    directory = b"".join([root, *entries]).ljust(512, b"\0")
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + bytes(16)
        + struct.pack("<HHHHH6x", 0x3E, 3, 0xFFFE, 9, 6)
        + struct.pack("<9I", 0, 1, 1, 0, 0x1000, _END, 0, _END, 0)
        + struct.pack("<109I", 0, *[_FREE] * 108)
    )
    return header + struct.pack(f"<{len(fat)}I", *fat).ljust(512, b"\xff") + directory + data


def _record(kind: int, payload: bytes = b"") -> bytes:
    """One BIFF8 record."""
    return struct.pack("<HH", kind, len(payload)) + payload


def _biff8(rows: list[list], *, password: bool = False) -> bytes:
    """A BIFF8 "Workbook" stream: one sheet of text (LABEL) and number (NUMBER) cells."""
    bof = _record(0x0809, struct.pack("<HHHHII", 0x0600, 0x0005, 0x0DBB, 0x07CC, 0, 6))
    filepass = _record(0x002F, struct.pack("<HHH", 1, 1, 1) + bytes(48))  # RC4 encryption
    head = bof + (filepass if password else b"") + _record(0x0042, b"\xb0\x04")
    name = "Trang 1".encode("utf-16-le")
    sheet_at = len(head) + 4 + 8 + len(name) + 4
    globals_ = head + _record(0x0085, struct.pack("<IBBBB", sheet_at, 0, 0, 7, 1) + name)
    sheet = bof.replace(b"\x05\x00", b"\x10\x00", 1)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, str):
                text = struct.pack("<HB", len(value), 1) + value.encode("utf-16-le")
                sheet += _record(0x0204, struct.pack("<HHH", r, c, 0) + text)
            else:
                sheet += _record(0x0203, struct.pack("<HHHd", r, c, 0, value))
    return globals_ + _record(0x000A) + sheet + _record(0x000A)


def _encrypted_xlsx() -> bytes:
    """What Excel writes for a workbook with an opening password: an OLE2 file, not a zip."""
    return _ole2(
        {"EncryptionInfo": b"\x04\x00\x04\x00" + bytes(60), "EncryptedPackage": bytes(8000)}
    )


def _cp1258(text: str) -> bytes:
    """Encode as Windows-1258 does: precomposed base letters, tone marks as combining characters."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = b""
    for char in text:
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            marks = unicodedata.normalize("NFD", char)
            tone = next(mark for mark in marks if mark in tones)
            base = unicodedata.normalize("NFC", marks.replace(tone, ""))
            out += base.encode("cp1258") + tone.encode("cp1258")
    return out


def _csv_text(rows: list[list], delimiter: str = ",") -> str:
    """CSV text with CRLF line ends, as Excel writes it."""
    return "".join(delimiter.join(str(cell) for cell in row) + "\r\n" for row in rows)


# --- workbooks ------------------------------------------------------------------------------------


def test_xlsx_rows_carry_excel_row_numbers_and_column_a_first(tmp_path):
    table = open_table(_member_xlsx(tmp_path / "danh_sach.xlsx"))

    rows = _rows(table)

    assert (table.sheet_name, table.file_format) == ("Danh sách", "xlsx")
    assert rows[0] == (1, [None] * 7)
    assert rows[1] == (2, [None, "DANH SÁCH HỘI VIÊN NĂM 2024", None, None, None, None, None])
    assert rows[3] == (4, [None] * 7)
    assert rows[4] == (5, [None, *HEADER, None])
    member = [None, 1.0, "Nguyễn Văn Ân", datetime.date(1985, 9, 5), "Nam", 1085012345.0, None]
    assert rows[5] == (6, member)
    assert rows[6] == (7, [None] * 7)
    assert rows[7][0] == 8
    assert rows[7][1][-1] is True
    assert len(rows) == 8


def test_rows_can_be_read_again_from_the_top(tmp_path):
    table = open_table(_member_xlsx(tmp_path / "danh_sach.xlsx"))

    assert _rows(table) == _rows(table)


def test_openpyxl_merged_cells_keep_the_value_top_left_and_formulas_without_cache_are_empty(
    tmp_path,
):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["DANH SÁCH HỘI VIÊN"])
    sheet.merge_cells("A1:D1")
    sheet.append(["Họ tên", "Ngày sinh", "Số tiền", "Giờ"])
    sheet.append(["Ân", datetime.date(1985, 9, 5), "=1+1", datetime.time(7, 30)])
    workbook.save(tmp_path / "ds.xlsx")

    rows = _rows(open_table(tmp_path / "ds.xlsx"))

    assert rows[0] == (1, ["DANH SÁCH HỘI VIÊN", None, None, None])
    assert rows[2] == (3, ["Ân", datetime.date(1985, 9, 5), None, datetime.time(7, 30)])


def test_first_visible_sheet_with_data_is_read_and_others_can_be_asked_for(tmp_path):
    workbook = xlsxwriter.Workbook(tmp_path / "nhieu_trang.xlsx")
    workbook.add_worksheet("Ẩn").write("A1", "ẩn")
    workbook.add_worksheet("Trống")
    workbook.add_worksheet("Hội viên").write("A1", "Họ tên")
    workbook.add_worksheet("Khác").write("A1", "khác")
    workbook.worksheets()[0].hide()
    workbook.worksheets()[2].activate()
    workbook.close()

    table = open_table(tmp_path / "nhieu_trang.xlsx")

    assert table.sheet_name == "Hội viên"
    assert table.sheet_names == ("Trống", "Hội viên", "Khác")
    assert open_table(tmp_path / "nhieu_trang.xlsx", sheet="Khác").sheet_name == "Khác"
    assert _rows(open_table(tmp_path / "nhieu_trang.xlsx", sheet=0)) == [(1, ["ẩn"])]


def test_asking_for_a_missing_or_empty_sheet_is_unreadable(tmp_path):
    workbook = xlsxwriter.Workbook(tmp_path / "ds.xlsx")
    workbook.add_worksheet("Hội viên").write("A1", "Họ tên")
    workbook.add_worksheet("Trống")
    workbook.close()

    with pytest.raises(UnreadableFile) as missing:
        open_table(tmp_path / "ds.xlsx", sheet="Trang 9")
    with pytest.raises(UnreadableFile) as empty:
        open_table(tmp_path / "ds.xlsx", sheet="Trống")

    assert missing.value.message == "Tệp không có trang tính “Trang 9”."
    assert empty.value.message == "Trang tính “Trống” không có dữ liệu."


def test_workbook_with_only_empty_sheets_is_unreadable(tmp_path):
    workbook = xlsxwriter.Workbook(tmp_path / "trong.xlsx")
    workbook.add_worksheet("Trang 1")
    workbook.add_worksheet("Trang 2")
    workbook.close()

    assert _unreadable(tmp_path / "trong.xlsx") == "Tệp không có trang tính nào chứa dữ liệu."


@pytest.mark.parametrize("name", ["danh_sach.xls", "danh_sach.csv", "danh_sach", "DS.XLSX"])
def test_format_comes_from_the_content_not_the_file_name(tmp_path, name):
    path = _member_xlsx(tmp_path / "original.xlsx").rename(tmp_path / name)

    table = open_table(path)

    assert table.file_format == "xlsx"
    assert _rows(table)[4] == (5, [None, *HEADER, None])


@pytest.mark.parametrize("name", ["ds.xls", "ds.xlsx"])
def test_xls_workbooks_are_read(tmp_path, name):
    rows = [["DANH SÁCH"], [], ["Họ và tên", "Năm sinh"], ["Nguyễn Văn Ân", 1985.0]]
    (tmp_path / name).write_bytes(_ole2({"Workbook": _biff8(rows)}))

    table = open_table(tmp_path / name)

    assert (table.file_format, table.sheet_name) == ("xls", "Trang 1")
    assert _rows(table) == [
        (1, ["DANH SÁCH", None]),
        (2, [None, None]),
        (3, ["Họ và tên", "Năm sinh"]),
        (4, ["Nguyễn Văn Ân", 1985.0]),
    ]


def test_ods_workbooks_are_read(tmp_path):
    path = _ods(tmp_path / "ds.ods", [["DANH SÁCH"], [], ["Họ và tên", "Năm sinh"], ["Ân", 1985]])

    table = open_table(path)

    assert table.file_format == "ods"
    assert _rows(table)[2:] == [(3, ["Họ và tên", "Năm sinh"]), (4, ["Ân", 1985.0])]


@pytest.mark.parametrize("name", ["bao_mat.xlsx", "bao_mat.xls", "bao_mat.bin"])
def test_password_protected_xlsx_asks_to_remove_the_password(tmp_path, name):
    (tmp_path / name).write_bytes(_encrypted_xlsx())

    assert _unreadable(tmp_path / name) == PASSWORD_MESSAGE


def test_password_protected_xls_asks_to_remove_the_password(tmp_path):
    workbook = _biff8([["Họ tên"]], password=True)
    (tmp_path / "bao_mat.xls").write_bytes(_ole2({"Workbook": workbook}))

    assert _unreadable(tmp_path / "bao_mat.xls") == PASSWORD_MESSAGE


# --- CSV and text files ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "bom", "delimiter"),
    [
        ("utf-8", b"", ","),
        ("utf-8", codecs.BOM_UTF8, ";"),
        ("utf-16-le", codecs.BOM_UTF16_LE, "\t"),
        ("utf-16-be", codecs.BOM_UTF16_BE, "\t"),
        ("utf-16-le", b"", "\t"),
        ("utf-8", b"", "|"),
    ],
)
def test_csv_encodings_and_delimiters_are_detected(tmp_path, encoding, bom, delimiter):
    text = _csv_text([["DANH SÁCH HỘI VIÊN"], HEADER, *MEMBERS], delimiter)
    (tmp_path / "ds.csv").write_bytes(bom + text.encode(encoding))

    table = open_table(tmp_path / "ds.csv", filename="Hội viên thôn Đông.csv")

    assert (table.file_format, table.delimiter) == ("csv", delimiter)
    assert table.sheet_name == "Hội viên thôn Đông"
    assert _rows(table) == [
        (1, ["DANH SÁCH HỘI VIÊN"]),
        (2, HEADER),
        (3, ["1", "Nguyễn Văn Ân", "05/09/1985", "Nam", "001085012345"]),
        (4, ["2", "Trần Thị Hương", "12/12/1990", "Nữ", "040190000123"]),
    ]


def test_windows_1258_csv_is_decoded_and_its_combining_tone_marks_composed(tmp_path):
    text = _csv_text([HEADER, *MEMBERS, [3, "Lê Thị Mỹ Lệ", "01/01/1970", "Nữ", ""]], ";")
    raw = _cp1258(text)
    assert "\u0303".encode("cp1258") in raw
    (tmp_path / "ds.csv").write_bytes(raw)

    table = open_table(tmp_path / "ds.csv")
    rows = _rows(table)

    assert table.encoding == "cp1258"
    assert rows[0] == (1, HEADER)
    assert rows[1][1][1] == "Nguyễn Văn Ân"
    assert rows[3][1][1:4] == ["Lê Thị Mỹ Lệ", "01/01/1970", "Nữ"]
    assert all(
        unicodedata.is_normalized("NFC", cell) for _, cells in rows for cell in cells if cell
    )


def test_windows_1258_text_after_a_long_ascii_start_is_still_found(tmp_path):
    ascii_rows = [[n, "Nguyen Van An", "1985"] for n in range(5000)]
    text = _csv_text([["STT", "Họ tên", "Năm sinh"], *ascii_rows, [5000, "Trần Thị Hương", "1990"]])
    raw = _cp1258(text)
    assert raw.index(b"Tr") > 65536
    (tmp_path / "ds.csv").write_bytes(raw)

    table = open_table(tmp_path / "ds.csv")

    assert table.encoding == "cp1258"
    assert _rows(table)[-1] == (5002, ["5000", "Trần Thị Hương", "1990"])


def test_tcvn3_csv_is_read_as_windows_1252_so_the_legacy_fix_applies(tmp_path):
    tcvn3 = [["Hä vµ tªn", "N¨m sinh"], ["NguyÔn V¨n An", "1985"], ["TrÇn ThÞ H­¬ng", "1990"]]
    (tmp_path / "cu.csv").write_bytes(_csv_text(tcvn3).encode("cp1252"))

    table = open_table(tmp_path / "cu.csv")
    rows = _rows(table)

    assert table.encoding == "cp1252"
    assert [clean_cell_text(cell) for cell in rows[0][1]] == ["Họ và tên", "Năm sinh"]
    assert clean_cell_text(rows[1][1][0]) == "Nguyễn Văn An"


def test_csv_with_title_rows_and_a_semicolon_delimiter_is_sniffed(tmp_path):
    text = "DANH SÁCH HỘI VIÊN\r\nĐơn vị: xã Yên Bình\r\n\r\nSTT;Họ tên;Năm sinh\r\n1;Ân;1985\r\n"
    (tmp_path / "ds.csv").write_text(text, encoding="utf-8")

    table = open_table(tmp_path / "ds.csv")

    assert table.delimiter == ";"
    assert _rows(table)[2:] == [
        (3, []),
        (4, ["STT", "Họ tên", "Năm sinh"]),
        (5, ["1", "Ân", "1985"]),
    ]


def test_csv_with_decimal_commas_still_splits_on_semicolons(tmp_path):
    text = "STT;Họ tên;Điểm\r\n1;Ân;8,5\r\n2;Bình;7,25\r\n3;Cường;9,0\r\n"
    (tmp_path / "diem.csv").write_text(text, encoding="utf-8")

    assert open_table(tmp_path / "diem.csv").delimiter == ";"


def test_single_column_csv_falls_back_to_commas(tmp_path):
    (tmp_path / "ten.txt").write_text("Họ tên\nÂn\nBình\n", encoding="utf-8")

    table = open_table(tmp_path / "ten.txt")

    assert table.delimiter == ","
    assert _rows(table) == [(1, ["Họ tên"]), (2, ["Ân"]), (3, ["Bình"])]


def test_excel_sep_line_sets_the_delimiter_and_is_not_a_row(tmp_path):
    (tmp_path / "ds.csv").write_text("sep=;\r\nHọ tên;Năm sinh\r\nÂn;1985\r\n", encoding="utf-8")

    table = open_table(tmp_path / "ds.csv")

    assert table.delimiter == ";"
    assert _rows(table) == [(1, ["Họ tên", "Năm sinh"]), (2, ["Ân", "1985"])]


def test_csv_rows_are_numbered_by_record_even_with_line_breaks_inside_cells(tmp_path):
    text = 'Họ tên,Địa chỉ\r\nÂn,"Thôn Đông,\r\nxã Yên Bình"\r\nBình,Thôn Tây\r\n'
    (tmp_path / "ds.csv").write_text(text, encoding="utf-8")

    rows = _rows(open_table(tmp_path / "ds.csv"))

    assert rows[1] == (2, ["Ân", "Thôn Đông,\r\nxã Yên Bình"])
    assert rows[2] == (3, ["Bình", "Thôn Tây"])


# --- files that cannot be read --------------------------------------------------------------------


def test_empty_file_is_unreadable(tmp_path):
    (tmp_path / "rong.xlsx").write_bytes(b"")

    assert _unreadable(tmp_path / "rong.xlsx") == "Tệp rỗng, không có dữ liệu."


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(100), "ảnh PNG"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "tệp PDF"),
        (b"\xff\xd8\xff\xe0\0\x10JFIF" + bytes(100), "ảnh JPEG"),
    ],
)
def test_images_and_pdfs_are_named_in_the_message(tmp_path, content, kind):
    (tmp_path / "ds.xlsx").write_bytes(content)

    message = _unreadable(tmp_path / "ds.xlsx")

    assert message.startswith(f"Tệp này là {kind}, không phải bảng tính.")


def test_fifty_megabytes_of_random_bytes_are_refused(tmp_path):
    path = tmp_path / "rac.csv"
    with path.open("wb") as stream:
        for _ in range(50):
            stream.write(os.urandom(1024 * 1024))

    assert _unreadable(path).startswith("Tệp không phải bảng tính hay tệp văn bản CSV.")


def test_binary_without_nul_bytes_is_refused_for_its_control_characters(tmp_path):
    noise = bytes(byte for byte in os.urandom(200_000) if byte)
    (tmp_path / "rac.txt").write_bytes(noise)

    assert _unreadable(tmp_path / "rac.txt").startswith("Tệp không phải bảng tính")


@pytest.mark.parametrize(
    "content",
    [
        b"PK\x03\x04" + os.urandom(100_000),
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(100_000),
    ],
)
def test_garbage_behind_a_zip_or_ole2_signature_is_a_damaged_file(tmp_path, content):
    (tmp_path / "ds.xlsx").write_bytes(content)

    assert _unreadable(tmp_path / "ds.xlsx").startswith("Tệp bảng tính bị hỏng")


def test_zip_without_a_workbook_and_word_documents_are_damaged_spreadsheets(tmp_path):
    with zipfile.ZipFile(tmp_path / "ds.xlsx", "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    with zipfile.ZipFile(tmp_path / "van_ban.docx", "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")

    assert _unreadable(tmp_path / "ds.xlsx").startswith("Tệp bảng tính bị hỏng")
    assert _unreadable(tmp_path / "van_ban.docx").startswith("Tệp bảng tính bị hỏng")


def test_truncated_xlsx_and_xlsx_with_a_broken_sheet_are_damaged(tmp_path):
    whole = _member_xlsx(tmp_path / "ds.xlsx").read_bytes()
    (tmp_path / "cut.xlsx").write_bytes(whole[: len(whole) // 2])
    with (
        zipfile.ZipFile(tmp_path / "broken.xlsx", "w") as archive,
        zipfile.ZipFile(tmp_path / "ds.xlsx") as source,
    ):
        for item in source.infolist():
            broken = item.filename.startswith("xl/worksheets/")
            archive.writestr(item, b"<worksheet><sheetData><row" if broken else source.read(item))

    assert _unreadable(tmp_path / "cut.xlsx").startswith("Tệp bảng tính bị hỏng")
    assert _unreadable(tmp_path / "broken.xlsx").startswith("Tệp bảng tính bị hỏng")


@pytest.mark.parametrize(
    "content",
    [
        "<html><body><table><tr><td>Họ tên</td></tr></table></body></html>",
        '<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"/>',
    ],
)
def test_web_pages_saved_as_xls_ask_to_save_as_xlsx(tmp_path, content):
    (tmp_path / "bao_cao.xls").write_text(content, encoding="utf-8")

    message = _unreadable(tmp_path / "bao_cao.xls")

    assert message.startswith("Tệp này là trang web (HTML) hoặc XML")
    assert "Excel Workbook (.xlsx)" in message


def test_missing_file_is_unreadable(tmp_path):
    assert _unreadable(tmp_path / "khong_co.xlsx") == "Không mở được tệp tải lên. Hãy tải lên lại."
