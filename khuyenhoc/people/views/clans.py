"""Clan list, record, create, edit, and member households."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from khuyenhoc.core.errors import DomainError, ErrorCode, NotFoundError
from khuyenhoc.core.history import history_of
from khuyenhoc.core.scope import Action
from khuyenhoc.core.web import render_form, scoped, submit
from khuyenhoc.people import selectors
from khuyenhoc.people.forms import ClanForm, ClanHouseholdForm
from khuyenhoc.people.listing import clan_page
from khuyenhoc.people.models import Clan
from khuyenhoc.people.services.clans import (
    clan_add_household,
    clan_create,
    clan_remove_household,
    clan_update,
)
from khuyenhoc.people.views.persons import home_org_code


def _to_clan(clan: Clan) -> HttpResponse:
    return redirect("people:clan-detail", pk=clan.pk)


@scoped()
def clan_list(request: HttpRequest) -> HttpResponse:
    """Clans in the user's subtree."""
    page = clan_page(
        scope=request.scope, search=request.GET.get("q", ""), cursor=request.GET.get("cursor")
    )
    return render(request, "people/clan_list.html", {"page": page, "q": request.GET.get("q", "")})


@scoped()
def clan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One clan with its member households and history."""
    clan = selectors.clan_get(scope=request.scope, pk=pk)
    context = {
        "clan": clan,
        "links": selectors.clan_households(clan=clan),
        "history": history_of(clan),
        "can_change": request.scope.allows(Action.CHANGE, clan.org_path),
    }
    return render(request, "people/clan_detail.html", context)


@scoped(Action.CHANGE)
def clan_create_view(request: HttpRequest) -> HttpResponse:
    """Create a clan."""
    form = ClanForm(request.POST or None, scope=request.scope, initial=home_org_code(request))
    saved = submit(
        request,
        form,
        lambda data: clan_create(actor=request.user, scope=request.scope, **data),
        done=_to_clan,
        message=lambda c: _("Đã thêm %(name)s.") % {"name": c.name},
    )
    return saved or render_form(request, form, title=_("Thêm dòng họ"), cancel_url="/people/clans/")


@scoped(Action.CHANGE)
def clan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a clan's own fields."""
    clan = selectors.clan_get(scope=request.scope, pk=pk)
    initial = {
        "org_node": clan.org_node.code,
        "name": clan.name,
        "code": clan.code or "",
        "commune": clan.commune.code if clan.commune else "",
        "origin": clan.origin,
    }
    form = ClanForm(request.POST or None, scope=request.scope, initial=initial)
    saved = submit(
        request,
        form,
        lambda data: clan_update(actor=request.user, scope=request.scope, clan=clan, data=data),
        done=_to_clan,
        message=_("Đã lưu thay đổi."),
    )
    title = _("Sửa %(name)s") % {"name": clan.name}
    return saved or render_form(request, form, title=title, cancel_url=f"/people/clans/{pk}/")


@scoped(Action.CHANGE)
def clan_household_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a household, found by code or record number, to the clan."""
    clan = selectors.clan_get(scope=request.scope, pk=pk)
    form = ClanHouseholdForm(request.POST or None)

    def add(data: dict) -> object:
        try:
            household = selectors.household_pick(scope=request.scope, text=data["household"])
        except NotFoundError:
            message = _("Không tìm thấy gia đình có mã này trong phạm vi của bạn.")
            raise DomainError(ErrorCode.NOT_FOUND, message, field="household") from None
        return clan_add_household(
            actor=request.user, scope=request.scope, clan=clan, household=household
        )

    saved = submit(request, form, add, done=lambda link: _to_clan(clan))
    title = _("Thêm gia đình vào %(name)s") % {"name": clan.name}
    return saved or render_form(request, form, title=title, cancel_url=f"/people/clans/{pk}/")


@require_POST
@scoped(Action.CHANGE)
def clan_household_remove(request: HttpRequest, pk: int, link_pk: int) -> HttpResponse:
    """Take a household out of the clan."""
    clan = selectors.clan_get(scope=request.scope, pk=pk)
    link = selectors.clan_households(clan=clan).filter(pk=link_pk).first()
    if link is None:
        raise NotFoundError("ClanHousehold")
    clan_remove_household(actor=request.user, scope=request.scope, link=link)
    messages.success(request, _("Đã bỏ %(name)s khỏi dòng họ.") % {"name": link.household.name})
    return _to_clan(clan)
