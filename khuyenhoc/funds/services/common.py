"""Checks and document numbering shared by the funds services."""

from typing import Any

from django.utils.translation import gettext as _

from khuyenhoc.core.errors import DomainError, ErrorCode
from khuyenhoc.core.money import AmountError, check_amount
from khuyenhoc.core.text import clean_text
from khuyenhoc.funds.models import Counter, Fund, Party


def whole_dong(value: Any, *, field: str = "amount", label: str = "") -> int:
    """Whole đồng from 1 to MAX_AMOUNT; anything else (a fraction, zero, a negative, a number too
    large for a VietQR code or a 64-bit sum) is refused with a message naming the field."""
    try:
        return check_amount(value, label)
    except AmountError as err:
        raise DomainError(ErrorCode.INVALID, err.message, field=field) from None


def counter_next(*, fund: Fund, kind: str, year: int) -> str:
    """The next receipt (PT) or voucher (PC) number of the fund and year, with no gaps."""
    counter, _created = Counter.objects.select_for_update().get_or_create(
        fund=fund, kind=kind, year=year
    )
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"{kind}{year}-{counter.last:06d}"


def party_named(kind: str, person: Any, household: Any, name: str) -> tuple[str, Any, Any]:
    """The party's display name (from its record when it has one), checked for its kind."""
    if kind not in Party.values:
        raise DomainError(
            ErrorCode.INVALID, _("Loại người ủng hộ/nhận không hợp lệ."), field="party"
        )
    if kind == Party.ANONYMOUS:
        return _("Giấu tên"), None, None
    if kind == Party.PERSON and person is not None:
        return person.full_name, person, None
    if kind == Party.HOUSEHOLD and household is not None:
        return household.name, None, household
    name = clean_text(name)
    if not name:
        raise DomainError(ErrorCode.REQUIRED, _("Cần ghi tên (hoặc chọn hồ sơ)."), field="name")
    return name, None, None
