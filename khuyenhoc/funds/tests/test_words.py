"""Amounts in words as phiếu thu and phiếu chi write them: a table written out by hand, a parser that
reads every amount back (hypothesis), the three spellings of settings.AMOUNT_WORDS, and the PDFs."""

import io

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from pypdf import PdfReader

from khuyenhoc.core.middleware import scope_for_user
from khuyenhoc.funds.documents import receipt_pdf
from khuyenhoc.funds.services.donations import donation_create
from khuyenhoc.funds.services.funds import fund_open
from khuyenhoc.funds.words import in_words

NINES = "chín trăm chín mươi chín"
TABLE = [
    (0, "Không đồng"),
    (1, "Một đồng"),
    (4, "Bốn đồng"),
    (5, "Năm đồng"),
    (10, "Mười đồng"),
    (11, "Mười một đồng"),
    (14, "Mười bốn đồng"),
    (15, "Mười lăm đồng"),
    (20, "Hai mươi đồng"),
    (21, "Hai mươi mốt đồng"),
    (24, "Hai mươi tư đồng"),
    (25, "Hai mươi lăm đồng"),
    (55, "Năm mươi lăm đồng"),
    (91, "Chín mươi mốt đồng"),
    (94, "Chín mươi tư đồng"),
    (100, "Một trăm đồng"),
    (101, "Một trăm linh một đồng"),
    (104, "Một trăm linh bốn đồng"),
    (105, "Một trăm linh năm đồng"),
    (110, "Một trăm mười đồng"),
    (111, "Một trăm mười một đồng"),
    (115, "Một trăm mười lăm đồng"),
    (121, "Một trăm hai mươi mốt đồng"),
    (1_000, "Một nghìn đồng"),
    (1_001, "Một nghìn không trăm linh một đồng"),
    (1_005, "Một nghìn không trăm linh năm đồng"),
    (1_010, "Một nghìn không trăm mười đồng"),
    (1_015, "Một nghìn không trăm mười lăm đồng"),
    (1_024, "Một nghìn không trăm hai mươi tư đồng"),
    (1_100, "Một nghìn một trăm đồng"),
    (1_105, "Một nghìn một trăm linh năm đồng"),
    (10_000, "Mười nghìn đồng"),
    (10_005, "Mười nghìn không trăm linh năm đồng"),
    (15_000, "Mười lăm nghìn đồng"),
    (21_000, "Hai mươi mốt nghìn đồng"),
    (100_005, "Một trăm nghìn không trăm linh năm đồng"),
    (105_000, "Một trăm linh năm nghìn đồng"),
    (234_544, "Hai trăm ba mươi tư nghìn năm trăm bốn mươi tư đồng"),
    (500_000, "Năm trăm nghìn đồng"),
    (1_000_000, "Một triệu đồng"),
    (1_000_050, "Một triệu không trăm năm mươi đồng"),
    (1_001_000, "Một triệu không trăm linh một nghìn đồng"),
    (1_200_000, "Một triệu hai trăm nghìn đồng"),
    (5_025_110, "Năm triệu không trăm hai mươi lăm nghìn một trăm mười đồng"),
    (12_345_678, "Mười hai triệu ba trăm bốn mươi lăm nghìn sáu trăm bảy mươi tám đồng"),
    (270_000_000, "Hai trăm bảy mươi triệu đồng"),
    (1_000_000_000, "Một tỷ đồng"),
    (1_000_000_001, "Một tỷ không trăm linh một đồng"),
    (1_005_000_000, "Một tỷ không trăm linh năm triệu đồng"),
    (1_505_555_005, "Một tỷ năm trăm linh năm triệu năm trăm năm mươi lăm nghìn không trăm linh năm đồng"),
    (56_000_000_000, "Năm mươi sáu tỷ đồng"),
    (1_000_000_000_000, "Một nghìn tỷ đồng"),
    (1_000_000_000_001, "Một nghìn tỷ không trăm linh một đồng"),
    (9_999_999_999_999, f"Chín nghìn {NINES} tỷ {NINES} triệu {NINES} nghìn {NINES} đồng"),
    (10**15, "Một triệu tỷ đồng"),
    (10**15 + 10**9, "Một triệu không trăm linh một tỷ đồng"),
    (10**18 - 1, f"Chín trăm chín mươi chín triệu {NINES} nghìn {NINES} tỷ {NINES} triệu {NINES} nghìn {NINES} đồng"),
    (10**18, "Một tỷ tỷ đồng"),
]  # fmt: skip


@pytest.mark.parametrize(("amount", "words"), TABLE)
def test_amounts_read_as_accounting_documents_write_them(amount, words):
    assert in_words(amount) == words


def test_the_issues_wrong_readings_are_gone():
    for amount in (1_010, 1_000_050, 1_005, 100_005, 1_001_000, 1_000_000_001):
        assert "không trăm" in in_words(amount)
    assert "lẻ mười" not in in_words(1_010)
    assert "linh năm mươi" not in in_words(1_000_050)


def test_a_negative_amount_is_refused_and_a_fraction_is_not_read():
    with pytest.raises(ValueError, match="số âm"):
        in_words(-1)
    with pytest.raises(TypeError):
        in_words(1.5)  # type: ignore[arg-type]


# A small parser written apart from words.py: it accepts only the convention (hundreds said in every
# group after the first, "linh" only between hundreds and a lone digit, "mốt"/"tư"/"lăm" only after a
# tens word) and gives the number back.
DIGIT = {
    "không": 0,
    "một": 1,
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "năm": 5,
    "sáu": 6,
    "bảy": 7,
    "tám": 8,
    "chín": 9,
}
AFTER_MUOI = {
    "một": 1,
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "lăm": 5,
    "sáu": 6,
    "bảy": 7,
    "tám": 8,
    "chín": 9,
}  # "mười …"


def after_muoi(spelling: dict[str, str]) -> dict[str, int]:
    """Units after "hai mươi" … "chín mươi": "mốt", "lăm", and "tư" or "bốn" as set."""
    units = {word: n for word, n in AFTER_MUOI.items() if word not in ("một", "bốn")}
    return {**units, "mốt": 1, spelling["tu"]: 4}


def parse(text: str, spelling: dict[str, str]) -> int:
    assert text.endswith(" đồng"), text
    assert text[0].isupper(), text
    assert text[1:] == text[1:].lower(), text
    words = text[:-5].lower().split()
    return 0 if words == ["không"] else _number(words, spelling, inner=False)


def _number(words: list[str], spelling: dict[str, str], inner: bool) -> int:
    if "tỷ" not in words:
        return _below_a_billion(words, spelling, inner)
    last = len(words) - 1 - words[::-1].index("tỷ")
    high = _number(words[:last], spelling, inner)
    low = words[last + 1 :]
    return high * 10**9 + (_below_a_billion(low, spelling, inner=True) if low else 0)


def _below_a_billion(words: list[str], spelling: dict[str, str], inner: bool) -> int:
    total, rest = 0, words
    for scale, size in (("triệu", 10**6), (spelling["nghin"], 1000)):
        if scale in rest:
            at = rest.index(scale)
            total += _group(rest[:at], spelling, full=inner or total > 0) * size
            rest = rest[at + 1 :]
    if rest:
        total += _group(rest, spelling, full=inner or total > 0)
    assert 0 < total < 10**9, words
    return total


def _group(words: list[str], spelling: dict[str, str], full: bool) -> int:
    hundreds = len(words) >= 2 and words[1] == "trăm"
    if hundreds:
        value, rest = DIGIT[words[0]] * 100, words[2:]
        assert value or full, "'không trăm' only inside a number"
    else:
        value, rest = 0, words
        assert not full, "a group after a higher one says its hundreds"
    if not rest:
        pass
    elif rest[0] == spelling["linh"]:
        assert hundreds, words
        assert len(rest) == 2, words
        assert DIGIT[rest[1]] > 0, words
        value += DIGIT[rest[1]]
    elif rest[0] == "mười":
        assert len(rest) <= 2, words
        value += 10 + (AFTER_MUOI[rest[1]] if len(rest) == 2 else 0)
    elif len(rest) >= 2 and rest[1] == "mươi":
        assert DIGIT[rest[0]] >= 2, words
        assert len(rest) <= 3, words
        value += DIGIT[rest[0]] * 10 + (after_muoi(spelling)[rest[2]] if len(rest) == 3 else 0)
    else:
        assert not hundreds, words
        assert len(rest) == 1, words
        assert DIGIT[rest[0]] > 0, words
        value += DIGIT[rest[0]]
    assert value > 0, words
    return value


SPELLINGS = st.fixed_dictionaries(
    {
        "linh": st.sampled_from(["linh", "lẻ"]),
        "nghin": st.sampled_from(["nghìn", "ngàn"]),
        "tu": st.sampled_from(["tư", "bốn"]),
    }
)
# Uniform integers, and numbers made mostly of zeros (where the convention has its cases).
AMOUNTS = st.one_of(
    st.integers(min_value=0, max_value=10**18 - 1),
    st.lists(st.sampled_from("00000000123456789"), min_size=1, max_size=18).map("".join).map(int),
)


@hypothesis_settings(max_examples=600, deadline=None)
@given(amount=AMOUNTS, spelling=SPELLINGS)
def test_every_amount_reads_back_to_itself_under_every_spelling(amount, spelling):
    with override_settings(AMOUNT_WORDS=spelling):
        text = in_words(amount)
    assert parse(text, spelling) == amount, text


def test_the_parser_refuses_the_readings_the_convention_forbids():
    spelling = {"linh": "linh", "nghin": "nghìn", "tu": "tư"}
    for wrong in ("Một nghìn lẻ mười đồng", "Một triệu linh năm mươi đồng", "Một nghìn linh năm đồng",
                  "Một triệu một nghìn đồng", "Một tỷ linh một đồng", "Hai mươi một đồng",
                  "Mười mốt đồng", "Hai mươi năm đồng", "Mười năm đồng", "Một trăm linh lăm đồng",
                  "Một triệu không trăm nghìn đồng", "Mười tư đồng", "Hai mươi bốn đồng"):  # fmt: skip
        with pytest.raises((AssertionError, KeyError, ValueError)):
            parse(wrong, spelling)


@pytest.mark.parametrize(
    ("key", "value", "before", "after"),
    [
        ("linh", "lẻ", "linh", "lẻ"),
        ("nghin", "ngàn", "nghìn", "ngàn"),
        ("tu", "bốn", "tư", "bốn"),
    ],
)
def test_each_spelling_changes_its_word_and_nothing_else(settings, key, value, before, after):
    defaults = dict(TABLE)
    settings.AMOUNT_WORDS = {**settings.AMOUNT_WORDS, key: value}
    changed = 0
    for amount, words in defaults.items():
        expected = " ".join(after if word == before else word for word in words.split(" "))
        assert in_words(amount) == expected
        changed += expected != words
    assert changed >= 3  # the table exercises each spelling
    assert in_words(14) == "Mười bốn đồng"  # "tư" only after twenty and above


def test_a_partial_setting_keeps_the_other_defaults(settings):
    settings.AMOUNT_WORDS = {"linh": "lẻ"}
    assert in_words(1_024_005) == "Một triệu không trăm hai mươi tư nghìn không trăm lẻ năm đồng"


@pytest.mark.parametrize("wrong", [{"linh": "lẽ"}, {"nghin": "ngan"}, {"tu": "4"}, {"ty": "tỉ"}])
def test_a_spelling_outside_the_choices_is_a_configuration_error(settings, wrong):
    settings.AMOUNT_WORDS = wrong
    with pytest.raises(ImproperlyConfigured):
        in_words(1_005)


def test_a_receipt_says_an_amount_with_zeros_inside_as_the_convention_does(world):
    scope = scope_for_user(world.clerk_a)
    fund = fund_open(actor=None, scope=scope, org_node=world.commune_a, code="Q1", name="Quỹ xã A")
    gift = donation_create(actor=None, scope=scope, fund=fund, amount=1_005_000, method="cash",
                           donor_kind="person", donor_name="Trần Thị Lan")  # fmt: skip

    text = " ".join(PdfReader(io.BytesIO(receipt_pdf(gift))).pages[0].extract_text().split())

    assert "1.005.000 đồng" in text
    assert "Một triệu không trăm linh năm nghìn đồng" in text
