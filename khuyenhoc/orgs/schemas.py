"""API shapes for organisation nodes (tổ chức, đơn vị)."""

from datetime import date

from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import field_validator

from khuyenhoc.core.schemas import PageParams
from khuyenhoc.orgs.models import NodeKind, OrgNode
from khuyenhoc.places.schemas import AdminUnitRef


class OrgNodeRef(Schema):
    """A node named inside another record."""

    id: int
    code: str
    name: str


class OrgNodeOut(Schema):
    """One organisation node."""

    id: int
    system: str = Field(description="Mã hệ thống tổ chức.")
    parent_id: int | None
    kind: str
    code: str
    name: str
    place: AdminUnitRef | None
    path: str
    depth: int
    province_code: str
    valid_from: date | None
    valid_until: date | None
    address: str
    phone: str
    child_count: int | None = Field(None, description="Chỉ có trong danh sách đơn vị trực thuộc.")

    @staticmethod
    def resolve_system(node: OrgNode) -> str:
        """The code of the node's organisation system."""
        return node.system.code


class OrgNodePage(Schema):
    """One page of nodes."""

    items: list[OrgNodeOut]
    next_cursor: str | None
    prev_cursor: str | None


class OrgNodeFilters(PageParams):
    """Query parameters of the node list."""

    q: str = Field("", description="Tên (không cần dấu) hoặc mã.")
    system: str = Field("", description="Mã hệ thống tổ chức, ví dụ HKH.")
    under: int | None = Field(None, description="Chỉ các đơn vị bên dưới đơn vị có id này.")


class OrgNodeIn(Schema):
    """A new node under `parent` (same organisation system as the parent)."""

    parent: int = Field(description="Id của đơn vị cấp trên.")
    kind: NodeKind = NodeKind.OTHER
    code: str = Field(min_length=1)
    name: str = Field(min_length=1)
    place: int | None = Field(None, description="Id của đơn vị hành chính (địa bàn).")
    valid_from: date | None = None
    valid_until: date | None = None
    address: str = ""
    phone: str = ""


class OrgNodePatch(Schema):
    """Fields of a node that may change; omitted fields stay as they are."""

    kind: NodeKind | None = None
    code: str | None = Field(None, min_length=1)
    name: str | None = Field(None, min_length=1)
    place: int | None = None
    valid_from: date | None = None
    valid_until: date | None = None
    address: str | None = None
    phone: str | None = None

    @field_validator("kind", "code", "name")
    @classmethod
    def not_null(cls, value: object) -> object:
        """Refuse an explicit null for a field the node cannot go without."""
        if value is None:
            raise ValueError(_("Không được để trống."))
        return value
