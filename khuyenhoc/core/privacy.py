"""Masks for personal data shown to roles that do not manage the person (docs/privacy.md).

A masked value keeps enough to tell records apart on a list — the CCCD's province-and-century digits and
last two, the birth year, a phone's network prefix and last two — and never enough to use it. The mask
character is "*", which no CCCD, date or phone number contains, so an import can tell a masked cell from
a real one (`is_masked`) and refuse it instead of overwriting the real value.
"""

import datetime
import re
from collections.abc import Callable
from typing import Any

MASK = "*"


def mask_cccd(value: str | None) -> str:
    """ "040185000176" → "0401******76"; shorter or odd values keep only their last two characters."""
    if not value:
        return ""
    if len(value) >= 8:
        return value[:4] + MASK * (len(value) - 6) + value[-2:]
    return MASK * max(len(value) - 2, 1) + value[-2:]


def mask_phone(value: str | None) -> str:
    """ "0912345678" → "091*****78"; the separators of a written number are dropped first."""
    digits = "".join(ch for ch in value or "" if ch.isalnum() or ch == "+")
    if not digits:
        return ""
    if len(digits) <= 5:
        return MASK * len(digits)
    return digits[:3] + MASK * (len(digits) - 5) + digits[-2:]


def mask_birth(birth_date: datetime.date | None, birth_year: int | None) -> str:
    """Only the year: "**/**/1985" (a bare year, as some records hold, is not personal enough to hide)."""
    year = birth_date.year if birth_date else birth_year
    if not year:
        return ""
    return f"{MASK * 2}/{MASK * 2}/{year}" if birth_date else str(year)


def is_masked(value: object) -> bool:
    """Whether a cell or field holds a masked value (read back from a masked export)."""
    return isinstance(value, str) and MASK * 2 in value


def _mask_date(value: object) -> str:
    return mask_birth(value, None) if isinstance(value, datetime.date) else ""


# Personal fields by model attribute name, with their masks: the history table, the API and the templates
# hide them through this one table.
FIELD_MASKS: dict[str, Callable[[Any], str]] = {
    "cccd": mask_cccd,
    "donor_cccd": mask_cccd,
    "phone": mask_phone,
    "birth_date": _mask_date,
}


def masked_field(name: str, value: object) -> object:
    """`value` masked if field `name` is personal, else unchanged (None and "" stay as they are)."""
    mask = FIELD_MASKS.get(name)
    if mask is None or value in (None, ""):
        return value
    return mask(value)


_DAY_MONTH_YEAR = re.compile(r"\d{1,2}/\d{1,2}/(\d{4})")


def mask_cell(personal: str, value: object) -> object:
    """An export cell of a personal column, masked: CCCD-shaped numbers (a record number or a household
    code in the same column stays), full dates down to their year, phone numbers."""
    if not isinstance(value, str) or not value:
        return value
    if personal == "cccd":
        return mask_cccd(value) if value.isdigit() and len(value) >= 9 else value
    if personal == "birth":
        found = _DAY_MONTH_YEAR.fullmatch(value)
        return f"{MASK * 2}/{MASK * 2}/{found.group(1)}" if found else value
    if personal == "phone":
        return mask_phone(value)
    return value
