"""Checks shared by the people services."""

from typing import Any

from django.utils.translation import gettext as _

from khuyenhoc.core.errors import DomainError, ErrorCode
from khuyenhoc.core.text import clean_text
from khuyenhoc.places.models import AdminUnit, Level


def check_place(commune: AdminUnit | None, village: AdminUnit | None) -> AdminUnit | None:
    """Return the commune implied by the pair, refusing a village that lies in another commune."""
    if commune is not None and commune.level != Level.COMMUNE:
        raise DomainError(
            ErrorCode.INVALID, _("Hãy chọn một xã, phường hoặc đặc khu."), field="commune"
        )
    if village is None:
        return commune
    if village.level != Level.VILLAGE:
        raise DomainError(ErrorCode.INVALID, _("Hãy chọn một thôn, tổ dân phố."), field="village")
    if commune is not None and village.parent_id != commune.pk:
        raise DomainError(
            ErrorCode.INVALID,
            _("%(village)s không thuộc %(commune)s.")
            % {"village": village.name, "commune": commune.name},
            field="village",
        )
    return commune or village.parent


def place_province(commune: AdminUnit | None, org_node: object) -> str:
    """The province code a record is filed under: its commune's, else its managing node's."""
    if commune is not None:
        return commune.province_code
    return getattr(org_node, "province_code", "") or ""


def clean_fields(
    data: dict[str, Any], *, fields: tuple[str, ...], text: tuple[str, ...]
) -> dict[str, Any]:
    """Keep only `fields`, tidy the `text` ones (NFC, single spaces), upper-case a code (blank → None)."""
    data = {k: v for k, v in data.items() if k in fields}
    for name in text:
        if name in data:
            data[name] = clean_text(data[name])
    if "code" in data:
        data["code"] = data["code"].upper() or None
    return data
