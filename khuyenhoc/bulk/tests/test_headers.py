"""Finding the header row of hand-made member lists and mapping its columns to fields."""

from itertools import islice

import pytest
import xlsxwriter

from khuyenhoc.bulk.headers import HeaderNotFound, find_header, normalise_header
from khuyenhoc.bulk.reading import UnreadableFile, open_table

SPEC = {
    "full_name": ["Họ và tên", "Họ tên", "Tên", "Họ, tên"],
    "cccd": [
        "Số CCCD",
        "CCCD",
        "Số định danh",
        "Số ĐDCN",
        "Số định danh cá nhân",
        "CMND/CCCD",
        "Số CMND",
    ],
    "birth_date": ["Ngày sinh", "Ngày tháng năm sinh", "Năm sinh"],
    "gender": ["Giới tính"],
    "village": ["Thôn", "Thôn/Tổ dân phố", "Tổ dân phố"],
    "commune": ["Xã", "Xã/Phường", "Phường"],
}
REQUIRED = {"full_name", "birth_date"}


def _rows(*rows: list) -> list[tuple[int, list]]:
    """Number rows from 1 as Excel does."""
    return [(number, list(cells)) for number, cells in enumerate(rows, start=1)]


@pytest.mark.parametrize(
    ("cell", "key"),
    [
        ("Họ và tên", "ho va ten"),
        ("HO VA TEN", "ho va ten"),
        ("  Họ   và\ntên ", "ho va ten"),
        ("Họ và tên (*)", "ho va ten"),
        ("Họ và tên *", "ho va ten"),
        ("Họ và tên\n(bắt buộc)", "ho va ten"),
        ("Họ và tên - bắt buộc", "ho va ten"),
        ("Ngày sinh (dd/mm/yyyy)", "ngay sinh"),
        ("Ngày sinh [dd/mm/yyyy]", "ngay sinh"),
        ("1. Họ và tên", "ho va ten"),
        ("(2) Ngày sinh", "ngay sinh"),
        ("a) Giới tính", "gioi tinh"),
        ("IV. Địa chỉ", "dia chi"),
        ("STT Họ tên", "ho ten"),
        ("STT", "stt"),
        ("Số CMND/CCCD", "so cmnd cccd"),
        ("Họ, tên", "ho ten"),
        ("Số ĐDCN", "so ddcn"),
        (None, ""),
        (2024.0, "2024"),
        ("Hä vµ tªn", "ho va ten"),
        ("Ngµy sinh", "ngay sinh"),
    ],
)
def test_normalise_header_ignores_case_accents_punctuation_numbering_and_notes(cell, key):
    assert normalise_header(cell) == key


def test_header_under_title_rows_and_an_empty_row_is_found():
    rows = _rows(
        ["DANH SÁCH HỘI VIÊN NĂM 2024", None, None, None],
        ["Đơn vị: Chi hội khuyến học thôn Đông", None, None, None],
        [],
        ["STT", "Họ và tên", "Ngày sinh", "Số CCCD"],
        [1, "Nguyễn Văn Ân", "05/09/1985", "001085012345"],
    )

    match = find_header(rows, SPEC, required=REQUIRED)

    assert match.row_number == 4
    assert match.columns == {"full_name": 1, "birth_date": 2, "cccd": 3}
    assert match.unknown_columns == [(0, "STT")]
    assert match.missing_required == []


def test_uppercase_headers_without_accents_match():
    rows = _rows(["STT", "HO TEN", "NGAY SINH", "GIOI TINH", "SO CCCD"], [1, "An", 1985, "Nam", ""])

    match = find_header(rows, SPEC, required=REQUIRED)

    assert match.columns == {"full_name": 1, "birth_date": 2, "gender": 3, "cccd": 4}


def test_headers_with_markers_line_breaks_and_formats_match():
    rows = _rows(
        ["TT", "Họ và tên\n(*)", "Ngày sinh\n(dd/mm/yyyy)", "Số định danh cá nhân (bắt buộc)"]
    )

    match = find_header(rows, SPEC, required=REQUIRED)

    assert match.columns == {"full_name": 1, "birth_date": 2, "cccd": 3}


def test_exact_header_beats_a_longer_cell_that_starts_with_a_variant():
    rows = _rows(["Tên thôn", "Họ tên", "Ngày sinh"])

    match = find_header(rows, SPEC, required=REQUIRED)

    assert match.columns["full_name"] == 1
    assert (0, "Tên thôn") in match.unknown_columns


def test_a_cell_starting_with_a_variant_matches_when_nothing_exact_does():
    rows = _rows(["Họ và tên hội viên", "Ngày tháng năm sinh của hội viên"])

    match = find_header(rows, SPEC, required=REQUIRED)

    assert match.columns == {"full_name": 0, "birth_date": 1}


def test_each_field_takes_one_column_the_leftmost_on_a_tie():
    rows = _rows(["Họ tên", "Ngày sinh", "Họ tên"])

    match = find_header(rows, SPEC, required=REQUIRED)

    assert match.columns == {"full_name": 0, "birth_date": 1}
    assert match.unknown_columns == [(2, "Họ tên")]


def test_missing_required_fields_are_reported_not_raised():
    rows = _rows(["STT", "Họ và tên", "Giới tính"])

    match = find_header(rows, SPEC, required={"full_name", "birth_date", "cccd"})

    assert match.row_number == 1
    assert match.missing_required == ["cccd", "birth_date"]


def test_the_row_naming_most_required_fields_wins_and_ties_go_to_the_earliest():
    rows = _rows(
        ["Họ tên người lập biểu: Trần Văn B"],
        ["Họ tên", "Giới tính"],
        ["Họ tên", "Ngày sinh"],
        ["Họ tên", "Ngày sinh"],
    )

    match = find_header(rows, SPEC, required=REQUIRED)

    assert match.row_number == 3


def test_two_row_header_with_field_names_in_the_sub_header_row():
    rows = _rows(
        ["DANH SÁCH HỘI VIÊN"],
        ["STT", "Thông tin hội viên", None, None, "Địa chỉ", None],
        [None, "Họ và tên", "Ngày sinh", "Giới tính", "Thôn", "Xã"],
        [1, "Nguyễn Văn Ân", "05/09/1985", "Nam", "Thôn Đông", "Xã Yên Bình"],
    )

    match = find_header(rows, SPEC, required=REQUIRED)

    assert match.row_number == 3
    assert match.columns == {
        "full_name": 1,
        "birth_date": 2,
        "gender": 3,
        "village": 4,
        "commune": 5,
    }
    assert match.unknown_columns == [(0, "STT")]


def test_two_row_header_with_vertically_merged_cells_above_sub_headers():
    rows = _rows(
        ["STT", "Họ và tên", "Ngày sinh", "Địa chỉ", None, "Số CCCD"],
        [None, None, None, "Thôn", "Xã", None],
        [1, "Nguyễn Văn Ân", "05/09/1985", "Thôn Đông", "Xã Yên Bình", "001085012345"],
    )

    match = find_header(rows, SPEC, required=REQUIRED)

    assert match.row_number == 2
    assert match.columns == {
        "full_name": 1,
        "birth_date": 2,
        "village": 3,
        "commune": 4,
        "cccd": 5,
    }


def test_first_data_row_is_never_read_as_a_sub_header():
    rows = _rows(
        ["STT", "Họ và tên", "Ngày sinh", "Ghi chú"],
        [1, None, None, "Xã Yên Bình"],
        [2, "Trần Thị Hương", "12/12/1990", None],
    )

    match = find_header(rows, SPEC, required=REQUIRED)

    assert match.row_number == 1
    assert match.columns == {"full_name": 1, "birth_date": 2}


@pytest.mark.parametrize("numbers", [[1, 2, 3], ["(1)", "(2)", "(3)"], [1.0, 2.0, None]])
def test_a_row_of_column_numbers_under_the_header_belongs_to_the_header(numbers):
    rows = _rows(["STT", "Họ và tên", "Ngày sinh"], numbers, [1, "Nguyễn Văn Ân", "1985"])

    match = find_header(rows, SPEC, required=REQUIRED)

    assert match.row_number == 2
    assert match.columns == {"full_name": 1, "birth_date": 2}


def test_a_first_data_row_of_numbers_only_is_not_taken_for_column_numbers():
    rows = _rows(["STT", "Họ và tên", "Năm sinh"], [1, None, 1985])

    assert find_header(rows, SPEC, required=REQUIRED).row_number == 1


def test_header_below_the_search_window_is_not_found():
    rows = _rows(*[[f"Ghi chú {n}"] for n in range(30)], ["Họ tên", "Ngày sinh"])

    with pytest.raises(HeaderNotFound):
        find_header(rows, SPEC, required=REQUIRED)
    assert find_header(rows, SPEC, required=REQUIRED, search_rows=31).row_number == 31


def test_no_header_raises_with_the_expected_required_headers():
    rows = _rows(["DANH SÁCH"], ["Nguyễn Văn Ân", "05/09/1985"])

    with pytest.raises(HeaderNotFound) as caught:
        find_header(rows, SPEC, required=REQUIRED)

    message = caught.value.message
    assert message.startswith("Không tìm thấy dòng tiêu đề trong 30 dòng đầu của trang tính.")
    assert "“Họ và tên” (hoặc “Họ tên”, “Tên”, “Họ, tên”)" in message
    assert "“Ngày sinh” (hoặc “Ngày tháng năm sinh”, “Năm sinh”)" in message
    assert "CCCD" not in message


def test_header_not_found_is_an_unreadable_file_for_callers_that_catch_one_error():
    with pytest.raises(UnreadableFile):
        find_header([], SPEC, required=REQUIRED)


def test_without_required_fields_any_field_locates_the_header():
    rows = _rows(["Tiêu đề"], ["Thôn", "Ghi chú"])

    match = find_header(rows, SPEC, required=set())

    assert match.row_number == 2
    assert match.columns == {"village": 0}
    assert match.missing_required == []


def test_an_optional_field_alone_does_not_make_a_header_row():
    rows = _rows(["Giới tính"])

    with pytest.raises(HeaderNotFound):
        find_header(rows, SPEC, required=REQUIRED)


def test_merged_two_row_header_of_a_real_workbook_in_capitals_without_accents(tmp_path):
    workbook = xlsxwriter.Workbook(tmp_path / "ds.xlsx")
    sheet = workbook.add_worksheet()
    sheet.merge_range("A1:F1", "DANH SACH HOI VIEN CHI HOI KHUYEN HOC NAM 2024")
    sheet.merge_range("A2:F2", "Don vi: xa Yen Binh")
    sheet.merge_range("A4:A5", "STT")
    sheet.merge_range("B4:B5", "HO TEN")
    sheet.merge_range("C4:D4", "NGAY SINH")
    sheet.write_row("C5", ["NAM", "NU"])
    sheet.merge_range("E4:F4", "DIA CHI")
    sheet.write_row("E5", ["THON", "XA"])
    sheet.write_row("A6", [1, "Nguyen Van An", 1985, None, "Thon Dong", "Yen Binh"])
    workbook.close()
    head = list(islice(open_table(tmp_path / "ds.xlsx").rows(), 30))

    match = find_header(head, SPEC, required={"full_name", "village"})

    assert match.row_number == 5
    assert match.columns == {"full_name": 1, "birth_date": 2, "village": 4, "commune": 5}
    assert match.unknown_columns == [(0, "STT"), (3, "NU")]
    assert match.missing_required == []
