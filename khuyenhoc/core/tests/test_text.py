import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from khuyenhoc.core.text import clean_text, fold, whole_number

LETTERS = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵdđ"


def _slow_fold(text: str) -> str:
    text = clean_text(text).lower().replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


def test_every_vietnamese_letter_folds_to_its_base_in_both_cases():
    for letter in LETTERS + LETTERS.upper():
        assert fold(letter) == _slow_fold(letter)
        assert fold(letter).isascii()


@given(st.text(alphabet=LETTERS + LETTERS.upper() + " öüçñ-.'\t\n", max_size=40))
def test_fast_fold_agrees_with_the_unicode_definition(text):
    assert fold(text) == _slow_fold(text)


def test_decomposed_input_is_folded_too():
    assert fold("Nguye\u0302\u0303n  Va\u0306n   A\u0302n") == "nguyen van an"


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("2024", 2024),
        (" 17 ", 17),
        ("²", None),
        ("٣", None),
        ("12a", None),
        ("", None),
        (None, None),
    ],
)
def test_whole_numbers_are_ascii_digits_only(text, number):
    assert whole_number(text) == number
