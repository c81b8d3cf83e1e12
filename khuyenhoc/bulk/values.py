"""Turn spreadsheet cells (str, int, float, bool, date, None) into clean Python values.

Each parser returns the value, or None / "" for an empty cell, or raises ValueProblem with a Vietnamese
message for the row report. Length limits and "required" checks belong to the caller, and a domain's own
values (a CCCD) to the app that owns the rule (people/cccd.py).
"""

import datetime
import functools
import math
import re
from collections.abc import Callable

from django.utils import timezone
from django.utils.translation import gettext as _

from khuyenhoc.bulk.legacy import fix_legacy
from khuyenhoc.core.text import clean_text, fold

# Excel's 1900 date system: serial 1 is 1900-01-01 and serial 60 is the 29 February 1900 that never
# was (a Lotus 1-2-3 bug Excel kept), so serials from 61 on count from 1899-12-30.
_EXCEL_EPOCH = datetime.date(1899, 12, 30)
_EXCEL_FAKE_LEAP_DAY = 60
_LAST_SERIAL = 2958465  # 31/12/9999
# Smaller numbers are two-digit years or typing slips rather than dates in 1900-1902.
_FIRST_PLAUSIBLE_SERIAL = 1000
_FIRST_YEAR = 1900
_TIME = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
_DAY_FIRST = re.compile(rf"(\d{{1,2}})([/.-])(\d{{1,2}})\2(\d{{4}}|\d{{2}}){_TIME}")
_YEAR_FIRST = re.compile(rf"(\d{{4}})([/.-])(\d{{1,2}})\2(\d{{1,2}}){_TIME}")
_WORDS = re.compile(r"(?:ngay\s*)?(\d{1,2})\s*thang\s*(\d{1,2})\s*(?:nam\s*)?(\d{4})")
_MONTH_YEAR = re.compile(r"(?:thang\s*)?(\d{1,2})\s*(?:/|-|\.|nam)\s*(\d{4})")
_INTEGER = re.compile(r"[+-]?\d+")
_GROUPED_INTEGER = re.compile(r"[+-]?\d{1,3}(?:([., ])\d{3})(?:\1\d{3})*")
_WHOLE_DECIMAL = re.compile(r"([+-]?\d+)[.,]0+")
_PUNCTUATION = re.compile(r"[\W_]+")
_TRUE = frozenset({"co", "x", "1", "true", "dung", "yes", "y", "v", "✓", "✔"})
_FALSE = frozenset({"khong", "ko", "k", "0", "false", "sai", "no", "n"})


class ValueProblem(Exception):
    """A cell that cannot be read as the expected kind of value; `message` says why, in Vietnamese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = str(message)


@functools.lru_cache(maxsize=1 << 16)
def _clean_str(value: str) -> str:
    """Cleaned text of a cell; files repeat their communes, villages, occupations and family names."""
    return clean_text(fix_legacy(value))


def clean_cell_text(value: object, *, fix: Callable[[str], str] = fix_legacy) -> str:
    """Return a cell as clean text: whole numbers without ".0", NFC, TCVN3/VNI fixed, spaces collapsed."""
    if value is None:
        return ""
    if isinstance(value, str):
        return _clean_str(value) if fix is fix_legacy else clean_text(fix(value))
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:.15g}"
    if isinstance(value, datetime.datetime):
        return value.strftime("%d/%m/%Y" if value.time() == datetime.time() else "%d/%m/%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M:%S" if value.second else "%H:%M")
    return clean_text(str(value))


def parse_date(
    value: object, *, today: datetime.date | None = None
) -> tuple[datetime.date | None, int | None]:
    """Return (date, year) from a date cell, an Excel serial, a date text or a bare year.

    A four-digit whole number is a year, a larger number an Excel date serial; a month and year
    ("9/1985", "tháng 9 năm 1985") gives the year only. Dates must lie between 1900 and today.
    Empty cells give (None, None).
    """
    today = today or timezone.localdate()
    if value is None:
        return None, None
    if isinstance(value, bool):
        raise ValueProblem(_("“%(value)s” không phải ngày tháng.") % {"value": value})
    if isinstance(value, datetime.datetime):
        return _checked_date(value.date(), today)
    if isinstance(value, datetime.date):
        return _checked_date(value, today)
    if isinstance(value, int | float):
        return _date_from_number(value, today)
    if isinstance(value, str):
        return _date_from_cell_text(value, today)
    return _date_from_cell_text(clean_cell_text(value), today)


@functools.lru_cache(maxsize=1 << 16)
def _date_from_cell_text(
    value: str, today: datetime.date
) -> tuple[datetime.date | None, int | None]:
    """A date written as text (cached: a file repeats its dates; refusals are not cached)."""
    text = fold(clean_cell_text(value))
    if not text:
        return None, None
    return _date_from_text(text, today)


def excel_serial_to_date(serial: float) -> datetime.date:
    """Convert an Excel serial number (1900 date system) to a date, dropping the time of day."""
    if not math.isfinite(serial) or not 1 <= serial < _LAST_SERIAL + 1:
        raise ValueProblem(_("“%(value)s” không phải ngày tháng.") % {"value": serial})
    whole = int(serial)
    if whole == _EXCEL_FAKE_LEAP_DAY:
        raise ValueProblem(_("Ngày %(value)s không tồn tại.") % {"value": "29/02/1900"})
    offset = whole if whole > _EXCEL_FAKE_LEAP_DAY else whole + 1
    return _EXCEL_EPOCH + datetime.timedelta(days=offset)


def _date_from_number(number: float, today: datetime.date) -> tuple[datetime.date | None, int]:
    """Read a number as a four-digit year or, from 1000 days on, as an Excel date serial."""
    if math.isfinite(number) and float(number).is_integer() and 1000 <= number <= 9999:
        return None, _checked_year(int(number), today)
    if not math.isfinite(number) or number < _FIRST_PLAUSIBLE_SERIAL:
        raise ValueProblem(
            _("“%(value)s” không phải ngày tháng; năm cần ghi đủ bốn chữ số.")
            % {"value": clean_cell_text(number)}
        )
    return _checked_date(excel_serial_to_date(number), today)


def _date_from_text(text: str, today: datetime.date) -> tuple[datetime.date | None, int]:
    """Read a folded date text: d/m/yyyy, d/m/yy, yyyy-mm-dd, "ngay 5 thang 9 nam 1985" or a year."""
    if re.fullmatch(r"\d{4}", text):
        return None, _checked_year(int(text), today)
    if match := _DAY_FIRST.fullmatch(text):
        day, month, year = int(match[1]), int(match[3]), match[4]
        full_year = _full_year(year, today) if len(year) == 2 else int(year)
        return _checked_parts(day, month, full_year, today)
    if match := _YEAR_FIRST.fullmatch(text):
        return _checked_parts(int(match[4]), int(match[3]), int(match[1]), today)
    if match := _WORDS.fullmatch(text):
        return _checked_parts(int(match[1]), int(match[2]), int(match[3]), today)
    if (match := _MONTH_YEAR.fullmatch(text)) and 1 <= int(match[1]) <= 12:
        return None, _checked_year(int(match[2]), today)
    raise ValueProblem(
        _(
            "Không hiểu ngày “%(value)s”. Hãy ghi ngày theo dạng ngày/tháng/năm "
            "(ví dụ 05/09/1985) hoặc chỉ ghi năm (ví dụ 1985)."
        )
        % {"value": text}
    )


def _full_year(two_digits: str, today: datetime.date) -> int:
    """Expand a two-digit year: up to this year's two digits is 20xx, above is 19xx."""
    year = int(two_digits)
    return 2000 + year if year <= today.year % 100 else 1900 + year


def _checked_parts(
    day: int, month: int, year: int, today: datetime.date
) -> tuple[datetime.date, int]:
    """Build a date from its parts, refusing days that do not exist."""
    try:
        date = datetime.date(year, month, day)
    except ValueError:
        shown = f"{day:02d}/{month:02d}/{year}"
        message = _("Ngày %(value)s không tồn tại.") % {"value": shown}
        if month > 12 >= day:
            message += " " + _("Có thể ngày và tháng bị đảo (kiểu Mỹ tháng/ngày/năm).")
        raise ValueProblem(message) from None
    return _checked_date(date, today)


def _checked_date(date: datetime.date, today: datetime.date) -> tuple[datetime.date, int]:
    """Return (date, year) when the date is neither before 1900 nor in the future."""
    if date > today:
        shown = date.strftime("%d/%m/%Y")
        raise ValueProblem(_("Ngày %(value)s ở tương lai.") % {"value": shown})
    return date, _checked_year(date.year, today)


def _checked_year(year: int, today: datetime.date) -> int:
    """Return the year when it lies between 1900 and this year."""
    if year < _FIRST_YEAR:
        raise ValueProblem(_("Năm %(year)s trước năm 1900, hãy kiểm tra lại.") % {"year": year})
    if year > today.year:
        raise ValueProblem(_("Năm %(year)s ở tương lai.") % {"year": year})
    return year


def parse_int(
    value: object, *, minimum: int | None = None, maximum: int | None = None
) -> int | None:
    """Return a whole number (thousands separators allowed: "1.500", "1,500"); None when empty."""
    number = _whole_number(value)
    if number is None:
        return None
    if minimum is not None and number < minimum:
        raise ValueProblem(
            _("Số %(value)s nhỏ hơn mức thấp nhất cho phép (%(limit)s).")
            % {"value": number, "limit": minimum}
        )
    if maximum is not None and number > maximum:
        raise ValueProblem(
            _("Số %(value)s lớn hơn mức cao nhất cho phép (%(limit)s).")
            % {"value": number, "limit": maximum}
        )
    return number


def _whole_number(value: object) -> int | None:
    """Read a cell as a whole number, or None when it is empty."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = clean_cell_text(value)
    if not text:
        return None
    if isinstance(value, str):
        if _INTEGER.fullmatch(text):
            return int(text)
        if match := _GROUPED_INTEGER.fullmatch(text):
            return int(text.replace(match[1], ""))
        if match := _WHOLE_DECIMAL.fullmatch(text):
            return int(match[1])
    raise ValueProblem(_("“%(value)s” không phải số nguyên.") % {"value": text})


def parse_bool(value: object) -> bool | None:
    """Return True for Có, X, 1, true, Đúng; False for Không, 0, false, Sai; None when empty."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    key = _choice_key(clean_cell_text(value))
    if not key:
        return None
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    raise ValueProblem(
        _("“%(value)s” không phải Có hoặc Không.") % {"value": clean_cell_text(value)}
    )


def parse_choice(value: object, choices: dict[str, list[str]]) -> str | None:
    """Return the key of `choices` whose key or label matches the cell, ignoring case and accents."""
    text = clean_cell_text(value)
    if not text:
        return None
    lookup = _choice_lookup(tuple((key, tuple(labels)) for key, labels in choices.items()))
    key = lookup.get(_choice_key(text))
    if key is None:
        allowed = ", ".join(f"“{labels[0] if labels else key}”" for key, labels in choices.items())
        raise ValueProblem(
            _("“%(value)s” không phải một trong các giá trị: %(allowed)s.")
            % {"value": text, "allowed": allowed}
        )
    return key


@functools.lru_cache(maxsize=64)
def _choice_lookup(choices: tuple[tuple[str, tuple[str, ...]], ...]) -> dict[str, str]:
    """Map every folded key and label to its key (cached: the same choices serve every row)."""
    lookup: dict[str, str] = {}
    for key, labels in choices:
        for label in (key, *labels):
            lookup.setdefault(_choice_key(label), key)
    return lookup


@functools.lru_cache(maxsize=4096)
def _choice_key(text: str) -> str:
    """Fold text for comparing labels: no case, accents or punctuation."""
    return " ".join(_PUNCTUATION.sub(" ", fold(text)).split()) or text.strip()
