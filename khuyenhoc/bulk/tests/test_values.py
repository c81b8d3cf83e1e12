"""Cell parsers: text cleaning, dates, whole numbers, yes/no and closed lists (CCCDs: people/cccd.py)."""

import datetime
import unicodedata

import pytest

from khuyenhoc.bulk.values import (
    ValueProblem,
    clean_cell_text,
    excel_serial_to_date,
    parse_bool,
    parse_choice,
    parse_date,
    parse_int,
)

TODAY = datetime.date(2025, 6, 15)
GENDERS = {"male": ["Nam"], "female": ["Nữ"]}


def _excel_datetime(*parts: int) -> datetime.datetime:
    """A datetime as calamine returns it: Excel cells carry no time zone."""
    return datetime.datetime(*parts)  # noqa: DTZ001


def _problem(call, *args, **kwargs) -> str:
    """Return the message of the ValueProblem that call(*args, **kwargs) raises."""
    with pytest.raises(ValueProblem) as caught:
        call(*args, **kwargs)
    return caught.value.message


# --- clean_cell_text ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "text"),
    [
        (None, ""),
        ("", ""),
        ("  Nguyễn   Văn\n Ân ", "Nguyễn Văn Ân"),
        (12345678901.0, "12345678901"),
        (1985, "1985"),
        (0.1 + 0.2, "0.3"),
        (8.5, "8.5"),
        (True, "TRUE"),
        (_excel_datetime(1985, 9, 5), "05/09/1985"),
        (_excel_datetime(2024, 1, 2, 7, 30), "02/01/2024 07:30"),
        (datetime.date(1985, 9, 5), "05/09/1985"),
        (datetime.time(7, 30), "07:30"),
    ],
)
def test_clean_cell_text_renders_cells_as_excel_shows_them(cell, text):
    assert clean_cell_text(cell) == text


def test_clean_cell_text_composes_decomposed_vietnamese():
    decomposed = unicodedata.normalize("NFD", "Trần Thị Hương")

    cleaned = clean_cell_text(decomposed)

    assert cleaned == "Trần Thị Hương"
    assert unicodedata.is_normalized("NFC", cleaned)


def test_clean_cell_text_converts_tcvn3_and_vni_text():
    assert clean_cell_text("NguyÔn V¨n An") == "Nguyễn Văn An"
    assert clean_cell_text("Nguyeãn Vaên An") == "Nguyễn Văn An"


def test_clean_cell_text_can_skip_the_legacy_fix_for_code_columns():
    assert clean_cell_text(" NguyÔn ", fix=lambda text: text) == "NguyÔn"


def test_clean_cell_text_keeps_long_text_whole():
    long_text = "Thôn Đông " * 500

    assert clean_cell_text(long_text) == long_text.strip()


# --- parse_date -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (_excel_datetime(1985, 9, 5), datetime.date(1985, 9, 5)),
        (datetime.date(1985, 9, 5), datetime.date(1985, 9, 5)),
        ("05/09/1985", datetime.date(1985, 9, 5)),
        ("5/9/1985", datetime.date(1985, 9, 5)),
        ("05-09-1985", datetime.date(1985, 9, 5)),
        ("05.09.1985", datetime.date(1985, 9, 5)),
        ("1985-09-05", datetime.date(1985, 9, 5)),
        ("1985/09/05", datetime.date(1985, 9, 5)),
        ("1985-09-05 00:00:00", datetime.date(1985, 9, 5)),
        ("05/09/1985 00:00", datetime.date(1985, 9, 5)),
        ("5/9/85", datetime.date(1985, 9, 5)),
        ("5/9/05", datetime.date(2005, 9, 5)),
        ("ngày 5 tháng 9 năm 1985", datetime.date(1985, 9, 5)),
        ("Ngày 05 tháng 09 năm 1985", datetime.date(1985, 9, 5)),
        ("  05/09/1985\n", datetime.date(1985, 9, 5)),
        (31295, datetime.date(1985, 9, 5)),
        (31295.75, datetime.date(1985, 9, 5)),
    ],
)
def test_parse_date_reads_the_usual_forms(cell, expected):
    assert parse_date(cell, today=TODAY) == (expected, expected.year)


@pytest.mark.parametrize("cell", ["1985", 1985, 1985.0, "tháng 9 năm 1985", "9/1985"])
def test_parse_date_takes_a_bare_year_or_month_and_year_as_the_year(cell):
    assert parse_date(cell, today=TODAY) == (None, 1985)


@pytest.mark.parametrize("cell", [None, "", "   "])
def test_parse_date_of_an_empty_cell_is_nothing(cell):
    assert parse_date(cell, today=TODAY) == (None, None)


def test_parse_date_two_digit_years_after_this_year_are_the_1900s():
    assert parse_date("1/1/26", today=TODAY) == (datetime.date(1926, 1, 1), 1926)
    assert parse_date("1/1/25", today=TODAY) == (datetime.date(2025, 1, 1), 2025)


def test_parse_date_refuses_a_day_that_does_not_exist():
    assert _problem(parse_date, "31/02/1985", today=TODAY) == "Ngày 31/02/1985 không tồn tại."


def test_parse_date_suspects_american_month_first_dates():
    message = _problem(parse_date, "12/31/1985", today=TODAY)

    assert message.startswith("Ngày 12/31/1985 không tồn tại.")
    assert "tháng/ngày/năm" in message


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("16/06/2025", "Ngày 16/06/2025 ở tương lai."),
        (datetime.date(2030, 1, 1), "Ngày 01/01/2030 ở tương lai."),
        ("2031", "Năm 2031 ở tương lai."),
        (1899, "Năm 1899 trước năm 1900, hãy kiểm tra lại."),
        ("12/05/1850", "Năm 1850 trước năm 1900, hãy kiểm tra lại."),
        (46000, "Ngày 09/12/2025 ở tương lai."),
    ],
)
def test_parse_date_refuses_future_dates_and_years_before_1900(cell, message):
    assert _problem(parse_date, cell, today=TODAY) == message


@pytest.mark.parametrize("cell", ["mùng 5", "5/9", "abc", 85, True, -3.0, float("nan")])
def test_parse_date_refuses_text_that_is_not_a_date(cell):
    assert "ngày" in _problem(parse_date, cell, today=TODAY)


def test_parse_date_defaults_to_the_local_date_of_today():
    assert parse_date("05/09/1985") == (datetime.date(1985, 9, 5), 1985)


@pytest.mark.parametrize(
    ("serial", "date"),
    [
        (1, datetime.date(1900, 1, 1)),
        (59, datetime.date(1900, 2, 28)),
        (61, datetime.date(1900, 3, 1)),
        (25569, datetime.date(1970, 1, 1)),
        (45658, datetime.date(2025, 1, 1)),
    ],
)
def test_excel_serials_skip_the_29_february_1900_that_excel_invented(serial, date):
    assert excel_serial_to_date(serial) == date


def test_excel_serial_60_is_refused_as_a_day_that_did_not_exist():
    assert _problem(excel_serial_to_date, 60) == "Ngày 29/02/1900 không tồn tại."


# --- parse_int ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "number"),
    [
        (None, None),
        ("", None),
        (12, 12),
        (12.0, 12),
        ("12", 12),
        (" -3 ", -3),
        ("1.500", 1500),
        ("1,500,000", 1500000),
        ("1 500 000", 1500000),
        ("12.0", 12),
    ],
)
def test_parse_int_reads_whole_numbers(cell, number):
    assert parse_int(cell) == number


@pytest.mark.parametrize("cell", ["1,5", 2.5, "mười", True, "1.50"])
def test_parse_int_refuses_what_is_not_a_whole_number(cell):
    assert "không phải số nguyên" in _problem(parse_int, cell)


def test_parse_int_checks_the_bounds():
    assert parse_int("5", minimum=1, maximum=10) == 5
    assert _problem(parse_int, 0, minimum=1) == "Số 0 nhỏ hơn mức thấp nhất cho phép (1)."
    assert _problem(parse_int, "11", maximum=10) == "Số 11 lớn hơn mức cao nhất cho phép (10)."


# --- parse_bool -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "cell", ["Có", "có", "CO", "X", "x", "1", 1, 1.0, True, "true", "TRUE", "Đúng", "✓"]
)
def test_parse_bool_reads_yes(cell):
    assert parse_bool(cell) is True


@pytest.mark.parametrize("cell", ["Không", "không", "KHONG", "0", 0, False, "false", "Sai"])
def test_parse_bool_reads_no(cell):
    assert parse_bool(cell) is False


def test_parse_bool_leaves_an_empty_cell_undecided():
    assert parse_bool(None) is None
    assert parse_bool("  ") is None


def test_parse_bool_refuses_other_answers():
    assert _problem(parse_bool, "Chưa rõ") == "“Chưa rõ” không phải Có hoặc Không."
    assert _problem(parse_bool, 2) == "“2” không phải Có hoặc Không."


# --- parse_choice ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "key"),
    [
        ("Nam", "male"),
        ("nam", "male"),
        ("NAM", "male"),
        ("male", "male"),
        (" Nữ ", "female"),
        ("nu", "female"),
        ("NỮ", "female"),
        ("female", "female"),
        ("Nữ.", "female"),
    ],
)
def test_parse_choice_ignores_case_accents_and_punctuation(cell, key):
    assert parse_choice(cell, GENDERS) == key


def test_parse_choice_of_an_empty_cell_is_nothing():
    assert parse_choice(None, GENDERS) is None


def test_parse_choice_lists_the_allowed_labels_when_nothing_matches():
    message = _problem(parse_choice, "Khác", GENDERS)

    assert message == "“Khác” không phải một trong các giá trị: “Nam”, “Nữ”."


def test_parse_choice_matches_numbers_written_as_labels():
    assert parse_choice(1.0, {"first": ["1", "Hạng nhất"], "second": ["2"]}) == "first"
