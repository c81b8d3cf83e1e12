"""Household list, record, create, edit, and adding or removing members."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from khuyenhoc.core.errors import DomainError, ErrorCode, NotFoundError
from khuyenhoc.core.history import history_of
from khuyenhoc.core.scope import Action
from khuyenhoc.core.web import render_form, scoped, submit
from khuyenhoc.people import selectors
from khuyenhoc.people.forms import HouseholdForm, LeaveForm, MemberAddForm
from khuyenhoc.people.listing import household_page
from khuyenhoc.people.models import Household
from khuyenhoc.people.services.households import (
    household_add_member,
    household_create,
    household_remove_member,
    household_update,
)
from khuyenhoc.people.views.persons import home_org_code


def _to_household(household: Household) -> HttpResponse:
    return redirect("people:household-detail", pk=household.pk)


@scoped()
def household_list(request: HttpRequest) -> HttpResponse:
    """Households in the user's subtree, searchable by name or code."""
    search, cursor = request.GET.get("q", ""), request.GET.get("cursor")
    page = household_page(scope=request.scope, search=search, cursor=cursor)
    return render(
        request, "people/household_list.html", {"page": page, "q": request.GET.get("q", "")}
    )


@scoped()
def household_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One household: members (current and former), clans, history."""
    household = selectors.household_get(scope=request.scope, pk=pk)
    context = {
        "household": household,
        "members": selectors.household_members(household=household),
        "clans": selectors.household_clans(scope=request.scope, household=household),
        "history": history_of(household),
        "can_change": request.scope.allows(Action.CHANGE, household.org_path),
    }
    return render(request, "people/household_detail.html", context)


@scoped(Action.CHANGE)
def household_create_view(request: HttpRequest) -> HttpResponse:
    """Create a household."""
    form = HouseholdForm(request.POST or None, scope=request.scope, initial=home_org_code(request))
    saved = submit(
        request,
        form,
        lambda data: household_create(actor=request.user, scope=request.scope, **data),
        done=_to_household,
        message=lambda h: _("Đã thêm %(name)s.") % {"name": h.name},
    )
    return saved or render_form(
        request, form, title=_("Thêm gia đình"), cancel_url="/people/households/"
    )


@scoped(Action.CHANGE)
def household_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a household's own fields."""
    household = selectors.household_get(scope=request.scope, pk=pk)
    initial = {
        "org_node": household.org_node.code,
        "name": household.name,
        "code": household.code or "",
        "commune": household.commune.code if household.commune else "",
        "village": household.village.code if household.village else "",
        "address": household.address,
    }
    form = HouseholdForm(request.POST or None, scope=request.scope, initial=initial)
    saved = submit(
        request,
        form,
        lambda data: household_update(
            actor=request.user, scope=request.scope, household=household, data=data
        ),
        done=_to_household,
        message=_("Đã lưu thay đổi."),
    )
    title = _("Sửa %(name)s") % {"name": household.name}
    return saved or render_form(request, form, title=title, cancel_url=f"/people/households/{pk}/")


@scoped(Action.CHANGE)
def household_member_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a person, found by CCCD or record number, to the household."""
    household = selectors.household_get(scope=request.scope, pk=pk)
    form = MemberAddForm(request.POST or None)

    def add(data: dict) -> object:
        try:
            person = selectors.person_pick(scope=request.scope, text=data["person"])
        except NotFoundError:
            message = _("Không tìm thấy người có số CCCD hoặc mã hồ sơ này trong phạm vi của bạn.")
            raise DomainError(ErrorCode.NOT_FOUND, message, field="person") from None
        return household_add_member(
            actor=request.user,
            scope=request.scope,
            household=household,
            person=person,
            relation=data["relation"],
            joined_on=data["joined_on"],
        )

    saved = submit(
        request,
        form,
        add,
        done=lambda m: _to_household(household),
        message=lambda m: _("Đã thêm %(name)s vào gia đình.") % {"name": m.person.full_name},
    )
    title = _("Thêm thành viên vào %(name)s") % {"name": household.name}
    return saved or render_form(request, form, title=title, cancel_url=f"/people/households/{pk}/")


@scoped(Action.CHANGE)
def household_member_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """Record that a member left the household."""
    member = selectors.householdmember_get(scope=request.scope, pk=pk)
    form = LeaveForm(request.POST or None)
    saved = submit(
        request,
        form,
        lambda data: household_remove_member(
            actor=request.user, scope=request.scope, member=member, left_on=data["day"]
        ),
        done=lambda m: _to_household(m.household),
    )
    title = _("%(person)s rời gia đình") % {"person": member.person.full_name}
    back = f"/people/households/{member.household_id}/"
    return saved or render_form(request, form, title=title, cancel_url=back)
