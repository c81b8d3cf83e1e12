"""Checks shared by the programme services: who manages a programme, which party a node acts for,
whether a period is locked, and figures typed in."""

from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from khuyenhoc.core.errors import DomainError, ErrorCode
from khuyenhoc.core.scope import Action, Scope, path_prefixes
from khuyenhoc.core.services import require
from khuyenhoc.programmes.models import Party, Programme, Submission


def check_manage(scope: Scope, programme: Programme) -> None:
    """Refuse a user who may not change the records of the programme's lead body."""
    require(scope, Action.CHANGE, programme.org_path)


def clean_number(value: Any, field: str) -> Decimal:
    """A number not below zero (a comma may mark the decimals), else an error on `field`."""
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite() or number < 0:
        raise DomainError(ErrorCode.INVALID, _("Cần một số không âm."), field=field)
    return number


def party_of(programme: Programme, node: Any) -> Party:
    """The party whose subtree holds `node` (a party acts only inside its own subtree)."""
    prefixes = path_prefixes(node.path)
    party = programme.parties.filter(org_path__in=prefixes).order_by("-org_path").first()
    if party is None:
        raise PermissionDenied(_("Đơn vị này không thuộc bên nào của chương trình."))
    return party


def check_unlocked(programme: Programme, node: Any, day_or_year: Any) -> None:
    """Refuse a change to figures of a period whose report (of this node or one above it) is approved."""
    year = day_or_year if isinstance(day_or_year, int) else day_or_year.year
    locked = Submission.objects.filter(
        period__programme=programme, period__year_from__lte=year, period__year_to__gte=year,
        org_path__in=path_prefixes(node.path), status=Submission.Status.APPROVED,
    ).select_related("period").first()  # fmt: skip
    if locked is not None:
        raise DomainError(
            ErrorCode.INVALID,
            _("Kỳ “%(p)s” đã được duyệt và khóa số liệu; cần người duyệt mở lại.")
            % {"p": locked.period.name},
        )
