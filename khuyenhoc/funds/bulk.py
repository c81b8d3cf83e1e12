"""Import and export of donations: a unit's one-day-salary list, a month of piggy-bank money, a donor list.

Each row is recorded by `donation_create` (numbered receipt, posted entry). A row carries its identity so
that a file imported twice records nothing new: the receipt number of an exported row, else the
"Mã giao dịch" column, else a digest of what the row says and how many identical rows came before it
in the file. A recorded donation is never changed by an import (corrections are reversing entries).
"""

import hashlib
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from khuyenhoc.bulk import registry
from khuyenhoc.bulk.kinds import Column, ImportContext, Kind, Outcome, Pending, RowError
from khuyenhoc.bulk.values import (
    ValueProblem,
    clean_cell_text,
    parse_bool,
    parse_choice,
    parse_date,
)
from khuyenhoc.core import clock
from khuyenhoc.core.errors import DomainError, ErrorCode, NotFoundError
from khuyenhoc.core.money import AmountError, parse_amount
from khuyenhoc.core.scope import Action, Scope
from khuyenhoc.funds.models import Donation, Fund, Method, Party, Purpose
from khuyenhoc.funds.services.donations import donation_create
from khuyenhoc.people.bulk.common import cccd_of_row
from khuyenhoc.people.selectors import person_pick

METHODS = {
    Method.CASH: ["Tiền mặt", "TM"],
    Method.TRANSFER: ["Chuyển khoản", "CK"],
    Method.IN_KIND: ["Hiện vật"],
}
PURPOSES = {
    Purpose.DONATION: ["Ủng hộ", "Ủng hộ, tài trợ", "Tài trợ"],
    Purpose.ONE_DAY_SALARY: ["Một ngày lương", "1 ngày lương"],
    Purpose.PIGGY_BANK: ["Ống tiết kiệm", "Ống tiết kiệm khuyến học", "Heo đất"],
    Purpose.OTHER: ["Khác"],
}


class DonationKind(Kind):
    """Khoản ủng hộ — one row per donation; rows already recorded are left as they are."""

    name = "donations"
    action = Action.RECORD_MONEY
    label = _("Khoản ủng hộ quỹ")
    columns = (
        Column("fund", "Mã quỹ", ("Quỹ",), help="Để trống để dùng quỹ của đơn vị chọn khi nhập.", width=14),
        Column("receipt_no", "Số phiếu thu", ("Số phiếu",), help="Để trống với khoản mới.", width=16),
        Column("received_on", "Ngày nhận", ("Ngày", "Ngày nộp", "Ngày ủng hộ"), required=True, example="05/03/2025", width=12),
        Column("name", "Họ và tên", ("Họ tên", "Người ủng hộ", "Tên người ủng hộ", "Đơn vị ủng hộ"), example="Nguyễn Văn An", width=26),
        Column("cccd", "Số CCCD", ("CCCD", "Số định danh"), width=16, personal="cccd"),
        Column("amount", "Số tiền", ("Số tiền (đồng)", "Thành tiền", "Số tiền ủng hộ"), required=True, example="350.000", width=14),
        Column("method", "Hình thức", (), example="Tiền mặt", choices=("Tiền mặt", "Chuyển khoản", "Hiện vật"), width=14),
        Column("goods", "Hiện vật", (), width=18),
        Column("purpose", "Mục đích", ("Nội dung",), example="Một ngày lương", choices=("Ủng hộ", "Một ngày lương", "Ống tiết kiệm", "Khác"), width=16),
        Column("public", "Công khai tên", ("Đồng ý công khai",), example="Có", choices=("Có", "Không"), width=10),
        Column("key", "Mã giao dịch", ("Số tham chiếu", "Mã GD"), width=18),
    )  # fmt: skip

    def prepare(self, ctx: ImportContext) -> None:
        ctx.cache["funds"] = {}
        ctx.cache["seen"] = {}

    def parse(self, values: dict[str, Any], ctx: ImportContext) -> dict[str, Any]:
        fund = self._fund(clean_cell_text(values.get("fund")), ctx)
        received_on, _year = _read(
            "received_on", lambda v: parse_date(v, today=clock.today()), values
        )
        amount = _read("amount", lambda v: parse_amount(v, _("Số tiền")), values)
        method = _read("method", lambda v: parse_choice(v, METHODS), values) or Method.CASH
        purpose = _read("purpose", lambda v: parse_choice(v, PURPOSES), values) or Purpose.DONATION
        named = _read("public", parse_bool, values) or False
        if received_on is None:
            raise RowError("received_on", _("Cần ngày nhận (dd/mm/yyyy)."))
        if amount is None:
            raise RowError("amount", _("Cần số tiền."))
        name, cccd = clean_cell_text(values.get("name")), clean_cell_text(values.get("cccd"))
        data = {
            "fund": fund, "received_on": received_on, "amount": amount, "method": method,
            "purpose": purpose, "named_publicly": named, "goods": clean_cell_text(values.get("goods")),
            "name": name, "cccd": cccd, "receipt_no": clean_cell_text(values.get("receipt_no")).upper(),
            "donor_cccd": cccd_of_row(values.get("cccd")),
        }  # fmt: skip
        data["key"] = clean_cell_text(values.get("key")) or self._digest(data, ctx)
        return data

    def _fund(self, code: str, ctx: ImportContext) -> Fund:
        funds: dict[str, Fund | None] = ctx.cache["funds"]
        key = code.upper() or f"@{getattr(ctx.org, 'pk', '')}"
        if key not in funds:
            found = Fund.objects.filter(ctx.scope.q("org_path"))
            found = found.filter(code=code.upper()) if code else found.filter(org_node=ctx.org)
            funds[key] = found.first() if found.count() == 1 else None
        fund = funds[key]
        if fund is None:
            raise RowError(
                "fund", _("Không xác định được quỹ: hãy ghi mã quỹ trong phạm vi của bạn.")
            )
        return fund

    def _digest(self, data: dict[str, Any], ctx: ImportContext) -> str:
        # The CCCD as written in the cell, not its parsed digits: rows imported before keep their key.
        said = "|".join(
            str(data[k])
            for k in ("fund", "received_on", "amount", "method", "purpose", "name", "cccd", "goods")
        )
        seen: dict[str, int] = ctx.cache["seen"]
        seen[said] = seen.get(said, 0) + 1  # the n-th identical row of the file is its own donation
        return "row:" + hashlib.sha256(f"{said}#{seen[said]}".encode()).hexdigest()[:40]

    def write(self, batch: list[Pending], ctx: ImportContext) -> Outcome:
        outcome = Outcome()
        for pending in batch:
            data = pending.data
            try:
                if self._known(data):
                    outcome.unchanged += 1
                    continue
            except RowError as err:
                outcome.errors[pending.row_number] = err
                continue
            try:
                with transaction.atomic():
                    donation_create(actor=ctx.actor, scope=ctx.scope, **self._arguments(data, ctx))
            except DomainError as err:
                outcome.errors[pending.row_number] = RowError(err.field, err.message)
            else:
                outcome.created += 1
        return outcome

    def _known(self, data: dict[str, Any]) -> bool:
        """Whether the row was recorded already (by its receipt number or its identity)."""
        fund, number = data["fund"], data["receipt_no"]
        if number and not Donation.objects.filter(fund=fund, receipt_no=number).exists():
            raise RowError(
                "receipt_no",
                _("Quỹ không có phiếu thu số %(n)s; để trống với khoản mới.") % {"n": number},
            )
        return (
            bool(number) or Donation.objects.filter(fund=fund, idempotency_key=data["key"]).exists()
        )

    def _arguments(self, data: dict[str, Any], ctx: ImportContext) -> dict[str, Any]:
        person = None
        if data["donor_cccd"]:
            try:
                person = person_pick(scope=ctx.scope, text=data["donor_cccd"])
            except NotFoundError:
                raise DomainError(
                    ErrorCode.INVALID,
                    _("Không có người có số CCCD này trong phạm vi của bạn."),
                    field="cccd",
                ) from None
        kind = Party.PERSON if person or data["name"] else Party.ANONYMOUS
        return {
            "fund": data["fund"], "amount": data["amount"], "method": data["method"],
            "purpose": data["purpose"], "received_on": data["received_on"], "goods": data["goods"],
            "named_publicly": data["named_publicly"], "donor_kind": kind, "person": person,
            "donor_name": data["name"], "idempotency_key": data["key"],
        }  # fmt: skip

    def export_queryset(
        self, scope: Scope, org: Any = None, filters: dict[str, Any] | None = None
    ) -> Any:
        donations = Donation.objects.filter(scope.q("org_path")).select_related("fund", "person")
        if org is not None:
            donations = donations.filter(fund__org_node=org)
        return donations.order_by("id")

    def export_row(self, d: Donation) -> list[Any]:
        return [
            d.fund.code, d.receipt_no, d.received_on.strftime("%d/%m/%Y"), d.donor_name,
            d.person.cccd if d.person and d.person.cccd else "", d.amount, Method(d.method).label,
            d.goods, PURPOSES.get(d.purpose, [Purpose(d.purpose).label])[0],
            "Có" if d.named_publicly else "Không", d.idempotency_key or "",
        ]  # fmt: skip


def _read(field: str, parse: Any, values: dict[str, Any]) -> Any:
    """One cell through its parser; its problem is reported against its column."""
    try:
        return parse(values.get(field))
    except (ValueProblem, AmountError) as err:
        raise RowError(field, err.message) from None


registry.register(DonationKind())
