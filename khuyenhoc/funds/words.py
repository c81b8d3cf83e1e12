"""Amounts as Vietnamese accounting documents write them: "1.200.000" and "Một triệu hai trăm nghìn đồng".

We read numbers ourselves rather than with num2words: its Vietnamese (0.5.14) says "một nghìn lẻ mười"
for 1.010 and "một triệu lẻ năm mươi" for 1.000.050, drops "không trăm" inside a number ("một nghìn lẻ
năm" for 1.005, "một triệu một nghìn" for 1.001.000), reads 10^15 as "một trăm nghìn tỷ", gives up
with "Quintillion" below 10^18, and offers no choice of "linh"/"lẻ", "nghìn"/"ngàn" or "tư"/"bốn".

The convention (số tiền bằng chữ on phiếu thu / phiếu chi), group by group of three digits:
- a group after a higher one always says its hundreds, "không trăm" too: 1.005 "một nghìn không trăm
  linh năm", 1.000.050 "một triệu không trăm năm mươi"; an all-zero group is left out entirely
  (1.000.000.001 "một tỷ không trăm linh một");
- "linh" (or "lẻ") only between a hundreds word and a lone units digit: 105 "một trăm linh năm",
  110 "một trăm mười";
- tens 1 is "mười", higher tens "hai mươi" …; after a tens word 1 is "mốt" (21 "hai mươi mốt", but
  11 "mười một"), 5 is "lăm" (15 "mười lăm", 25 "hai mươi lăm", but "linh năm"), and 4 after twenty
  and above is "tư" (24 "hai mươi tư", 14 "mười bốn") — or "bốn", which is just as correct;
- above the billions "tỷ" repeats: 10^12 "một nghìn tỷ", 10^15 "một triệu tỷ", 10^18 "một tỷ tỷ".

settings.AMOUNT_WORDS chooses "linh"/"lẻ", "nghìn"/"ngàn" and "tư"/"bốn" (defaults "linh", "nghìn", "tư":
"tư" is the more common reading and the one accounting guides use, e.g. "ba mươi tư").
"""

import operator
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from khuyenhoc.core.numbers import number_text

DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
BILLION = 10**9
CHOICES = {"linh": ("linh", "lẻ"), "nghin": ("nghìn", "ngàn"), "tu": ("tư", "bốn")}


class Options(NamedTuple):
    linh: str = "linh"
    nghin: str = "nghìn"
    tu: str = "tư"


def dong(amount: int) -> str:
    """ "1.200.000" — thousands separated by dots."""
    return number_text(amount)


def in_words(amount: int) -> str:
    """ "Một triệu không trăm năm mươi đồng": the amount in words, first letter capital, then "đồng"."""
    words = " ".join(number_words(amount, options()))
    return f"{words[:1].upper()}{words[1:]} đồng"


def options() -> Options:
    """settings.AMOUNT_WORDS, each value checked against its two allowed spellings."""
    chosen = {**Options()._asdict(), **getattr(settings, "AMOUNT_WORDS", {})}
    for key, value in chosen.items():
        if value not in CHOICES.get(key, ()):
            raise ImproperlyConfigured(f"AMOUNT_WORDS[{key!r}] = {value!r}; allowed: {CHOICES}.")
    return Options(**chosen)


def number_words(amount: int, opts: Options) -> list[str]:
    """The words of a whole number ≥ 0, lower case: [“một”, “nghìn”, “không”, “trăm”, “linh”, “năm”]."""
    number = operator.index(amount)
    if number < 0:
        raise ValueError(f"Không đọc được số âm thành chữ: {number}.")
    return _words(number, opts, inner=False) if number else [DIGITS[0]]


def _words(number: int, opts: Options, inner: bool) -> list[str]:
    """number > 0; inner when a higher part was read before it (its first group then says "không trăm")."""
    if number >= BILLION:
        high, low = divmod(number, BILLION)
        words = [*_words(high, opts, inner), "tỷ"]
        return words + _words(low, opts, inner=True) if low else words
    words: list[str] = []
    groups = (number // 1_000_000, number // 1000 % 1000, number % 1000)
    for value, scale in zip(groups, ("triệu", opts.nghin, ""), strict=True):
        if value:
            words += _group(value, opts, full=inner or bool(words))
            words += [scale] if scale else []
    return words


def _group(value: int, opts: Options, full: bool) -> list[str]:
    """One group 1–999; full when it follows a higher group, so its hundreds are said even if zero."""
    hundreds, tens, units = value // 100, value // 10 % 10, value % 10
    words = [DIGITS[hundreds], "trăm"] if hundreds or full else []
    if tens == 0:
        if units:
            words += [opts.linh, DIGITS[units]] if words else [DIGITS[units]]
        return words
    words += ["mười"] if tens == 1 else [DIGITS[tens], "mươi"]
    if units:
        words.append(_units_after_tens(tens, units, opts))
    return words


def _units_after_tens(tens: int, units: int, opts: Options) -> str:
    if units == 5:
        return "lăm"
    if units == 1 and tens >= 2:
        return "mốt"
    if units == 4 and tens >= 2:
        return opts.tu
    return DIGITS[units]
