"""API shapes for persons, households (gia đình) and clans (dòng họ)."""

from datetime import date, datetime
from typing import Any

from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import field_validator

from khuyenhoc.core.privacy import mask_cccd, mask_phone
from khuyenhoc.core.schemas import PageParams
from khuyenhoc.core.scope import Action
from khuyenhoc.orgs.schemas import OrgNodeRef
from khuyenhoc.people.cccd import parse_cccd
from khuyenhoc.people.models import Gender, Relation
from khuyenhoc.places.schemas import AdminUnitRef


def _required(value: int | None) -> int:
    """Refuse an explicit null (a record always has a managing node)."""
    if value is None:
        raise ValueError(_("Cần chọn đơn vị quản lý."))
    return value


class EthnicityOut(Schema):
    """An ethnic group by its General Statistics Office code."""

    code: str
    name: str


class PersonRef(Schema):
    """A person named inside another record."""

    id: int
    full_name: str
    gender: str
    birth_year: int | None


def _identified(person: Any, context: Any) -> bool:
    """Whether this answer may carry the person's full CCCD: only the one-person answer, after the
    reading was allowed and recorded (`identity_read`), marks the request so."""
    request = (context or {}).get("request")
    return getattr(request, "identity_shown_for", None) == person.pk


def _may_see(person: Any, context: Any) -> bool:
    """Birth date and phone in full for those who may see identities where the person is managed."""
    scope = getattr((context or {}).get("request"), "scope", None)
    return scope is not None and scope.allows(Action.VIEW_IDENTITY, person.org_path)


class PersonOut(Schema):
    """One person. In lists the CCCD is masked ("0401******76"); one person's answer carries it in
    full to tokens allowed to see identities there (and the reading is written to the access log).
    Tokens without that right get the birth date as null (the birth year stays) and a masked phone."""

    id: int
    cccd: str | None
    full_name: str
    gender: str
    birth_date: date | None
    birth_year: int | None
    ethnicity: EthnicityOut | None
    religion: str
    org_node: OrgNodeRef
    commune: AdminUnitRef | None
    village: AdminUnitRef | None
    address: str
    phone: str
    email: str
    workplace: str
    occupation: str
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_cccd(person: Any, context: Any) -> str | None:
        if not person.cccd or _identified(person, context):
            return person.cccd
        return mask_cccd(person.cccd)

    @staticmethod
    def resolve_birth_date(person: Any, context: Any) -> date | None:
        return person.birth_date if _may_see(person, context) else None

    @staticmethod
    def resolve_birth_year(person: Any, context: Any) -> int | None:
        return person.birth_year or (person.birth_date.year if person.birth_date else None)

    @staticmethod
    def resolve_phone(person: Any, context: Any) -> str:
        return person.phone if _may_see(person, context) else mask_phone(person.phone)


class PersonPage(Schema):
    """One page of persons, by name."""

    items: list[PersonOut]
    next_cursor: str | None
    prev_cursor: str | None


class PersonFilters(PageParams):
    """Query parameters of the person list."""

    q: str = Field("", description="Họ tên (không cần dấu) hoặc số CCCD.")
    org: int | None = Field(None, description="Id của tổ chức: người thuộc tổ chức và cấp dưới.")
    commune: int | None = Field(None, description="Id của xã/phường.")
    village: int | None = Field(None, description="Id của thôn/tổ dân phố.")
    gender: Gender | None = None


class PersonIn(Schema):
    """A new person; ids name the managing node and the places, the ethnicity is its code."""

    org_node: int = Field(description="Id của đơn vị quản lý.")
    full_name: str
    gender: Gender
    cccd: str | None = Field(None, description="Số CCCD, 12 chữ số.")
    birth_date: date | None = None
    birth_year: int | None = None
    ethnicity: str | None = Field(None, description="Mã dân tộc (01 = Kinh).")
    religion: str = ""
    commune: int | None = None
    village: int | None = None
    address: str = ""
    phone: str = ""
    email: str = ""
    workplace: str = ""
    occupation: str = ""

    @field_validator("org_node")
    @classmethod
    def org_node_required(cls, value: int | None) -> int:
        """The managing node may change but never be removed."""
        return _required(value)

    @field_validator("cccd")
    @classmethod
    def cccd_parsed(cls, value: str | None) -> str | None:
        """The CCCD's 12 digits by the people rule (CccdError is a ValueError: a field message)."""
        return parse_cccd(value) or None


class ChangeOut(Schema):
    """One field changed by one history entry."""

    field: str
    old: Any
    new: Any


class HistoryOut(Schema):
    """Who changed a record, when, and how."""

    at: datetime
    user: str | None = Field(None, description="Tên đăng nhập của người sửa.")
    kind: str
    changes: list[ChangeOut]

    @staticmethod
    def resolve_user(entry: dict[str, Any]) -> str | None:
        """The author's username (None for changes made by the system)."""
        user = entry["user"]
        return user.username if user is not None else None


class HouseholdOut(Schema):
    """One household."""

    id: int
    code: str | None
    name: str
    org_node: OrgNodeRef
    head: PersonRef | None
    commune: AdminUnitRef | None
    village: AdminUnitRef | None
    address: str


class HouseholdPage(Schema):
    """One page of households, by name."""

    items: list[HouseholdOut]
    next_cursor: str | None
    prev_cursor: str | None


class PlaceFilters(PageParams):
    """Query parameters of the household and clan lists."""

    q: str = Field("", description="Tên (không cần dấu) hoặc mã.")
    org: int | None = Field(None, description="Id của tổ chức: bản ghi của tổ chức và cấp dưới.")
    commune: int | None = Field(None, description="Id của xã/phường.")


class HouseholdFilters(PlaceFilters):
    """Query parameters of the household list."""

    village: int | None = Field(None, description="Id của thôn/tổ dân phố.")


class HouseholdIn(Schema):
    """A new household; a head, when given, becomes its first member."""

    org_node: int = Field(description="Id của đơn vị quản lý.")
    name: str
    code: str = ""
    head: int | None = Field(None, description="Id của người làm chủ hộ.")
    commune: int | None = None
    village: int | None = None
    address: str = ""


class HouseholdPatch(Schema):
    """Fields of a household that may change (the head changes through its members)."""

    org_node: int | None = None
    name: str | None = None
    code: str | None = None
    commune: int | None = None
    village: int | None = None
    address: str | None = None

    @field_validator("org_node")
    @classmethod
    def org_node_required(cls, value: int | None) -> int:
        """The managing node may change but never be removed."""
        return _required(value)


class MemberOut(Schema):
    """A person's place in a household."""

    id: int
    person: PersonRef
    relation: str
    joined_on: date | None
    left_on: date | None


class MemberIn(Schema):
    """A person joining a household."""

    person: int = Field(description="Id của người.")
    relation: Relation
    joined_on: date | None = None


class ClanOut(Schema):
    """One clan."""

    id: int
    code: str | None
    name: str
    org_node: OrgNodeRef
    head: PersonRef | None
    commune: AdminUnitRef | None
    origin: str
    household_count: int = 0


class ClanPage(Schema):
    """One page of clans, by name."""

    items: list[ClanOut]
    next_cursor: str | None
    prev_cursor: str | None


class ClanIn(Schema):
    """A new clan."""

    org_node: int = Field(description="Id của đơn vị quản lý.")
    name: str
    code: str = ""
    head: int | None = Field(None, description="Id của người làm trưởng họ.")
    commune: int | None = None
    origin: str = ""

    @field_validator("org_node")
    @classmethod
    def org_node_required(cls, value: int | None) -> int:
        """The managing node may change but never be removed."""
        return _required(value)


class HouseholdRef(Schema):
    """A household named inside another record."""

    id: int
    code: str | None
    name: str
    head: PersonRef | None
    village: AdminUnitRef | None


class ClanHouseholdOut(Schema):
    """A household's link to a clan."""

    id: int
    household: HouseholdRef


class ClanHouseholdIn(Schema):
    """A household joining a clan."""

    household: int = Field(description="Id của gia đình.")
