"""The households kind: one row per member — household code and name, the member's CCCD, the relation."""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from khuyenhoc.bulk import registry
from khuyenhoc.bulk.kinds import Column, ImportContext, Kind, Outcome, Pending, RowError
from khuyenhoc.bulk.values import ValueProblem, clean_cell_text, parse_choice, parse_date
from khuyenhoc.core.errors import DomainError
from khuyenhoc.core.scope import Scope, prefix_q
from khuyenhoc.people.bulk.common import household_of_row, org_of_row, person_of_row
from khuyenhoc.people.models import HouseholdMember, Relation
from khuyenhoc.people.services.households import (
    household_add_member,
    household_create,
    household_update,
)
from khuyenhoc.places.matching import PlaceIndex, PlaceNotFound

RELATIONS = {value: [str(label), value] for value, label in Relation.choices}


class HouseholdKind(Kind):
    """Gia đình — a household and its members; members must already be on the person list."""

    name = "households"
    label = _("Gia đình và thành viên")
    columns = (
        Column("code", "Mã gia đình", ("Mã hộ", "Mã GĐ"), required=True, example="GD-001", width=14),
        Column("name", "Tên gia đình", ("Gia đình", "Tên hộ"), required=True, example="Gia đình ông Nguyễn Văn An", width=30),
        Column("member", "Số CCCD thành viên", ("Số CCCD", "CCCD", "Số định danh", "Mã hồ sơ"), required=True, example="040085000123", width=16, personal="cccd"),
        Column("relation", "Quan hệ với chủ hộ", ("Quan hệ",), required=True, example="Chủ hộ", choices=tuple(str(label) for _v, label in Relation.choices), width=16),
        Column("joined_on", "Từ ngày", ("Ngày vào",), width=12),
        Column("commune", "Xã/phường", ("Xã", "Phường"), example="Phường Thành Vinh", width=20),
        Column("village", "Thôn/tổ dân phố", ("Thôn", "Tổ dân phố", "Khối"), example="Khối Yên Giang", width=18),
        Column("address", "Địa chỉ", (), width=24),
        Column("org_node", "Mã đơn vị quản lý", ("Đơn vị quản lý", "Mã đơn vị"), width=16),
    )  # fmt: skip

    def prepare(self, ctx: ImportContext) -> None:
        ctx.cache["places"] = PlaceIndex()

    def parse(self, values: dict[str, Any], ctx: ImportContext) -> dict[str, Any]:
        data = {k: clean_cell_text(values.get(k)) for k in ("code", "name", "address")}
        data["code"] = data["code"].upper()
        if not data["code"] or not data["name"]:
            raise RowError("code", _("Cần mã và tên gia đình."))
        try:
            data["relation"] = parse_choice(values.get("relation"), RELATIONS)
            data["joined_on"] = parse_date(values.get("joined_on"))[0]
        except ValueProblem as err:
            raise RowError("relation", err.message) from None
        data["org_node"] = org_of_row(values.get("org_node"), ctx)
        data["person"] = person_of_row(values.get("member"), ctx, "member")
        data["commune"], data["village"] = _places(values, data["org_node"], ctx)
        return data

    def write(self, batch: list[Pending], ctx: ImportContext) -> Outcome:
        outcome = Outcome()
        for pending in batch:  # households are written through the services, one savepoint a row
            try:
                with transaction.atomic():
                    result = _write_member(pending.data, ctx)
                setattr(outcome, result, getattr(outcome, result) + 1)
            except (RowError, DomainError) as err:
                outcome.errors[pending.row_number] = RowError(
                    getattr(err, "field", None), err.message
                )
        return outcome

    def export_queryset(
        self, scope: Scope, org: Any = None, filters: dict[str, Any] | None = None
    ) -> Any:
        members = HouseholdMember.objects.filter(left_on__isnull=True).filter(
            scope.q("household__org_path")
        )
        if org is not None:
            members = members.filter(prefix_q("household__org_path", org.path))
        related = (
            "household",
            "household__commune",
            "household__village",
            "household__org_node",
            "person",
        )
        return members.select_related(*related).order_by("household_id", "id")

    def export_row(self, m: HouseholdMember) -> list[Any]:
        h = m.household
        return [
            h.code or f"#{h.pk}", h.name, m.person.cccd or m.person.pk, m.get_relation_display(),
            m.joined_on.strftime("%d/%m/%Y") if m.joined_on else "", h.commune.name if h.commune else "",
            h.village.name if h.village else "", h.address, h.org_node.code,
        ]  # fmt: skip


def _write_member(data: dict[str, Any], ctx: ImportContext) -> str:
    """Create or update the household, add the member; say what the row did."""
    household = household_of_row(data["code"], ctx, "code")
    fields = {k: data[k] for k in ("name", "commune", "village", "address", "org_node")}
    given = {k: v for k, v in fields.items() if v not in (None, "")}
    result = "unchanged"
    if household is None:
        household = household_create(actor=ctx.actor, scope=ctx.scope, code=data["code"], **fields)
        result = "created"
    elif any(getattr(household, k) != v for k, v in given.items()):
        household_update(actor=ctx.actor, scope=ctx.scope, household=household, data=given)
        result = "updated"
    current = HouseholdMember.objects.filter(person=data["person"], left_on__isnull=True).first()
    if (
        current is not None
        and current.household_id == household.pk
        and current.relation == data["relation"]
    ):
        return result
    household_add_member(
        actor=ctx.actor,
        scope=ctx.scope,
        household=household,
        person=data["person"],
        relation=data["relation"],
        joined_on=data["joined_on"],
    )
    return "created" if result == "created" else "updated"


def _places(values: dict[str, Any], org: Any, ctx: ImportContext) -> tuple[Any, Any]:
    index: PlaceIndex = ctx.cache["places"]
    commune_text, village_text = (
        clean_cell_text(values.get("commune")),
        clean_cell_text(values.get("village")),
    )
    if not commune_text:
        return None, None
    try:
        commune = index.commune(commune_text, org.province_code)
        return commune, index.village(village_text, commune) if village_text else None
    except PlaceNotFound as err:
        raise RowError("commune", err.message) from None


registry.register(HouseholdKind())
