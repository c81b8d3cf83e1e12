"""/api/v1/orgs/ — organisation nodes inside the token's scope."""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from khuyenhoc.core.errors import DomainError, ErrorCode, NotFoundError
from khuyenhoc.core.pagination import KeysetPage, keyset_paginate
from khuyenhoc.core.schemas import (
    DETAIL_ERRORS,
    PATH_ID,
    READ_ERRORS,
    WRITE_ERRORS,
    PageParams,
    responses,
)
from khuyenhoc.core.scope import Scope
from khuyenhoc.orgs import selectors, services
from khuyenhoc.orgs.models import OrgNode
from khuyenhoc.orgs.schemas import OrgNodeFilters, OrgNodeIn, OrgNodeOut, OrgNodePage, OrgNodePatch
from khuyenhoc.places.api import unit_ref

router = Router()


def node_ref(scope: Scope, pk: int | None, field: str) -> OrgNode | None:
    """The node with id `pk` inside `scope`; unknown or out of scope is a 400 naming `field`."""
    if pk is None:
        return None
    try:
        return selectors.orgnode_get(scope=scope, pk=pk)
    except NotFoundError as exc:
        raise DomainError(
            ErrorCode.NOT_FOUND, _("Không tìm thấy tổ chức này trong phạm vi của bạn."), field=field
        ) from exc


@router.get("/", response=responses({200: OrgNodePage}, READ_ERRORS))
def node_list(request: HttpRequest, filters: Query[OrgNodeFilters]) -> KeysetPage:
    """Visible nodes in tree order, by name or code, system, or under a node."""
    scope = request.scope  # type: ignore[attr-defined]
    nodes = selectors.orgnode_list(
        scope=scope,
        search=filters.q,
        system_code=filters.system.strip().upper(),
        under=node_ref(scope, filters.under, "under"),
    )
    return keyset_paginate(nodes, order=("path",), cursor=filters.cursor, size=filters.limit)


@router.get("/{int:node_id}", response=responses({200: OrgNodeOut}, DETAIL_ERRORS))
def node_detail(request: HttpRequest, node_id: int = PATH_ID) -> OrgNode:
    """One node inside the scope."""
    return selectors.orgnode_get(scope=request.scope, pk=node_id)  # type: ignore[attr-defined]


@router.get("/{int:node_id}/children", response=responses({200: OrgNodePage}, DETAIL_ERRORS))
def node_children(
    request: HttpRequest, page: Query[PageParams], node_id: int = PATH_ID
) -> KeysetPage:
    """Direct children of a node, by name, with how many children each has."""
    scope = request.scope  # type: ignore[attr-defined]
    children = selectors.orgnode_children(
        scope=scope, node=selectors.orgnode_get(scope=scope, pk=node_id)
    )
    return keyset_paginate(children, order=("name_key", "id"), cursor=page.cursor, size=page.limit)


@router.post("/", response=responses({201: OrgNodeOut}, WRITE_ERRORS))
def node_create(request: HttpRequest, payload: OrgNodeIn) -> Status[OrgNode]:
    """Create a node under a parent the token may manage."""
    scope = request.scope  # type: ignore[attr-defined]
    parent = node_ref(scope, payload.parent, "parent")
    data = payload.model_dump(exclude={"parent", "place"})
    node = services.orgnode_create(
        actor=request.user,
        scope=scope,
        system=parent.system,  # type: ignore[union-attr]
        parent=parent,
        place=unit_ref(payload.place, "place"),
        **data,
    )
    return Status(201, node)


@router.patch("/{int:node_id}", response=responses({200: OrgNodeOut}, WRITE_ERRORS))
def node_update(request: HttpRequest, payload: OrgNodePatch, node_id: int = PATH_ID) -> OrgNode:
    """Change a node's own fields; omitted fields stay."""
    scope = request.scope  # type: ignore[attr-defined]
    node = selectors.orgnode_get(scope=scope, pk=node_id)
    data: dict[str, Any] = payload.model_dump(exclude_unset=True)
    if "place" in data:
        data["place"] = unit_ref(data["place"], "place")
    return services.orgnode_update(actor=request.user, scope=scope, node=node, data=data)
