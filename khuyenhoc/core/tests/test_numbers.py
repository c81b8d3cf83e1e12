"""Vietnamese numbers: one implementation that writes what each of its former copies wrote."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from khuyenhoc.bulk.report import ImportReport
from khuyenhoc.core.numbers import number_text
from khuyenhoc.funds.words import dong
from khuyenhoc.reports.review import number as review_number
from khuyenhoc.titles.rubric import number as score_number


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0, "0"),
        (7, "7"),
        (1000, "1.000"),
        (1_234_567, "1.234.567"),
        (-1_200_000, "-1.200.000"),
        (12_345_678_901_234_567_890, "12.345.678.901.234.567.890"),
        (Decimal("85"), "85"),
        (Decimal("85.00"), "85"),
        (Decimal("85.5"), "85,5"),
        (Decimal("84.25"), "84,25"),
        (Decimal("1234.5"), "1.234,5"),
        (Decimal("0.125"), "0,12"),
        (Decimal("0.135"), "0,14"),
        (Decimal("99.999"), "100"),
        (Decimal("-0.5"), "-0,5"),
    ],
)
def test_number_text_writes_dot_thousands_and_comma_decimals(value, text):
    assert number_text(value) == text


def test_number_text_can_leave_out_the_thousands_and_round_to_fewer_places():
    assert number_text(Decimal("1234.5"), grouped=False) == "1234,5"
    assert number_text(Decimal("1234.56"), decimals=1) == "1.234,6"


# What each copy wrote before it called number_text, kept as the oracle of "nothing changed".
def _rubric_before(value):
    d = Decimal(str(value))
    text = (
        str(d.quantize(Decimal("0.01")).normalize()) if d != d.to_integral_value() else str(int(d))
    )
    return text.replace(".", ",")


def _review_before(value):
    if value is None:
        return "—"
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


SCORES = st.decimals(min_value=0, max_value=999, places=2, allow_nan=False, allow_infinity=False)
FIGURES = st.decimals(
    min_value=-(10**12), max_value=10**12, places=4, allow_nan=False, allow_infinity=False
)


@given(SCORES)
def test_scores_read_as_before(value):
    assert score_number(value) == _rubric_before(value)
    assert score_number(float(value)) == _rubric_before(float(value))


@given(st.one_of(FIGURES, st.integers(-(10**12), 10**12), st.none()))
def test_review_figures_read_as_before(value):
    assert review_number(value) == _review_before(value)


@given(st.integers(-(10**15), 10**15))
def test_amounts_and_import_counts_read_as_before(value):
    before = f"{value:,}".replace(",", ".")

    assert dong(value) == before
    assert (
        f"Đọc {before} dòng"
        in ImportReport(kind="persons", file_name="ds.csv", read=value).summary()
    )
