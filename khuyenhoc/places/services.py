"""Writes for administrative units: users add villages and residential groups under communes."""

import re
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from khuyenhoc.core.errors import DomainError, ErrorCode
from khuyenhoc.core.scope import Action, Scope
from khuyenhoc.core.services import require_place, stamp
from khuyenhoc.core.text import clean_text, fold
from khuyenhoc.places.models import AdminUnit, Level

CODE_SHAPE = re.compile(r"[A-Z0-9][A-Z0-9-]*")
VILLAGE_TYPES = ("thôn", "tổ dân phố", "bản", "ấp", "buôn", "làng", "xóm", "khu phố", "sóc", "plây")


@transaction.atomic
def village_create(
    *,
    actor: Any,
    scope: Scope,
    commune: AdminUnit,
    name: str,
    division_type: str = "thôn",
    code: str = "",
) -> AdminUnit:
    """Add a village/residential group (thôn, tổ dân phố, bản, ấp...) under a commune."""
    if not scope.can(Action.CHANGE):
        raise PermissionDenied(_("Bạn không có quyền thêm thôn, tổ dân phố."))
    if commune.level != Level.COMMUNE:
        raise DomainError(
            ErrorCode.INVALID, _("Thôn phải thuộc một xã, phường hoặc đặc khu."), field="commune"
        )
    require_place(scope, Action.CHANGE, commune.path, field="commune")
    name = clean_text(name)
    if not name:
        raise DomainError(ErrorCode.REQUIRED, _("Cần nhập tên thôn, tổ dân phố."), field="name")
    division_type = clean_text(division_type).lower() or "thôn"
    if AdminUnit.objects.filter(parent=commune, level=Level.VILLAGE, name_key=fold(name)).exists():
        raise DomainError(
            ErrorCode.DUPLICATE,
            _("%(commune)s đã có %(name)s.") % {"commune": commune.name, "name": name},
            field="name",
        )
    code = clean_text(code).upper() or _free_code(commune)
    if not CODE_SHAPE.fullmatch(code):
        raise DomainError(
            ErrorCode.INVALID, _("Mã thôn chỉ gồm chữ không dấu, chữ số và dấu gạch."), field="code"
        )
    if AdminUnit.objects.filter(level=Level.VILLAGE, code=code).exists():
        raise DomainError(
            ErrorCode.DUPLICATE, _("Mã thôn %(code)s đã được dùng.") % {"code": code}, field="code"
        )
    village = AdminUnit(
        code=code,
        level=Level.VILLAGE,
        division_type=division_type,
        name=name,
        name_key=fold(name),
        parent=commune,
        path=f"{commune.path}{code}.",
        province_code=commune.province_code,
    )
    stamp(village, actor).save()
    return village


def _free_code(commune: AdminUnit) -> str:
    """The first unused code of the form <commune code>-NNN."""
    taken = set(
        AdminUnit.objects.filter(level=Level.VILLAGE, parent=commune).values_list("code", flat=True)
    )
    number = len(taken) + 1
    while f"{commune.code}-{number:03d}" in taken:
        number += 1
    return f"{commune.code}-{number:03d}"
