"""Amounts of money: whole đồng from 1 to MAX_AMOUNT, on every path (forms, API, imports, bank
statements, pledges, campaigns, VietQR codes).

MAX_AMOUNT is 9.999.999.999.999 đồng (13 digits): the most a VietQR code can carry (EMVCo's amount
field holds 13 characters), and far below what a 64-bit column holds, so that the sum of any
realistic number of amounts stays an exact integer. A sum kept in a column (a fund's monthly total)
is bounded by MAX_TOTAL (10^18 đồng, a hundred thousand maximal amounts), under the 64-bit limit
(about 9.2 × 10^18) with room to add one more amount: SQLite turns an integer that overflows into an
inexact REAL without a word, so the limit is checked before that can happen.
"""

import re

from django.utils.translation import gettext as _

MAX_AMOUNT = 9_999_999_999_999
MAX_AMOUNT_DIGITS = len(str(MAX_AMOUNT))  # 13, VietQR's amount field
MAX_TOTAL = 10**18

# "1200000", "1.200.000", "1,200,000", "1 200 000", optionally with a zero fraction the other way
# ("1.200.000,00", "1,200,000.00", "1200000.00"). ASCII digits only.
_AMOUNT = re.compile(
    r"(?P<n>[0-9]{1,3}(?P<sep>[., ])[0-9]{3}(?:(?P=sep)[0-9]{3})*|[0-9]+)(?:(?P<dec>[.,])0+)?"
)
_UNIT = re.compile(r"\s*(?:đồng|vnđ|vnd|đ)$", re.IGNORECASE)
_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_MAX_TEXT = 40  # longer than any way of writing MAX_AMOUNT


class AmountError(ValueError):
    """A value that is not a whole number of đồng from 1 to MAX_AMOUNT; `message` says so."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def amount_message(label: str = "") -> str:
    """ "Số tiền phải là số nguyên từ 1 đến 9.999.999.999.999 đồng." — naming the field."""
    return _("%(field)s phải là số nguyên từ 1 đến %(max)s đồng.") % {
        "field": label or _("Số tiền"),
        "max": f"{MAX_AMOUNT:,}".replace(",", "."),
    }


def check_amount(value: object, label: str = "") -> int:
    """`value` itself when it is an int from 1 to MAX_AMOUNT (not a bool, not a float)."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_AMOUNT:
        raise AmountError(amount_message(label))
    return value


def parse_amount(value: object, label: str = "") -> int | None:
    """An amount as typed or read from a file ("1.200.000", 1200000, 1200000.0); None when empty.

    A fraction ("1,5", 1.5), zero, a negative, text, a control character or more than MAX_AMOUNT is
    refused with a message naming the field."""
    if value is None:
        return None
    if isinstance(value, float):
        if value != value or not value.is_integer():  # NaN, 1.5
            raise AmountError(amount_message(label))
        value = int(value)
    if isinstance(value, int):
        return check_amount(value, label)
    text = _UNIT.sub("", str(value).strip())
    if not text:
        return None
    match = _AMOUNT.fullmatch(text) if len(text) <= _MAX_TEXT else None
    if match is None or (match["dec"] and match["dec"] == match["sep"]):
        raise AmountError(amount_message(label))
    return check_amount(int(_SPACES.sub("", match["n"]).replace(".", "").replace(",", "")), label)
