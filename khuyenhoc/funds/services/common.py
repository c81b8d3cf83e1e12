"""Checks and document numbering shared by the funds services."""

from typing import Any

from django.utils.translation import gettext as _

from khuyenhoc.core.errors import DomainError, ErrorCode
from khuyenhoc.core.text import clean_text
from khuyenhoc.funds.models import Counter, Fund, Party


def whole_dong(value: Any, *, field: str = "amount") -> int:
    """Whole đồng greater than zero; anything else (a fraction, zero, a negative) is refused."""
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise DomainError(
            ErrorCode.INVALID, _("Số tiền phải là số đồng nguyên, lớn hơn 0."), field=field
        )
    return value


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
