"""Import and export of organisation nodes; and how the engine finds a unit by its code."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from khuyenhoc.bulk import registry
from khuyenhoc.bulk.kinds import Column, ImportContext, Kind, Outcome, Pending, RowError
from khuyenhoc.bulk.values import ValueProblem, clean_cell_text, parse_choice, parse_date
from khuyenhoc.core.errors import DomainError, NotFoundError
from khuyenhoc.core.scope import Action, Scope, prefix_q
from khuyenhoc.orgs.models import NodeKind, OrgNode
from khuyenhoc.orgs.selectors import orgnode_get_by_code
from khuyenhoc.orgs.services import orgnode_create, orgnode_update
from khuyenhoc.places.matching import PlaceIndex, PlaceNotFound

KINDS = {value: [str(label), value] for value, label in NodeKind.choices}


def _find(scope: Scope, code: str) -> OrgNode | None:
    try:
        return orgnode_get_by_code(scope=scope, code=code)
    except NotFoundError:
        return None


class OrgNodeKind(Kind):
    """Tổ chức, đơn vị — one row per node; its parent is named by code and must come first."""

    name = "org-nodes"
    label = _("Tổ chức, đơn vị")
    columns = (
        Column("code", "Mã đơn vị", ("Mã", "Mã tổ chức"), required=True, example="HKH-40-C9", width=16),
        Column("name", "Tên đơn vị", ("Tên", "Tên tổ chức", "Đơn vị"), required=True, example="Hội Khuyến học xã Hưng Lộc", width=36),
        Column("parent", "Mã đơn vị cấp trên", ("Cấp trên", "Đơn vị cấp trên"), example="HKH-40", width=16),
        Column("kind", "Loại", ("Loại đơn vị", "Cấp"), required=True, example="Cấp xã", choices=tuple(str(label) for _, label in NodeKind.choices), width=16),
        Column("place", "Địa bàn", ("Xã/phường", "Tỉnh/thành phố"), example="Phường Thành Vinh", width=22),
        Column("valid_from", "Ngày thành lập", ("Thành lập",), width=14),
        Column("valid_until", "Ngày giải thể", ("Giải thể",), width=14),
        Column("address", "Địa chỉ", (), width=28),
        Column("phone", "Điện thoại", ("Số điện thoại", "SĐT"), width=14),
    )  # fmt: skip

    def prepare(self, ctx: ImportContext) -> None:
        ctx.cache["places"] = PlaceIndex()

    def parse(self, values: dict[str, Any], ctx: ImportContext) -> dict[str, Any]:
        data = {
            name: clean_cell_text(values.get(name))
            for name in ("code", "name", "parent", "address", "phone")
        }
        data["code"], data["parent"] = data["code"].upper(), data["parent"].upper()
        try:
            data["kind"] = parse_choice(values.get("kind"), KINDS)
        except ValueProblem as err:
            raise RowError("kind", err.message) from None
        for name in ("valid_from", "valid_until"):
            try:
                data[name] = parse_date(values.get(name))[0]
            except ValueProblem as err:
                raise RowError(name, err.message) from None
        data["place"] = self._place(clean_cell_text(values.get("place")), ctx)
        return data

    def _place(self, text: str, ctx: ImportContext) -> Any:
        if not text:
            return None
        index: PlaceIndex = ctx.cache["places"]
        province = ctx.org.province_code if ctx.org is not None else ""
        try:
            return index.province(text, keep_former=True)
        except PlaceNotFound:
            pass
        try:
            return index.commune(text, province)
        except PlaceNotFound as err:
            raise RowError("place", err.message) from None

    def resolve(self, batch: list[Pending], ctx: ImportContext) -> dict[int, RowError]:
        existing = OrgNode.objects.in_bulk([p.data["code"] for p in batch], field_name="code")
        errors = {}
        for pending in batch:
            target = existing.get(pending.data["code"])
            if target is not None and not ctx.scope.allows(Action.MANAGE_ORGS, target.path):
                errors[pending.row_number] = RowError(
                    "code", _("Mã này thuộc đơn vị ngoài phạm vi của bạn.")
                )
            pending.target = target
        return errors

    def write(self, batch: list[Pending], ctx: ImportContext) -> Outcome:
        outcome = Outcome()
        for (
            pending
        ) in batch:  # nodes are few; each goes through the service (paths need the parent's)
            try:
                with transaction.atomic():
                    self._write_one(pending, ctx, outcome)
            except RowError as err:
                outcome.errors[pending.row_number] = err
        return outcome

    def _write_one(self, pending: Pending, ctx: ImportContext, outcome: Outcome) -> None:
        data, target = dict(pending.data), pending.target
        parent_code = data.pop("parent")
        try:
            if target is None:
                parent = self._parent(parent_code, ctx)
                orgnode_create(
                    actor=ctx.actor, scope=ctx.scope, system=parent.system, parent=parent, **data
                )
                outcome.created += 1
            elif any(getattr(target, k) != v for k, v in data.items()):
                orgnode_update(actor=ctx.actor, scope=ctx.scope, node=target, data=data)
                outcome.updated += 1
            else:
                outcome.unchanged += 1
        except DomainError as err:
            raise RowError(err.field, err.message) from None
        except PermissionDenied as err:
            raise RowError("parent", str(err)) from None

    def _parent(self, code: str, ctx: ImportContext) -> OrgNode:
        parent = _find(ctx.scope, code) if code else ctx.org
        if parent is None:
            raise RowError(
                "parent",
                _("Cần mã đơn vị cấp trên có trong phạm vi của bạn (hoặc chọn đơn vị khi nhập)."),
            )
        return parent

    def export_queryset(
        self, scope: Scope, org: Any = None, filters: dict[str, Any] | None = None
    ) -> Any:
        nodes = OrgNode.objects.in_scope(scope).select_related("parent", "place")
        if org is not None:
            nodes = nodes.filter(prefix_q("path", org.path))
        return nodes.order_by("path")

    def export_row(self, node: OrgNode) -> list[Any]:
        return [
            node.code, node.name, node.parent.code if node.parent else "", node.get_kind_display(),
            node.place.code if node.place else "", _date(node.valid_from), _date(node.valid_until),
            node.address, node.phone,
        ]  # fmt: skip


def _date(day: Any) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


registry.register(OrgNodeKind())
registry.set_org_finder(_find)
