"""Căn cước công dân (CCCD) numbers: 12 digits, checked by their structure (Circular 59/2021/TT-BCA).

Digits 1–3: province of birth registration (the 63 pre-2025 codes, 001–096); digit 4: gender and century
(0/1 male/female born 1900–1999, 2/3 2000–2099, 4/5 2100–2199, 6/7 2200–2299, 8/9 2300–2399);
digits 5–6: the last two digits of the birth year; digits 7–12: random.
"""

import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

PROVINCE_CODES = frozenset(
    [
        "001",
        "002",
        "004",
        "006",
        "008",
        "010",
        "011",
        "012",
        "014",
        "015",
        "017",
        "019",
        "020",
        "022",
        "024",
        "025",
        "026",
        "027",
        "030",
        "031",
        "033",
        "034",
        "035",
        "036",
        "037",
        "038",
        "040",
        "042",
        "044",
        "045",
        "046",
        "048",
        "049",
        "051",
        "052",
        "054",
        "056",
        "058",
        "060",
        "062",
        "064",
        "066",
        "067",
        "068",
        "070",
        "072",
        "074",
        "075",
        "077",
        "079",
        "080",
        "082",
        "083",
        "084",
        "086",
        "087",
        "089",
        "091",
        "092",
        "093",
        "094",
        "095",
        "096",
    ]
)
# Spaces, dots and dashes people type between groups of digits ("040 085 000 123", "040.085.000.123").
_SEPARATORS = re.compile(r"[\s.\-]")
CCCD_LENGTH = 12
# Every province code starts with 0, so a spreadsheet that stored a CCCD as a number dropped one or two
# leading zeros (10 or 11 digits left). An old 9-digit CMND is not a CCCD: the Law on Identification
# 2023 ended its validity, so it is refused like any other wrong length.
_RESTORABLE = (10, 11)


class CccdError(ValueError):
    """A value that is not a CCCD; `message` says why, in Vietnamese (also what str() gives)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def cccd_rule() -> str:
    """The one sentence every interface shows for a CCCD that is not 12 digits."""
    return _("Số CCCD phải có đúng 12 chữ số (CMND 9 số cũ không dùng được).")


def parse_cccd(raw: object) -> str:
    """Return the 12 digits of a CCCD typed, sent or read from a spreadsheet cell; "" when empty.

    The one parse of a CCCD: the web form, the API, the importers and the person search all call it.
    Spaces, dots, dashes and a leading apostrophe are ignored, and the zeros a spreadsheet dropped are
    put back; anything else, an old 9-digit CMND included, raises CccdError.
    """
    if raw is None:
        return ""
    if isinstance(raw, bool):
        raise CccdError(cccd_rule())
    if isinstance(raw, float) and not raw.is_integer():
        raise CccdError(_exponent_message(f"{raw:.15g}"))
    if isinstance(raw, int | float):
        return _restored(str(int(raw)))
    text = str(raw).strip().lstrip("'").strip()
    if not text:
        return ""
    if "e" in text.lower():
        text = _from_exponent(text)
    digits = cccd_typed_digits(text)
    if digits is None:
        raise CccdError(cccd_rule())
    return _restored(digits)


def cccd_typed_digits(text: str) -> str | None:
    """The ASCII digits of `text` without the separators people type, or None if it holds more."""
    digits = _SEPARATORS.sub("", text)
    return digits if digits.isascii() and digits.isdigit() else None


def _restored(digits: str) -> str:
    """Put back the leading zeros a spreadsheet dropped, and check the length (and sign)."""
    if not digits.isdigit():
        raise CccdError(cccd_rule())
    if len(digits) in _RESTORABLE and not digits.startswith("0"):
        return digits.zfill(CCCD_LENGTH)
    if len(digits) == CCCD_LENGTH:
        return digits
    raise CccdError(cccd_rule())


def _from_exponent(text: str) -> str:
    """Expand "4.0085123456E+10" when every digit is written out; refuse a rounded one."""
    try:
        number = Decimal(text.replace(",", "."))
    except InvalidOperation:
        raise CccdError(cccd_rule()) from None
    if not number.is_finite() or number != number.to_integral_value() or number < 0:
        raise CccdError(_exponent_message(text))
    whole = str(int(number))
    if len(number.as_tuple().digits) < len(whole):
        raise CccdError(_exponent_message(text))
    return whole


def _exponent_message(text: str) -> str:
    """Message for a CCCD that a spreadsheet turned into a rounded number such as 4.0085E+10."""
    return _(
        "Số CCCD “%(value)s” đã bị Excel đổi thành số mũ (E+) nên có thể mất chữ số. "
        "Hãy định dạng cột CCCD là Văn bản (Text), nhập lại số rồi tải lên lại."
    ) % {"value": text}


def cccd_problems(cccd: str, *, gender: str | None, birth_year: int | None) -> list[str]:
    """Vietnamese messages for every way `cccd` contradicts its structure, gender or birth year."""
    if not re.fullmatch(r"\d{12}", cccd):
        return [cccd_rule()]
    problems = []
    if cccd[:3] not in PROVINCE_CODES:
        problems.append(
            _("Ba chữ số đầu (%(code)s) không phải mã tỉnh nơi đăng ký khai sinh.")
            % {"code": cccd[:3]}
        )
    digit = int(cccd[3])
    century = 1900 + (digit // 2) * 100
    code_gender = "male" if digit % 2 == 0 else "female"
    if gender and gender != code_gender:
        problems.append(
            _("Chữ số thứ 4 (%(d)s) cho biết giới tính %(g)s, không khớp với giới tính đã nhập.")
            % {"d": digit, "g": _("nam") if code_gender == "male" else _("nữ")}
        )
    if birth_year is not None and birth_year != century + int(cccd[4:6]):
        problems.append(
            _("Số CCCD cho biết năm sinh %(y)s, không khớp với năm sinh %(b)s.")
            % {"y": century + int(cccd[4:6]), "b": birth_year}
        )
    return problems


def make_cccd(*, province: str, gender: str, birth_year: int, serial: int) -> str:
    """Build a structurally valid CCCD (for demo data, tests and benchmarks)."""
    century_digit = (birth_year // 100 - 19) * 2 + (0 if gender == "male" else 1)
    return f"{province}{century_digit}{birth_year % 100:02d}{serial % 1_000_000:06d}"
