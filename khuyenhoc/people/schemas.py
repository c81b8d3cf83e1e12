"""API shapes for persons, households (gia đình) and clans (dòng họ)."""

from datetime import date, datetime
from typing import Any

from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import field_validator

from khuyenhoc.core.schemas import PageParams
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


class PersonOut(Schema):
    """One person."""

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
