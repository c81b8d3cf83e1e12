"""The masks of personal data, checked against values written out by hand."""

import datetime

import pytest

from khuyenhoc.core.privacy import (
    is_masked,
    mask_birth,
    mask_cccd,
    mask_cell,
    mask_phone,
    masked_field,
)


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("040185000176", "0401******76"),
        ("001099012345", "0010******45"),
        ("", ""),
        (None, ""),
        ("12345", "***45"),
    ],
)
def test_a_cccd_keeps_its_first_four_and_last_two_digits(value, masked):
    assert mask_cccd(value) == masked


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("0912345678", "091*****78"),
        ("0912 345 678", "091*****78"),
        ("+84912345678", "+84*******78"),
        ("113", "***"),
        ("", ""),
    ],
)
def test_a_phone_keeps_its_network_prefix_and_last_two_digits(value, masked):
    assert mask_phone(value) == masked


def test_a_birth_date_keeps_only_its_year():
    assert mask_birth(datetime.date(1985, 9, 5), None) == "**/**/1985"
    assert mask_birth(None, 1985) == "1985"
    assert mask_birth(None, None) == ""


@pytest.mark.parametrize(
    ("personal", "value", "masked"),
    [
        ("cccd", "040185000176", "0401******76"),
        ("cccd", 123, 123),  # a record number in a reference column
        ("cccd", "GD-A", "GD-A"),  # a household code in a subject column
        ("birth", "05/09/1985", "**/**/1985"),
        ("birth", "1985", "1985"),
        ("phone", "0912345678", "091*****78"),
        ("phone", "", ""),
    ],
)
def test_an_export_cell_is_masked_by_what_its_column_holds(personal, value, masked):
    assert mask_cell(personal, value) == masked


def test_a_masked_value_is_recognised_and_a_real_one_is_not():
    assert is_masked("0401******76")
    assert is_masked("**/**/1985")
    assert not is_masked("040185000176")
    assert not is_masked("Nguyễn Văn *An")
    assert not is_masked(None)


def test_only_personal_fields_are_masked_in_a_history():
    assert masked_field("cccd", "040185000176") == "0401******76"
    assert masked_field("birth_date", datetime.date(1990, 1, 2)) == "**/**/1990"
    assert masked_field("full_name", "Lê Văn Tâm") == "Lê Văn Tâm"
    assert masked_field("cccd", None) is None
