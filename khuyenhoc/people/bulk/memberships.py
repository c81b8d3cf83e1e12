"""The memberships kind: one row per membership — the person's CCCD, the unit's code, the kind."""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from khuyenhoc.bulk import registry
from khuyenhoc.bulk.kinds import Column, ImportContext, Kind, Outcome, Pending, RowError
from khuyenhoc.bulk.values import ValueProblem, clean_cell_text, parse_choice, parse_date
from khuyenhoc.core.errors import DomainError
from khuyenhoc.core.scope import Scope, prefix_q
from khuyenhoc.people.bulk.common import org_of_row, person_of_row
from khuyenhoc.people.models import Membership, MembershipKind
from khuyenhoc.people.services.memberships import membership_create

KINDS = {value: [str(label), value] for value, label in MembershipKind.choices}


class MembershipKindSpec(Kind):
    """Hội viên, đoàn viên, cán bộ, người lao động — a person's membership of a unit."""

    name = "memberships"
    label = _("Thành viên tổ chức")
    columns = (
        Column("person", "Số CCCD", ("CCCD", "Số định danh", "Mã hồ sơ"), required=True, example="040085000123", width=16, personal="cccd"),
        Column("full_name", "Họ và tên", ("Họ tên",), help="Chỉ để đối chiếu; người được xác định theo số CCCD.", width=24),
        Column("org_node", "Mã đơn vị", ("Đơn vị", "Mã tổ chức"), example="HKH-40-C1", width=16),
        Column("kind", "Loại", ("Loại thành viên",), required=True, example="Hội viên", choices=tuple(str(label) for _v, label in MembershipKind.choices), width=16),
        Column("role", "Chức vụ", (), example="Chi hội trưởng", width=18),
        Column("started_on", "Từ ngày", ("Ngày vào", "Ngày vào hội"), width=12),
    )  # fmt: skip

    def parse(self, values: dict[str, Any], ctx: ImportContext) -> dict[str, Any]:
        try:
            kind = parse_choice(values.get("kind"), KINDS)
            started_on = parse_date(values.get("started_on"))[0]
        except ValueProblem as err:
            raise RowError("kind", err.message) from None
        role = clean_cell_text(values.get("role"))
        if len(role) > 128:
            raise RowError("role", _("Dài quá 128 ký tự."))
        person = person_of_row(values.get("person"), ctx, "person")
        org = org_of_row(values.get("org_node"), ctx)
        return {
            "person": person,
            "org_node": org,
            "kind": kind,
            "role": role,
            "started_on": started_on,
        }

    def write(self, batch: list[Pending], ctx: ImportContext) -> Outcome:
        outcome = Outcome()
        for pending in batch:
            data = pending.data
            current = Membership.objects.filter(
                person=data["person"],
                org_node=data["org_node"],
                kind=data["kind"],
                ended_on__isnull=True,
            ).first()
            if current is not None:
                outcome.unchanged += (
                    1  # roles and dates of an existing membership are changed on its page
                )
                continue
            try:
                with transaction.atomic():
                    membership_create(actor=ctx.actor, scope=ctx.scope, **data)
            except DomainError as err:
                outcome.errors[pending.row_number] = RowError(err.field, err.message)
            else:
                outcome.created += 1
        return outcome

    def export_queryset(
        self, scope: Scope, org: Any = None, filters: dict[str, Any] | None = None
    ) -> Any:
        rows = Membership.objects.in_scope(scope).filter(ended_on__isnull=True)
        if org is not None:
            rows = rows.filter(prefix_q("org_path", org.path))
        return rows.select_related("person", "org_node").order_by("org_path", "id")

    def export_row(self, m: Membership) -> list[Any]:
        return [
            m.person.cccd or m.person.pk, m.person.full_name, m.org_node.code, m.get_kind_display(), m.role,
            m.started_on.strftime("%d/%m/%Y") if m.started_on else "",
        ]  # fmt: skip


registry.register(MembershipKindSpec())
