"""API shapes for organisation nodes (tổ chức, đơn vị)."""

from datetime import date

from ninja import Field, Schema
from pydantic import field_validator

from khuyenhoc.core.schemas import (
    MAX_SEARCH_LENGTH,
    Id,
    Input,
    Line,
    PageParams,
    Text,
    column_length,
    keep,
    refuse_null,
)
from khuyenhoc.orgs.models import NodeKind, OrgNode, OrgSystem
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

    q: Line(MAX_SEARCH_LENGTH, description="Tên (không cần dấu) hoặc mã.") = ""  # type: ignore[valid-type]
    system: Line(  # type: ignore[valid-type]
        column_length(OrgSystem, "code"), description="Mã hệ thống tổ chức, ví dụ HKH."
    ) = ""
    under: Id | None = Field(None, description="Chỉ các đơn vị bên dưới đơn vị có id này.")


NodeCode = Text(
    OrgNode,
    "code",
    min_length=1,
    description="Mã duy nhất: chữ không dấu, chữ số, dấu gạch, dấu chấm.",
)
NodeName = Text(OrgNode, "name", min_length=1)
Address = Text(OrgNode, "address")
Phone = Text(OrgNode, "phone")


class OrgNodeIn(Input):
    """A new node under `parent` (same organisation system as the parent).

    Refused with a 400 naming the field: a parent or place that is not in the token's scope, a code
    already used, a kind the parent cannot hold, dates in the wrong order."""

    parent: Id = Field(description="Id của đơn vị cấp trên.")
    kind: NodeKind = NodeKind.OTHER
    code: NodeCode  # type: ignore[valid-type]
    name: NodeName  # type: ignore[valid-type]
    place: Id | None = Field(None, description="Id của đơn vị hành chính (địa bàn).")
    valid_from: date | None = None
    valid_until: date | None = None
    address: Address = ""  # type: ignore[valid-type]
    phone: Phone = ""  # type: ignore[valid-type]


class OrgNodePatch(Input):
    """Fields of a node that may change; omitted fields stay as they are (null clears only the place
    and the dates)."""

    kind: NodeKind = keep()
    code: NodeCode = keep()  # type: ignore[valid-type]
    name: NodeName = keep()  # type: ignore[valid-type]
    place: Id | None = None
    valid_from: date | None = None
    valid_until: date | None = None
    address: Address = keep()  # type: ignore[valid-type]
    phone: Phone = keep()  # type: ignore[valid-type]

    _not_null = field_validator("kind", "code", "name", "address", "phone", mode="before")(
        refuse_null
    )
