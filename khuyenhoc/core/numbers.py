"""Numbers as Vietnamese writes them: "." between thousands, "," before decimals.

    number_text(Decimal("1234.5"))  → "1.234,5"
    number_text(1_200_000)          → "1.200.000"  (whole numbers exactly, however large)
    number_text(Decimal("84.50"), grouped=False) → "84,5"

Every page, document, message and report that shows a number calls this; the units ("đ", "%",
"điểm") and the text for an unknown value ("—") belong to the caller.
"""

from decimal import Decimal

_SWAP = str.maketrans({",": ".", ".": ","})


def number_text(value: Decimal | int | float, *, decimals: int = 2, grouped: bool = True) -> str:
    """`value` rounded to at most `decimals` places (half to even), without trailing zeros."""
    grouping = "," if grouped else ""
    if isinstance(value, int):
        text = f"{value:{grouping}}"
    else:
        text = f"{value:{grouping}.{decimals}f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
    return text.translate(_SWAP)
