"""API shapes for administrative units (đơn vị hành chính)."""

from datetime import date
from typing import Annotated, Literal

from ninja import Field, Schema
from pydantic import BeforeValidator

from khuyenhoc.core.schemas import MAX_SEARCH_LENGTH, Id, Input, Line, PageParams, Text
from khuyenhoc.core.text import clean_text
from khuyenhoc.places.models import AdminUnit, Level
from khuyenhoc.places.services import VILLAGE_TYPES


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
    parent: Id | None = Field(None, description="Id của đơn vị cấp trên.")
    q: Line(MAX_SEARCH_LENGTH, description="Tên (không cần dấu) hoặc mã.") = ""  # type: ignore[valid-type]


def _village_type(value: object) -> object:
    """ "Tổ dân phố " → "tổ dân phố", as the service stores it."""
    return clean_text(value).lower() if isinstance(value, str) else value


VillageType = Annotated[Literal[VILLAGE_TYPES], BeforeValidator(_village_type)]  # type: ignore[valid-type]


class VillageIn(Input):
    """A new village or residential group under a commune.

    Refused with a 400 naming the field: a commune id that is not a current commune, a name the
    commune already has, a code already used."""

    commune: Id = Field(description="Id của xã/phường/đặc khu.")
    name: Text(AdminUnit, "name", min_length=1)  # type: ignore[valid-type]
    division_type: VillageType = Field("thôn", description="Loại: thôn, tổ dân phố, bản, ấp, …")
    code: Text(  # type: ignore[valid-type]
        AdminUnit,
        "code",
        description="Chữ không dấu, chữ số, dấu gạch; để trống để hệ thống tự đặt.",
    ) = ""
