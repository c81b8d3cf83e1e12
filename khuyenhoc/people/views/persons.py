"""Person list (search without diacritics), record, create, edit and memberships."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from khuyenhoc.core.errors import NotFoundError
from khuyenhoc.core.history import history_of
from khuyenhoc.core.models import Channel
from khuyenhoc.core.pagination import keyset_paginate
from khuyenhoc.core.scope import Action
from khuyenhoc.core.web import client_ip, render_form, scoped, submit
from khuyenhoc.orgs.models import OrgNode
from khuyenhoc.orgs.selectors import orgnode_get_by_code
from khuyenhoc.people import selectors
from khuyenhoc.people.forms import EraseForm, LeaveForm, MembershipForm, PersonForm
from khuyenhoc.people.listing import person_page
from khuyenhoc.people.models import Gender, Person
from khuyenhoc.people.services.memberships import membership_create, membership_end
from khuyenhoc.people.services.persons import person_create, person_update
from khuyenhoc.people.services.privacy import ERASED_NAME, identity_read, person_data, person_erase

PERSON_FIELDS = (
    "full_name",
    "gender",
    "birth_date",
    "birth_year",
    "cccd",
    "ethnicity",
    "religion",
    "address",
    "phone",
    "email",
    "workplace",
    "occupation",
)


def org_filter(request: HttpRequest) -> OrgNode | None:
    """The node named by ?org=CODE, if it lies in the user's scope (else a message and no filter)."""
    code = request.GET.get("org", "").strip()
    if not code:
        return None
    try:
        return orgnode_get_by_code(scope=request.scope, code=code)
    except NotFoundError:
        messages.error(
            request, _("Không có đơn vị mã “%(code)s” trong phạm vi của bạn.") % {"code": code}
        )
        return None


def home_org_code(request: HttpRequest) -> dict[str, str]:
    """Initial form data naming ?org=CODE or the user's own organisation."""
    return {"org_node": request.GET.get("org") or getattr(request.user.org_node, "code", "")}


def _to_person(person: Person) -> HttpResponse:
    return redirect("people:person-detail", pk=person.pk)


@scoped()
def person_list(request: HttpRequest) -> HttpResponse:
    """Persons in the user's subtree, searchable by name (no diacritics needed) or CCCD."""
    org = org_filter(request)
    gender = request.GET.get("gender", "") if request.GET.get("gender") in Gender.values else ""
    search = request.GET.get("q", "")
    cursor = request.GET.get("cursor")
    page = person_page(
        scope=request.scope, search=search, org_node=org, gender=gender, cursor=cursor
    )
    template = "people/person_list.html#results" if request.htmx else "people/person_list.html"
    context = {
        "page": page,
        "q": search,
        "org": org,
        "gender": gender,
        "genders": Gender.choices,
        "can_identify": request.scope.can(Action.VIEW_IDENTITY),
    }
    return render(request, template, context)


@scoped()
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One person: facts, household, memberships, change history. The CCCD is masked; ?identity=1
    shows it in full (and the history's personal fields) to those who manage the person, recorded in
    the access log."""
    person = selectors.person_get(scope=request.scope, pk=pk)
    can_identify = request.scope.allows(Action.VIEW_IDENTITY, person.org_path)
    shown = request.GET.get("identity") == "1"
    if shown:
        identity_read(
            actor=request.user, scope=request.scope, person=person, channel=Channel.WEB,
            ip=client_ip(request),
        )  # fmt: skip
    context = {
        "person": person,
        "households": selectors.person_households(scope=request.scope, person=person),
        "memberships": selectors.person_memberships(scope=request.scope, person=person),
        "history": history_of(person, masked=not shown),
        "can_change": request.scope.allows(Action.CHANGE, person.org_path),
        "can_identify": can_identify,
        "identity_shown": shown,
        "erased": person.full_name == ERASED_NAME,
        "membership_form": MembershipForm(scope=request.scope),
    }
    return render(request, "people/person_detail.html", context)


@scoped(Action.CHANGE)
def person_create_view(request: HttpRequest) -> HttpResponse:
    """Create a person; ?org=CODE pre-fills the managing unit."""
    form = PersonForm(request.POST or None, scope=request.scope, initial=home_org_code(request))
    saved = submit(
        request,
        form,
        lambda data: person_create(actor=request.user, scope=request.scope, **data),
        done=_to_person,
        message=lambda p: _("Đã thêm %(name)s.") % {"name": p.full_name},
    )
    return saved or render_form(request, form, title=_("Thêm người"), cancel_url="/people/persons/")


@scoped(Action.CHANGE)
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a person's record."""
    person = selectors.person_get(scope=request.scope, pk=pk)
    if request.method == "GET" and person.cccd:  # the form shows the full CCCD
        identity_read(
            actor=request.user, scope=request.scope, person=person, channel=Channel.WEB,
            ip=client_ip(request),
        )  # fmt: skip
    initial = {name: getattr(person, name) for name in PERSON_FIELDS}
    initial |= {
        "org_node": person.org_node.code,
        "commune": person.commune.code if person.commune else "",
        "village": person.village.code if person.village else "",
    }
    form = PersonForm(request.POST or None, scope=request.scope, initial=initial)
    saved = submit(
        request,
        form,
        lambda data: person_update(
            actor=request.user, scope=request.scope, person=person, data=data
        ),
        done=_to_person,
        message=_("Đã lưu thay đổi."),
    )
    title = _("Sửa hồ sơ %(name)s") % {"name": person.full_name}
    return saved or render_form(request, form, title=title, cancel_url=f"/people/persons/{pk}/")


@require_POST
@scoped(Action.CHANGE)
def membership_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a membership of the person in an organisation."""
    person = selectors.person_get(scope=request.scope, pk=pk)
    form = MembershipForm(request.POST, scope=request.scope)
    saved = submit(
        request,
        form,
        lambda data: membership_create(
            actor=request.user, scope=request.scope, person=person, **data
        ),
        done=lambda m: _to_person(person),
        message=_("Đã thêm tư cách thành viên."),
    )
    title = _("Thêm tư cách thành viên cho %(name)s") % {"name": person.full_name}
    return saved or render_form(request, form, title=title, cancel_url=f"/people/persons/{pk}/")


@scoped(Action.CHANGE)
def membership_end_view(request: HttpRequest, pk: int) -> HttpResponse:
    """End a membership on a given day."""
    membership = selectors.membership_get(scope=request.scope, pk=pk)
    form = LeaveForm(request.POST or None)
    saved = submit(
        request,
        form,
        lambda data: membership_end(
            actor=request.user, scope=request.scope, membership=membership, ended_on=data["day"]
        ),
        done=lambda m: _to_person(m.person),
    )
    back = f"/people/persons/{membership.person_id}/"
    return saved or render_form(
        request, form, title=_("Kết thúc tư cách thành viên"), cancel_url=back
    )


@scoped()
def membership_list(request: HttpRequest) -> HttpResponse:
    """Current members of an organisation node and everything under it (?org=CODE)."""
    org = org_filter(request) or request.user.org_node
    if org is None:
        return render(request, "people/membership_list.html", {"org": None, "page": None})
    kind = request.GET.get("kind", "")
    memberships = selectors.membership_list(scope=request.scope, org_node=org, kind=kind)
    page = keyset_paginate(memberships, order=("org_path", "id"), cursor=request.GET.get("cursor"))
    return render(request, "people/membership_list.html", {"org": org, "page": page})


@scoped(Action.VIEW_IDENTITY)
def person_data_download(request: HttpRequest, pk: int) -> HttpResponse:
    """Everything held about a person, as a JSON file, for their request to see their data (recorded
    in the access log)."""
    person = selectors.person_get(scope=request.scope, pk=pk)
    data = person_data(
        actor=request.user, scope=request.scope, person=person, channel=Channel.WEB,
        ip=client_ip(request),
    )  # fmt: skip
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = f'attachment; filename="du-lieu-ca-nhan-{person.pk}.json"'
    return response


@scoped(Action.CHANGE)
def person_erase_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Erase a person's personal data on their request, after a confirmation naming the reason."""
    person = selectors.person_get(scope=request.scope, pk=pk)
    form = EraseForm(request.POST or None)
    saved = submit(
        request,
        form,
        lambda data: person_erase(
            actor=request.user,
            scope=request.scope,
            person=person,
            reason=data["reason"],
            channel=Channel.WEB,
            ip=client_ip(request),
        ),
        done=_to_person,
        message=_("Đã xoá dữ liệu cá nhân; nhật ký truy cập ghi lại việc này."),
    )
    title = _("Xoá dữ liệu cá nhân của %(name)s theo yêu cầu") % {"name": person.full_name}
    intro = _(
        "Họ tên, số CCCD, ngày sinh, địa chỉ, điện thoại, thư điện tử và nơi làm việc bị xoá khỏi hồ "
        "sơ và khỏi mọi dòng lịch sử thay đổi; tài khoản công dân (nếu có) bị khoá. Những gì người "
        "này đã tham gia (gia đình, tổ chức, danh hiệu, đóng góp) vẫn giữ cho số liệu thống kê. "
        "Không thể hoàn tác."
    )
    extra = {"intro": intro, "submit_label": _("Xoá dữ liệu cá nhân")}
    return saved or render_form(
        request, form, title=title, cancel_url=f"/people/persons/{pk}/", extra=extra
    )
