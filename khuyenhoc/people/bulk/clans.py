"""The clans kind: one row per member household — clan code and name, the household's code."""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from khuyenhoc.bulk import registry
from khuyenhoc.bulk.kinds import Column, ImportContext, Kind, Outcome, Pending, RowError
from khuyenhoc.bulk.values import clean_cell_text
from khuyenhoc.core.errors import DomainError
from khuyenhoc.core.scope import Action, Scope, prefix_q
from khuyenhoc.people.bulk.common import household_of_row, org_of_row
from khuyenhoc.people.models import Clan, ClanHousehold
from khuyenhoc.people.services.clans import clan_add_household, clan_create, clan_update
from khuyenhoc.places.matching import PlaceIndex, PlaceNotFound


class ClanKind(Kind):
    """Dòng họ — a clan and its member households (the households must exist)."""

    name = "clans"
    label = _("Dòng họ và các gia đình")
    columns = (
        Column("code", "Mã dòng họ", ("Mã họ",), required=True, example="DH-NGUYEN-01", width=16),
        Column("name", "Tên dòng họ", ("Dòng họ", "Tên họ"), required=True, example="Họ Nguyễn Đình", width=24),
        Column("household", "Mã gia đình", ("Mã hộ", "Gia đình"), example="GD-001", width=14),
        Column("commune", "Xã/phường", ("Xã", "Phường"), example="Phường Thành Vinh", width=20),
        Column("origin", "Nguồn gốc, nhà thờ họ", ("Nguồn gốc", "Nhà thờ họ"), width=28),
        Column("org_node", "Mã đơn vị quản lý", ("Đơn vị quản lý", "Mã đơn vị"), width=16),
    )  # fmt: skip

    def prepare(self, ctx: ImportContext) -> None:
        ctx.cache["places"] = PlaceIndex()

    def parse(self, values: dict[str, Any], ctx: ImportContext) -> dict[str, Any]:
        data = {k: clean_cell_text(values.get(k)) for k in ("code", "name", "origin")}
        data["code"] = data["code"].upper()
        if not data["code"] or not data["name"]:
            raise RowError("code", _("Cần mã và tên dòng họ."))
        data["org_node"] = org_of_row(values.get("org_node"), ctx)
        household_code = clean_cell_text(values.get("household"))
        data["household"] = (
            household_of_row(household_code, ctx, "household") if household_code else None
        )
        if household_code and data["household"] is None:
            raise RowError(
                "household",
                _("Không có gia đình mã %(code)s (hãy nhập gia đình trước).")
                % {"code": household_code},
            )
        commune_text = clean_cell_text(values.get("commune"))
        try:
            index: PlaceIndex = ctx.cache["places"]
            data["commune"] = (
                index.commune(commune_text, data["org_node"].province_code)
                if commune_text
                else None
            )
        except PlaceNotFound as err:
            raise RowError("commune", err.message) from None
        return data

    def write(self, batch: list[Pending], ctx: ImportContext) -> Outcome:
        outcome = Outcome()
        for pending in batch:
            try:
                with transaction.atomic():
                    result = _write_row(pending.data, ctx)
                setattr(outcome, result, getattr(outcome, result) + 1)
            except DomainError as err:
                outcome.errors[pending.row_number] = RowError(err.field, err.message)
        return outcome

    def export_queryset(
        self, scope: Scope, org: Any = None, filters: dict[str, Any] | None = None
    ) -> Any:
        links = ClanHousehold.objects.filter(scope.q("clan__org_path"))
        if org is not None:
            links = links.filter(prefix_q("clan__org_path", org.path))
        return links.select_related(
            "clan", "clan__commune", "clan__org_node", "household"
        ).order_by("clan_id", "id")

    def export_row(self, link: ClanHousehold) -> list[Any]:
        clan = link.clan
        return [
            clan.code or f"#{clan.pk}", clan.name, link.household.code or "", clan.commune.name if clan.commune else "",
            clan.origin, clan.org_node.code,
        ]  # fmt: skip


def _write_row(data: dict[str, Any], ctx: ImportContext) -> str:
    """Create or update the clan, link the household; say what the row did."""
    clan = Clan.objects.filter(code=data["code"]).first()
    if clan is not None and not ctx.scope.allows(Action.CHANGE, clan.org_path):
        raise DomainError(
            "out_of_scope", _("Dòng họ này do đơn vị ngoài phạm vi của bạn quản lý."), field="code"
        )
    fields = {k: data[k] for k in ("name", "commune", "origin", "org_node")}
    given = {k: v for k, v in fields.items() if v not in (None, "")}
    result = "unchanged"
    if clan is None:
        clan = clan_create(actor=ctx.actor, scope=ctx.scope, code=data["code"], **fields)
        result = "created"
    elif any(getattr(clan, k) != v for k, v in given.items()):
        clan_update(actor=ctx.actor, scope=ctx.scope, clan=clan, data=given)
        result = "updated"
    household = data["household"]
    if (
        household is not None
        and not ClanHousehold.objects.filter(clan=clan, household=household).exists()
    ):
        clan_add_household(actor=ctx.actor, scope=ctx.scope, clan=clan, household=household)
        result = "created" if result == "created" else "updated"
    return result


registry.register(ClanKind())
