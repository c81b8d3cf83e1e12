"""Criteria sets: the list, one set, a new draft from it, editing a criterion, publishing."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from khuyenhoc.core.errors import DomainError
from khuyenhoc.core.scope import Action
from khuyenhoc.core.web import render_form, scoped, submit
from khuyenhoc.titles import selectors
from khuyenhoc.titles.forms import CriteriaCopyForm, CriterionForm
from khuyenhoc.titles.rubric import load_rubric
from khuyenhoc.titles.services.criteria import (
    criteria_set_copy,
    criteria_set_publish,
    criterion_update,
)


@scoped()
def criteria_list(request: HttpRequest) -> HttpResponse:
    """Every criteria set: official ones and local variants, with their versions."""
    return render(request, "titles/criteria_list.html", {"sets": selectors.criteria_set_list()})


@scoped()
def criteria_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A criteria set: groups, criteria with their points, must-pass marks and bands."""
    cs = selectors.criteria_set_get(pk=pk)
    context = {
        "cs": cs,
        "rubric": load_rubric(cs),
        "can_manage": request.scope.can(Action.MANAGE_CRITERIA),
    }
    return render(request, "titles/criteria_detail.html", context)


@scoped(Action.MANAGE_CRITERIA)
def criteria_copy(request: HttpRequest, pk: int) -> HttpResponse:
    """Start a province's own variant of a criteria set (or, nationally, a new version) as a draft."""
    source = selectors.criteria_set_get(pk=pk)
    form = CriteriaCopyForm(request.POST or None, scope=request.scope)
    saved = submit(
        request,
        form,
        lambda data: criteria_set_copy(
            scope=request.scope,
            source=source,
            code=data["code"],
            name=data["name"],
            owner=data["org_node"],
        ),
        done=lambda cs: redirect("titles:criteria-detail", pk=cs.pk),
        message=lambda cs: (
            _("Đã tạo bản nháp %(code)s: sửa các tiêu chí rồi công bố.") % {"code": cs.code}
        ),
    )
    title = _("Bộ tiêu chí mới từ %(name)s") % {"name": source.name}
    return saved or render_form(request, form, title=title, cancel_url=f"/titles/criteria/{pk}/")


@scoped(Action.MANAGE_CRITERIA)
def criterion_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change one criterion of a draft criteria set."""
    criterion = selectors.criterion_get(pk=pk)
    initial = {
        "text": criterion.text, "max_points": criterion.max_points,
        "min_points": criterion.min_points, "must_pass": criterion.must_pass,
    }  # fmt: skip
    form = CriterionForm(request.POST or None, initial=initial)
    cs = criterion.group.criteria_set
    saved = submit(
        request,
        form,
        lambda data: criterion_update(scope=request.scope, criterion=criterion, data=data),
        done=lambda c: redirect("titles:criteria-detail", pk=cs.pk),
        message=lambda c: _("Đã sửa tiêu chí %(code)s.") % {"code": c.code},
    )
    title = _("Tiêu chí %(code)s — %(name)s") % {"code": criterion.code, "name": cs.name}
    return saved or render_form(request, form, title=title, cancel_url=f"/titles/criteria/{cs.pk}/")


@require_POST
@scoped(Action.MANAGE_CRITERIA)
def criteria_publish(request: HttpRequest, pk: int) -> HttpResponse:
    """Freeze a complete draft: from now on campaigns use it."""
    cs = selectors.criteria_set_get(pk=pk)
    try:
        criteria_set_publish(scope=request.scope, criteria_set=cs)
    except DomainError as err:
        messages.error(request, err.message)
    else:
        messages.success(request, _("Đã công bố %(name)s.") % {"name": cs.name})
    return redirect("titles:criteria-detail", pk=cs.pk)
