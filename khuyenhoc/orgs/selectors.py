"""Reads for organisation nodes, always through the user's scope."""

from django.db.models import Count, Q, QuerySet

from khuyenhoc.core.errors import NotFoundError
from khuyenhoc.core.scope import Action, Scope, prefix_q
from khuyenhoc.core.text import fold
from khuyenhoc.orgs.models import OrgNode


def orgnode_list(
    *,
    scope: Scope,
    search: str = "",
    system_code: str = "",
    under: OrgNode | None = None,
    action: Action | str = Action.VIEW,
) -> QuerySet[OrgNode]:
    """Nodes where `scope` may do `action`, in tree order, optionally under a node or matching a name/code."""
    nodes = OrgNode.objects.in_scope(scope, action).select_related("system", "place")
    if under is not None:
        nodes = nodes.filter(prefix_q("path", under.path)).exclude(pk=under.pk)
    if system_code:
        nodes = nodes.filter(system__code=system_code)
    if search:
        key = fold(search)
        nodes = nodes.filter(Q(name_key__contains=key) | Q(code__iexact=search.strip()))
    return nodes.order_by("path")


def orgnode_get(*, scope: Scope, pk: int) -> OrgNode:
    """One node inside `scope`; missing and out-of-scope both raise NotFoundError."""
    node = orgnode_list(scope=scope).filter(pk=pk).first()
    if node is None:
        raise NotFoundError("OrgNode")
    return node


def orgnode_get_by_code(*, scope: Scope, code: str) -> OrgNode:
    """One node inside `scope` by its code."""
    node = orgnode_list(scope=scope).filter(code=code.strip().upper()).first()
    if node is None:
        raise NotFoundError("OrgNode")
    return node


def orgnode_roots(*, scope: Scope) -> QuerySet[OrgNode]:
    """The top nodes the user sees: its granted nodes (or the system roots for a system admin)."""
    if scope.is_system_admin:
        nodes = OrgNode.objects.filter(parent__isnull=True)
    else:
        paths = scope.paths_for("view")
        nodes = OrgNode.objects.filter(path__in=paths)
    return _with_child_counts(nodes.select_related("system", "place")).order_by(
        "system__sort_order", "path"
    )


def orgnode_children(*, scope: Scope, node: OrgNode) -> QuerySet[OrgNode]:
    """Direct children of `node` inside `scope`, with how many children each has (one query)."""
    nodes = OrgNode.objects.in_scope(scope).filter(parent=node).select_related("system", "place")
    return _with_child_counts(nodes).order_by("name_key", "id")


def orgnode_ancestors(*, scope: Scope, node: OrgNode) -> list[OrgNode]:
    """The visible nodes above `node`, from the root down (ids come from the path: one query)."""
    ids = node.ancestor_ids()[:-1]
    found = {n.pk: n for n in OrgNode.objects.in_scope(scope).filter(pk__in=ids)}
    return [found[i] for i in ids if i in found]


def _with_child_counts(nodes: QuerySet[OrgNode]) -> QuerySet[OrgNode]:
    return nodes.annotate(child_count=Count("children"))


def orgnode_choices(*, scope: Scope, action: Action | str, limit: int) -> list[OrgNode]:
    """Up to `limit` nodes where `scope` may do `action` (for a drop-down), in tree order."""
    return list(orgnode_list(scope=scope, action=action).filter(valid_until__isnull=True)[:limit])
