"""The audit trail of a record, read from its django-simple-history table."""

from typing import Any

from django.utils.translation import gettext as _

from khuyenhoc.core.privacy import masked_field

_KIND = {"+": _("Tạo mới"), "~": _("Sửa"), "-": _("Xóa")}
_SKIP = {"updated_at", "created_at", "name_key", "org_path", "province_code", "path"}


def history_of(instance: Any, *, limit: int = 50, masked: bool = True) -> list[dict[str, Any]]:
    """Who changed `instance`, when, and which fields went from what to what (newest first).

    Personal fields (CCCD, phone, birth date: core.privacy) are masked unless `masked` is False, which
    only a reader allowed to see them in full asks for."""
    rows = list(
        instance.history.select_related("history_user").order_by("-history_date", "-history_id")[
            : limit + 1
        ]
    )
    entries: list[dict[str, Any]] = []
    for newer, older in zip(rows, [*rows[1:], None], strict=False):
        if len(entries) == limit:
            break
        changes = []
        if older is not None and newer.history_type == "~":
            delta = newer.diff_against(older)
            changes = [
                {
                    "field": _verbose(instance, c.field),
                    "old": masked_field(c.field, c.old) if masked else c.old,
                    "new": masked_field(c.field, c.new) if masked else c.new,
                }
                for c in delta.changes
                if c.field not in _SKIP
            ]
        entries.append(
            {
                "at": newer.history_date,
                "user": newer.history_user,
                "kind": _KIND.get(newer.history_type, newer.history_type),
                "changes": changes,
            }
        )
    return entries


def _verbose(instance: Any, name: str) -> str:
    try:
        return str(instance._meta.get_field(name).verbose_name)
    except Exception:
        return name
