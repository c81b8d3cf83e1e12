"""HTML views for the organisation tree."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from khuyenhoc.core.history import history_of
from khuyenhoc.core.scope import Action
from khuyenhoc.core.text import whole_number
from khuyenhoc.core.web import render_form, scoped, submit
from khuyenhoc.orgs import selectors, services
from khuyenhoc.orgs.forms import OrgNodeForm, RootNodeForm
from khuyenhoc.orgs.models import OrgNode


@scoped()
def tree(request: HttpRequest) -> HttpResponse:
    """The organisation trees the user sees, expandable level by level, with a search box."""
    search = request.GET.get("q", "").strip()
    found = selectors.orgnode_list(scope=request.scope, search=search)[:100] if search else None
    roots = selectors.orgnode_roots(scope=request.scope)
    return render(request, "orgs/tree.html", {"roots": roots, "found": found, "q": search})


@scoped()
def children(request: HttpRequest, pk: int) -> HttpResponse:
    """The children of one node (an HTMX fragment of the tree)."""
    node = selectors.orgnode_get(scope=request.scope, pk=pk)
    nodes = selectors.orgnode_children(scope=request.scope, node=node)
    return render(request, "orgs/tree.html#children", {"nodes": nodes})


@scoped()
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One node: its facts, place in the tree, children and change history."""
    node = selectors.orgnode_get(scope=request.scope, pk=pk)
    context = {
        "node": node,
        "ancestors": selectors.orgnode_ancestors(scope=request.scope, node=node),
        "children": selectors.orgnode_children(scope=request.scope, node=node),
        "history": history_of(node),
        "can_manage": request.scope.allows(Action.MANAGE_ORGS, node.path),
    }
    return render(request, "orgs/detail.html", context)


@scoped(Action.MANAGE_ORGS)
def create(request: HttpRequest) -> HttpResponse:
    """Create a node under ?parent=<id> (or a root, for system administrators)."""
    parent_id = whole_number(request.GET.get("parent"))
    parent = (
        selectors.orgnode_get(scope=request.scope, pk=parent_id) if parent_id is not None else None
    )
    form_class = OrgNodeForm if parent else RootNodeForm
    form = form_class(request.POST or None, province_code=parent.province_code if parent else "")

    def create_node(data: dict) -> OrgNode:
        system = parent.system if parent else data.pop("system")
        return services.orgnode_create(
            actor=request.user, scope=request.scope, system=system, parent=parent, **data
        )

    saved = submit(
        request,
        form,
        create_node,
        done=_to_node,
        message=lambda node: _("Đã tạo %(name)s.") % {"name": node.name},
    )
    title = (
        _("Thêm đơn vị trực thuộc %(name)s") % {"name": parent.name}
        if parent
        else _("Thêm tổ chức gốc")
    )
    return saved or render_form(request, form, title=title, cancel_url="/orgs/")


@scoped(Action.MANAGE_ORGS)
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a node's own fields."""
    node = selectors.orgnode_get(scope=request.scope, pk=pk)
    initial = {name: getattr(node, name) for name in services.EDITABLE if name != "place"}
    initial["place"] = node.place.code if node.place else ""
    form = OrgNodeForm(request.POST or None, initial=initial, province_code=node.province_code)
    saved = submit(
        request,
        form,
        lambda data: services.orgnode_update(
            actor=request.user, scope=request.scope, node=node, data=data
        ),
        done=_to_node,
        message=_("Đã lưu thay đổi."),
    )
    title = _("Sửa %(name)s") % {"name": node.name}
    return saved or render_form(request, form, title=title, cancel_url=f"/orgs/{node.pk}/")


def _to_node(node: OrgNode) -> HttpResponse:
    return redirect("orgs:detail", pk=node.pk)
