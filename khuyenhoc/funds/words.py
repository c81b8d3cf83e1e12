"""Amounts as Vietnamese accounting documents write them: "1.200.000" and "Một triệu hai trăm nghìn đồng"."""

from num2words import num2words

from khuyenhoc.core.numbers import number_text


def dong(amount: int) -> str:
    """ "1.200.000" — thousands separated by dots."""
    return number_text(amount)


def in_words(amount: int) -> str:
    """ "Một triệu hai trăm nghìn đồng" (num2words' Vietnamese, first letter capital)."""
    words = num2words(amount, lang="vi")
    return f"{words[:1].upper()}{words[1:]} đồng"
