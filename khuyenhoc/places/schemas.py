"""API shapes for administrative units (đơn vị hành chính)."""

from datetime import date

from ninja import Field, Schema

from khuyenhoc.core.schemas import PageParams
from khuyenhoc.places.models import Level


class AdminUnitRef(Schema):
    """A unit named inside another record."""

    id: int
    code: str
    level: str
    name: str


class AdminUnitOut(Schema):
    """One administrative unit; a former province names the province it was merged into."""

    id: int
    code: str
    level: str
    division_type: str
    name: str
    province_code: str
    parent: AdminUnitRef | None
    successor: AdminUnitRef | None
    valid_from: date | None
    valid_until: date | None


class AdminUnitPage(Schema):
    """One page of units, in tree order."""

    items: list[AdminUnitOut]
    next_cursor: str | None
    prev_cursor: str | None


class AdminUnitFilters(PageParams):
    """Query parameters of the unit list."""

    level: Level | None = None
    parent: int | None = Field(None, description="Id của đơn vị cấp trên.")
    q: str = Field("", description="Tên (không cần dấu) hoặc mã.")


class VillageIn(Schema):
    """A new village or residential group under a commune."""

    commune: int = Field(description="Id của xã/phường/đặc khu.")
    name: str
    division_type: str = Field("thôn", description="thôn, tổ dân phố, bản, ấp, …")
    code: str = ""
