"""Writes for organisation nodes: every change goes through here (UI, API, import, demo data)."""

import re
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from khuyenhoc.core.errors import DomainError, ErrorCode
from khuyenhoc.core.scope import Action, Scope
from khuyenhoc.core.services import apply_changes, require, require_place, stamp
from khuyenhoc.core.text import clean_text, fold
from khuyenhoc.orgs.models import NodeKind, OrgNode, OrgSystem
from khuyenhoc.places.models import AdminUnit

CODE_SHAPE = re.compile(r"[A-Z0-9][A-Z0-9._-]*")
EDITABLE = ("kind", "code", "name", "place", "valid_from", "valid_until", "address", "phone")


def _check(node: OrgNode) -> None:
    if not node.code:
        raise DomainError(ErrorCode.REQUIRED, _("Cần nhập mã tổ chức."), field="code")
    if not CODE_SHAPE.fullmatch(node.code):
        raise DomainError(
            ErrorCode.INVALID,
            _("Mã tổ chức chỉ gồm chữ không dấu, chữ số, dấu gạch và dấu chấm."),
            field="code",
        )
    if not node.name:
        raise DomainError(ErrorCode.REQUIRED, _("Cần nhập tên tổ chức."), field="name")
    if node.kind not in NodeKind.values:
        raise DomainError(ErrorCode.INVALID, _("Loại tổ chức không hợp lệ."), field="kind")
    if node.parent is not None and node.parent.system_id != node.system_id:
        raise DomainError(
            ErrorCode.INVALID, _("Tổ chức cấp trên thuộc hệ thống khác."), field="parent"
        )
    if node.valid_from and node.valid_until and node.valid_until < node.valid_from:
        raise DomainError(
            ErrorCode.INVALID, _("Ngày giải thể phải sau ngày thành lập."), field="valid_until"
        )
    clash = OrgNode.objects.filter(code=node.code).exclude(pk=node.pk).exists()
    if clash:
        raise DomainError(
            ErrorCode.DUPLICATE,
            _("Mã tổ chức %(code)s đã được dùng.") % {"code": node.code},
            field="code",
        )


def _check_place(scope: Scope, place: AdminUnit | None) -> None:
    """A node's place gives its users authority over the villages there, so only someone who manages
    organisations over that place may name it (a commune's admin cannot claim the province)."""
    if place is not None:
        require_place(scope, Action.MANAGE_ORGS, place.path, field="place")


def _province_of(place: AdminUnit | None, parent: OrgNode | None) -> str:
    if place is not None:
        return place.province_code
    return parent.province_code if parent is not None else ""


@transaction.atomic
def orgnode_create(
    *,
    actor: Any,
    scope: Scope,
    system: OrgSystem,
    parent: OrgNode | None,
    kind: str,
    code: str,
    name: str,
    place: AdminUnit | None = None,
    valid_from: date | None = None,
    valid_until: date | None = None,
    address: str = "",
    phone: str = "",
) -> OrgNode:
    """Create a node under `parent` (a root only for system administrators) and give it its path."""
    require(scope, Action.MANAGE_ORGS, parent.path if parent else "")
    _check_place(scope, place)
    node = OrgNode(
        system=system,
        parent=parent,
        kind=kind or NodeKind.OTHER,
        code=clean_text(code).upper(),
        name=clean_text(name),
        place=place,
        valid_from=valid_from,
        valid_until=valid_until,
        address=clean_text(address),
        phone=clean_text(phone),
    )
    node.name_key = fold(node.name)
    node.province_code = _province_of(place, parent)
    node.depth = parent.depth + 1 if parent else 1
    node.path = f"tmp-{node.code}"
    _check(node)
    try:
        with transaction.atomic():
            stamp(node, actor).save()
    except IntegrityError as exc:
        raise DomainError(ErrorCode.DUPLICATE, _("Mã tổ chức đã được dùng."), field="code") from exc
    # The path is made of ids, so it is known only once the row exists.
    node.path = f"{parent.path if parent else ''}{node.pk}."
    node.save(update_fields=["path"])
    return node


@transaction.atomic
def orgnode_update(*, actor: Any, scope: Scope, node: OrgNode, data: dict[str, Any]) -> OrgNode:
    """Change a node's own fields (its place in the tree stays)."""
    require(scope, Action.MANAGE_ORGS, node.path)
    if data.get("place") is not None and data["place"] != node.place:
        _check_place(scope, data["place"])
    data = {**data}
    for key in ("code", "name", "address", "phone"):
        if key in data:
            data[key] = clean_text(data[key])
    if "code" in data:
        data["code"] = data["code"].upper()
    changed = apply_changes(node, data, EDITABLE)
    if not changed:
        return node
    node.name_key = fold(node.name)
    node.province_code = _province_of(node.place, node.parent)
    _check(node)
    stamp(node, actor).save()
    return node
