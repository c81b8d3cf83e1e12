"""The persons kind: one row per person; a known CCCD or record number updates that person."""

from typing import Any

from django.utils.translation import gettext as _

from khuyenhoc.bulk import registry
from khuyenhoc.bulk.kinds import Column, ImportContext, Kind, Outcome, Pending, RowError
from khuyenhoc.bulk.values import ValueProblem, clean_cell_text, parse_choice, parse_date
from khuyenhoc.core import clock
from khuyenhoc.core.errors import DomainError
from khuyenhoc.core.scope import Action
from khuyenhoc.core.text import whole_number
from khuyenhoc.orgs.models import OrgNode
from khuyenhoc.people.bulk.common import cccd_of_row, org_of_row
from khuyenhoc.people.models import Ethnicity, Gender, Person
from khuyenhoc.people.selectors import person_list
from khuyenhoc.people.services.persons import (
    FIELDS,
    ROW_ATTNAMES,
    PersonDraft,
    check_person,
    derive,
    person_row,
    persons_bulk_write,
)
from khuyenhoc.places.matching import PlaceIndex, PlaceNotFound

GENDERS = {"male": ["Nam", "male", "M", "trai"], "female": ["Nữ", "female", "F", "gái"]}
TEXT_LIMITS = {
    "full_name": 128, "religion": 64, "address": 255, "phone": 32, "email": 254, "workplace": 255,
    "occupation": 128,
}  # fmt: skip
PERSON_FIELDS = list(FIELDS)
_CCCD = ROW_ATTNAMES.index("cccd")


def _text(values: dict[str, Any], field: str, limit: int) -> str:
    text = clean_cell_text(values.get(field))
    if len(text) > limit:
        raise RowError(
            field,
            _("Dài quá %(limit)s ký tự (có %(length)s).") % {"limit": limit, "length": len(text)},
        )
    return text


class PersonKind(Kind):
    """Người — one row per person; rows with a known CCCD (or record number) update that person."""

    name = "persons"
    label = _("Người dân")
    # Parsing reads places, ethnic groups and org nodes, never persons, and a parsed row is a tuple of
    # column values (`person_row`).
    pipelined = True
    parallel = True
    columns = (
        Column("pk", "Mã hồ sơ", ("Mã", "ID"), help="Để trống khi thêm người mới.", width=10),
        Column("full_name", "Họ và tên", ("Họ tên", "Họ, tên", "Tên", "Ho ten"), required=True, example="Nguyễn Văn An", width=26),
        Column("cccd", "Số CCCD", ("CCCD", "Số định danh", "Số ĐDCN", "Số định danh cá nhân", "CMND/CCCD", "Số CMND/CCCD", "Căn cước công dân"), example="040085000123", width=16, personal="cccd"),
        Column("gender", "Giới tính", ("Giới", "Nam/Nữ", "Nam, nữ"), required=True, example="Nam", choices=("Nam", "Nữ"), width=10),
        Column("birth", "Ngày sinh", ("Ngày tháng năm sinh", "Năm sinh", "Sinh ngày", "Ngày, tháng, năm sinh"), required=True, example="05/09/1985", help="dd/mm/yyyy hoặc chỉ năm sinh.", width=14, personal="birth"),
        Column("ethnicity", "Dân tộc", (), example="Kinh", width=12),
        Column("religion", "Tôn giáo", (), example="Không", width=12),
        Column("province", "Tỉnh/thành phố", ("Tỉnh", "Tỉnh/TP", "Tỉnh, thành phố"), example="Nghệ An", width=16),
        Column("commune", "Xã/phường", ("Xã", "Phường", "Xã/phường/đặc khu", "Phường/xã", "Xã, phường"), example="Phường Thành Vinh", width=20),
        Column("village", "Thôn/tổ dân phố", ("Thôn", "Tổ dân phố", "Thôn/xóm", "Thôn, xóm", "Khối", "Khu phố", "Ấp", "Bản"), example="Khối Yên Giang", width=18),
        Column("address", "Địa chỉ", ("Nơi ở", "Địa chỉ thường trú"), width=24),
        Column("phone", "Điện thoại", ("Số điện thoại", "SĐT", "ĐT", "Điện thoại liên hệ"), width=14, personal="phone"),
        Column("email", "Thư điện tử", ("Email", "E-mail"), width=20),
        Column("workplace", "Nơi làm việc", ("Cơ quan", "Đơn vị công tác", "Nơi công tác"), width=22),
        Column("occupation", "Nghề nghiệp", ("Nghề",), width=16),
        Column("org_node", "Mã đơn vị quản lý", ("Đơn vị quản lý", "Mã đơn vị"), help="Để trống để dùng đơn vị chọn khi nhập.", width=16),
    )  # fmt: skip

    def prepare(self, ctx: ImportContext) -> None:
        ctx.cache["places"] = PlaceIndex()
        ethnicities = list(Ethnicity.objects.all())
        # By the name as written ("Kinh"), then by its folded key ("kinh", "KINH", "Kinh ").
        ctx.cache["ethnicities"] = {e.name: e for e in ethnicities} | {
            _key(e.name): e for e in ethnicities
        }
        ctx.cache["seen"] = {}

    def parse(self, values: dict[str, Any], ctx: ImportContext) -> dict[str, Any]:
        data = {name: _text(values, name, limit) for name, limit in TEXT_LIMITS.items()}
        data["cccd"] = cccd_of_row(values.get("cccd")) or None
        data["gender"] = (
            _parsed("gender", lambda v: parse_choice(v, GENDERS), values)
            if clean_cell_text(values.get("gender"))
            else ""
        )
        data["birth_date"], data["birth_year"] = _parsed("birth", _birth, values)
        data["pk"] = _record_number(values.get("pk"))
        data["ethnicity"] = self._ethnicity(values.get("ethnicity"), ctx)
        data["org_node"] = self._org(values.get("org_node"), ctx)
        data["commune"], data["village"] = self._places(values, data["org_node"], ctx)
        person = derive(PersonDraft(**{k: data[k] for k in PERSON_FIELDS}))
        try:
            check_person(person)
        except DomainError as err:
            raise RowError(_column_of(err.field), err.message) from None
        return {"row": person_row(person), "pk": data["pk"]}

    def _ethnicity(self, raw: Any, ctx: ImportContext) -> Ethnicity | None:
        text = clean_cell_text(raw)
        if not text:
            return None
        found = ctx.cache["ethnicities"].get(text) or ctx.cache["ethnicities"].get(_key(text))
        if found is None:
            raise RowError(
                "ethnicity",
                _("Không có dân tộc “%(text)s” trong danh mục 54 dân tộc.") % {"text": text},
            )
        return found

    def _org(self, raw: Any, ctx: ImportContext) -> OrgNode:
        return org_of_row(raw, ctx)

    def _places(self, values: dict[str, Any], org: OrgNode, ctx: ImportContext) -> tuple[Any, Any]:
        index: PlaceIndex = ctx.cache["places"]
        commune_text, village_text = (
            clean_cell_text(values.get("commune")),
            clean_cell_text(values.get("village")),
        )
        if not commune_text:
            if village_text:
                raise RowError("commune", _("Có thôn/tổ dân phố thì cần ghi xã/phường."))
            return None, None
        try:
            province_text = clean_cell_text(values.get("province"))
            province = index.province(province_text).code if province_text else org.province_code
            commune = index.commune(commune_text, province)
        except PlaceNotFound as err:
            raise RowError("commune", err.message) from None
        try:
            return commune, index.village(village_text, commune) if village_text else None
        except PlaceNotFound as err:
            raise RowError("village", err.message) from None

    def resolve(self, batch: list[Pending], ctx: ImportContext) -> dict[int, RowError]:
        errors: dict[int, RowError] = {}
        cccds = [p.data["row"][0][_CCCD] for p in batch if p.data["row"][0][_CCCD]]
        by_cccd = {p.cccd: p for p in Person.objects.filter(cccd__one_of=cccds)} if cccds else {}
        by_pk = Person.objects.in_bulk([p.data["pk"] for p in batch if p.data["pk"]])
        seen: dict[str, int] = ctx.cache["seen"]
        for pending in batch:
            cccd, pk = pending.data["row"][0][_CCCD], pending.data["pk"]
            key = cccd or (f"#{pk}" if pk else "")
            if key and key in seen:
                errors[pending.row_number] = RowError(
                    "cccd", _("Trùng với dòng %(row)s của tệp.") % {"row": seen[key]}
                )
                continue
            if key:
                seen[key] = pending.row_number
            target = by_pk.get(pk) if pk else by_cccd.get(cccd)
            if pk and target is None:
                errors[pending.row_number] = RowError(
                    "pk", _("Không có hồ sơ mã %(pk)s.") % {"pk": pk}
                )
            elif target is not None and not ctx.scope.allows(Action.CHANGE, target.org_path):
                errors[pending.row_number] = RowError(
                    "cccd", _("Người có số CCCD này do đơn vị ngoài phạm vi của bạn quản lý.")
                )
            elif (
                target is not None
                and cccd
                and target.cccd
                and target.cccd != cccd
                and by_cccd.get(cccd)
            ):
                errors[pending.row_number] = RowError(
                    "cccd", _("Số CCCD này đã được dùng cho một người khác.")
                )
            else:
                pending.target = target
        return errors

    def write(self, batch: list[Pending], ctx: ImportContext) -> Outcome:
        created, updated, outcome = [], [], Outcome()
        for pending in batch:
            row, target = pending.data["row"], pending.target
            if target is None:
                created.append(row)
                continue
            columns = list(zip(ROW_ATTNAMES, row[0], strict=True))
            if all(getattr(target, attname) == value for attname, value in columns):
                outcome.unchanged += 1
                continue
            for attname, value in columns:
                setattr(target, attname, value)
            updated.append(target)
        persons_bulk_write(actor=ctx.actor, created=created, updated=updated)
        outcome.created, outcome.updated = len(created), len(updated)
        return outcome

    def export_queryset(
        self, scope: Any, org: Any = None, filters: dict[str, Any] | None = None
    ) -> Any:
        filters = filters or {}
        gender = filters.get("gender", "") if filters.get("gender") in Gender.values else ""
        persons = person_list(scope=scope, search=filters.get("q", ""), org_node=org, gender=gender)
        return persons.select_related("commune__parent").order_by("id")

    def export_row(self, p: Person) -> list[Any]:
        birth = (
            p.birth_date.strftime("%d/%m/%Y")
            if p.birth_date
            else (str(p.birth_year) if p.birth_year else "")
        )
        province = p.commune.parent.name if p.commune and p.commune.parent_id else ""
        return [
            p.pk, p.full_name, p.cccd or "", p.get_gender_display(), birth, p.ethnicity.name if p.ethnicity else "",
            p.religion, province, p.commune.name if p.commune else "", p.village.name if p.village else "",
            p.address, p.phone, p.email, p.workplace, p.occupation, p.org_node.code,
        ]  # fmt: skip


def _key(text: str) -> str:
    from khuyenhoc.core.text import fold

    return fold(text).replace(" ", "")


def _record_number(raw: Any) -> int | None:
    text = clean_cell_text(raw).lstrip("#")
    if not text:
        return None
    number = whole_number(text)
    if number is None:
        raise RowError("pk", _("Mã hồ sơ phải là số (để trống khi thêm người mới)."))
    return number


def _column_of(field: str | None) -> str | None:
    return {"birth_date": "birth", "birth_year": "birth"}.get(field or "", field)


def _birth(value: Any) -> tuple[Any, int | None]:
    return parse_date(value, today=clock.today())


def _parsed(field: str, parse: Any, values: dict[str, Any]) -> Any:
    """Run a value parser on one column, reporting its problem against that column."""
    try:
        return parse(values.get(field))
    except ValueProblem as err:
        raise RowError(field, err.message) from None


registry.register(PersonKind())
