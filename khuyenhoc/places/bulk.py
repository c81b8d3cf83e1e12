"""Import and export of villages and residential groups (thôn, tổ dân phố)."""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from khuyenhoc.bulk import registry
from khuyenhoc.bulk.kinds import Column, ImportContext, Kind, Outcome, Pending, RowError
from khuyenhoc.bulk.values import clean_cell_text
from khuyenhoc.core.errors import DomainError
from khuyenhoc.core.scope import Scope, prefix_q
from khuyenhoc.places.matching import PlaceIndex, PlaceNotFound, bare
from khuyenhoc.places.models import AdminUnit, Level
from khuyenhoc.places.services import VILLAGE_TYPES, village_create


class VillageKind(Kind):
    """Thôn, tổ dân phố — one row per village; a village already in its commune is left as it is."""

    name = "villages"
    label = _("Thôn, tổ dân phố")
    columns = (
        Column("province", "Tỉnh/thành phố", ("Tỉnh", "Tỉnh/TP"), example="Nghệ An", width=16),
        Column("commune", "Xã/phường", ("Xã", "Phường", "Xã/phường/đặc khu"), required=True, example="Phường Thành Vinh", width=22),
        Column("name", "Tên thôn, tổ dân phố", ("Thôn", "Tổ dân phố", "Tên thôn", "Tên"), required=True, example="Khối Yên Giang", width=24),
        Column("division_type", "Loại", (), example="tổ dân phố", choices=VILLAGE_TYPES, width=14),
        Column("code", "Mã", ("Mã thôn",), help="Để trống để hệ thống tự đặt.", width=14),
    )  # fmt: skip

    def prepare(self, ctx: ImportContext) -> None:
        ctx.cache["places"] = PlaceIndex()

    def parse(self, values: dict[str, Any], ctx: ImportContext) -> dict[str, Any]:
        index: PlaceIndex = ctx.cache["places"]
        province_text = clean_cell_text(values.get("province"))
        try:
            province = index.province(province_text).code if province_text else _org_province(ctx)
            commune = index.commune(clean_cell_text(values.get("commune")), province)
        except PlaceNotFound as err:
            raise RowError("commune", err.message) from None
        kind = clean_cell_text(values.get("division_type")).lower() or "thôn"
        if kind not in VILLAGE_TYPES:
            raise RowError(
                "division_type",
                _("Loại phải là một trong: %(list)s.") % {"list": ", ".join(VILLAGE_TYPES)},
            )
        name = clean_cell_text(values.get("name"))
        if not name:
            raise RowError("name", _("Cần tên thôn, tổ dân phố."))
        return {
            "commune": commune,
            "name": name,
            "division_type": kind,
            "code": clean_cell_text(values.get("code")).upper(),
        }

    def resolve(self, batch: list[Pending], ctx: ImportContext) -> dict[int, RowError]:
        communes = {p.data["commune"].pk for p in batch}
        existing = AdminUnit.objects.filter(level=Level.VILLAGE, parent_id__in=communes)
        by_name = {(v.parent_id, bare(v.name)): v for v in existing}
        for pending in batch:
            pending.target = by_name.get((pending.data["commune"].pk, bare(pending.data["name"])))
        return {}

    def write(self, batch: list[Pending], ctx: ImportContext) -> Outcome:
        outcome = Outcome()
        for pending in batch:
            if pending.target is not None:
                outcome.unchanged += 1
                continue
            try:
                with transaction.atomic():
                    village_create(actor=ctx.actor, scope=ctx.scope, **pending.data)
            except DomainError as err:
                outcome.errors[pending.row_number] = RowError(err.field, err.message)
            else:
                outcome.created += 1
        return outcome

    def export_queryset(
        self, scope: Scope, org: Any = None, filters: dict[str, Any] | None = None
    ) -> Any:
        villages = AdminUnit.objects.filter(level=Level.VILLAGE).select_related(
            "parent", "parent__parent"
        )
        if org is not None and org.province_code:
            villages = villages.filter(prefix_q("path", f"{org.province_code}."))
        return villages.order_by("path")

    def export_row(self, v: AdminUnit) -> list[Any]:
        return [v.parent.parent.name, v.parent.name, v.name, v.division_type, v.code]


def _org_province(ctx: ImportContext) -> str:
    if ctx.org is None or not ctx.org.province_code:
        raise PlaceNotFound(_("Cần cột Tỉnh/thành phố (hoặc chọn đơn vị khi nhập)."))
    return ctx.org.province_code


registry.register(VillageKind())
