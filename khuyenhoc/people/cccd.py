"""Căn cước công dân (CCCD) numbers: 12 digits, checked by their structure (Circular 59/2021/TT-BCA).

Digits 1–3: province of birth registration (the 63 pre-2025 codes, 001–096); digit 4: gender and century
(0/1 male/female born 1900–1999, 2/3 2000–2099, 4/5 2100–2199, 6/7 2200–2299, 8/9 2300–2399);
digits 5–6: the last two digits of the birth year; digits 7–12: random.
"""

import re

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
_NON_DIGITS = re.compile(r"[\s.\-']")


def normalise_cccd(raw: str | int | None) -> str:
    """Strip spaces and dots; restore a leading zero lost by a spreadsheet (11 digits → 12)."""
    if raw is None:
        return ""
    text = _NON_DIGITS.sub("", str(raw).strip())
    if text.endswith(".0"):
        text = text[:-2]
    if text.isdigit() and 9 <= len(text) < 12:
        text = text.zfill(12)
    return text


def cccd_problems(cccd: str, *, gender: str | None, birth_year: int | None) -> list[str]:
    """Vietnamese messages for every way `cccd` contradicts its structure, gender or birth year."""
    if not re.fullmatch(r"\d{12}", cccd):
        return [_("Số CCCD phải gồm đúng 12 chữ số.")]
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
