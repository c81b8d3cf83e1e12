"""Pages of the coordination programmes: the programme with its parties, contents, indicators, targets,
activities and reporting periods, and the forms that change them."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from khuyenhoc.core import clock
from khuyenhoc.core.errors import DomainError
from khuyenhoc.core.scope import Action
from khuyenhoc.core.text import whole_number
from khuyenhoc.core.uploads import serve
from khuyenhoc.core.web import render_form, scoped, submit
from khuyenhoc.programmes import selectors
from khuyenhoc.programmes.forms import (
    ActivityEditForm,
    ActivityForm,
    ContentForm,
    DocumentForm,
    IndicatorForm,
    PeriodForm,
    ProgrammeForm,
    ReportedForm,
    SubmitForm,
    TargetForm,
)
from khuyenhoc.programmes.services import activities, programmes, reporting, targets


@scoped()
def programme_list(request: HttpRequest) -> HttpResponse:
    rows = selectors.programme_list(scope=request.scope)[:200]
    return render(request, "programmes/programme_list.html", {"programmes": rows})


@scoped(Action.CHANGE)
def programme_create(request: HttpRequest) -> HttpResponse:
    form = ProgrammeForm(request.POST or None)
    saved = submit(
        request, form, lambda d: programmes.programme_create(actor=request.user, scope=request.scope, **d),
        done=lambda p: redirect("programmes:detail", pk=p.pk),
        message=lambda p: _("Đã ghi %(t)s.") % {"t": p.title},
    )  # fmt: skip
    return saved or render_form(
        request, form, title=_("Ghi chương trình phối hợp"), cancel_url="/programmes/"
    )


@scoped()
def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A programme: parties, contents, indicators, this year's targets, activities and periods."""
    programme = selectors.programme_get(scope=request.scope, pk=pk)
    year = _year(request, programme)
    context = {
        "programme": programme,
        "year": year,
        "years": range(programme.starts_year, programme.ends_year + 1),
        "parties": selectors.parties_of(programme=programme),
        "contents": selectors.contents_of(programme=programme),
        "indicators": selectors.indicators_of(programme=programme),
        "targets": selectors.targets_of(scope=request.scope, programme=programme, year=year),
        "activities": selectors.activities_of(scope=request.scope, programme=programme, limit=30),
        "periods": selectors.periods_of(programme=programme),
        "documents": selectors.documents_of(programme=programme),
        "can_manage": request.scope.allows(Action.CHANGE, programme.org_path),
        "can_change": request.scope.can(Action.CHANGE),
    }
    return render(request, "programmes/programme_detail.html", context)


def _year(request: HttpRequest, programme: Any) -> int:
    return selectors.year_of(programme=programme, text=request.GET.get("year"))


def _back(programme: Any) -> HttpResponse:
    return redirect("programmes:detail", pk=programme.pk)


@scoped(Action.CHANGE)
def document_create(request: HttpRequest, pk: int) -> HttpResponse:
    programme = selectors.programme_get(scope=request.scope, pk=pk)
    form = DocumentForm(request.POST or None, request.FILES or None)
    saved = submit(request, form, lambda d: programmes.document_attach(
        actor=request.user, scope=request.scope, programme=programme, **d,
    ), done=lambda doc: _back(programme), message=_("Đã đính kèm tài liệu."))  # fmt: skip
    return saved or render_form(
        request, form, title=_("Đính kèm tài liệu"), cancel_url=f"/programmes/{pk}/"
    )


@scoped()
def file(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """A document, an activity's attachment or a figure's evidence, to those who may see it."""
    found, name = selectors.file_get(scope=request.scope, kind=kind, pk=pk)
    return serve(found, name)


@scoped(Action.CHANGE)
def content_create(request: HttpRequest, pk: int) -> HttpResponse:
    programme = selectors.programme_get(scope=request.scope, pk=pk)
    form = ContentForm(request.POST or None)
    saved = submit(request, form, lambda d: programmes.content_add(
        actor=request.user, scope=request.scope, programme=programme,
        responsible=list(programme.parties.all()), **d,
    ), done=lambda c: _back(programme), message=_("Đã thêm nội dung."))  # fmt: skip
    return saved or render_form(
        request, form, title=_("Thêm nội dung phối hợp"), cancel_url=f"/programmes/{pk}/"
    )


@scoped(Action.CHANGE)
def indicator_create(request: HttpRequest, pk: int) -> HttpResponse:
    programme = selectors.programme_get(scope=request.scope, pk=pk)
    form = IndicatorForm(request.POST or None, programme=programme)
    saved = submit(request, form, lambda d: targets.indicator_add(
        actor=request.user, scope=request.scope, programme=programme, code=d["code"], name=d["name"],
        unit=d["unit"], source=d["source"], title=d["title"], base_label=d["base_label"],
        base_source=d["base_source"],
        content=programme.contents.filter(pk=d["content"]).first() if d["content"] else None,
    ), done=lambda i: _back(programme), message=_("Đã thêm chỉ tiêu."))  # fmt: skip
    return saved or render_form(
        request, form, title=_("Thêm chỉ tiêu"), cancel_url=f"/programmes/{pk}/"
    )


@scoped(Action.CHANGE)
def target_create(request: HttpRequest, pk: int) -> HttpResponse:
    programme = selectors.programme_get(scope=request.scope, pk=pk)
    form = TargetForm(request.POST or None, scope=request.scope, programme=programme,
                      initial={"year": _year(request, programme)})  # fmt: skip
    saved = submit(request, form, lambda d: targets.target_set(
        actor=request.user, scope=request.scope, indicator=programme.indicators.get(pk=d["indicator"]),
        year=d["year"], value=d["value"], org_node=d["org_node"], place=d["place"], base=d["base"],
    ), done=lambda t: redirect(f"/programmes/{pk}/?year={t.year}"), message=_("Đã giao chỉ tiêu."))  # fmt: skip
    return saved or render_form(
        request, form, title=_("Giao chỉ tiêu năm"), cancel_url=f"/programmes/{pk}/"
    )


@require_POST
@scoped(Action.CHANGE)
def target_cascade(request: HttpRequest, pk: int) -> HttpResponse:
    """Give the levels below a target the same value (their bases are filled in afterwards)."""
    target = selectors.target_get(scope=request.scope, pk=pk)
    try:
        made = targets.target_cascade(actor=request.user, scope=request.scope, target=target)
        messages.success(
            request, _("Đã giao cho %(n)s đơn vị, địa bàn cấp dưới.") % {"n": len(made)}
        )
    except (DomainError, PermissionDenied) as err:
        messages.error(request, getattr(err, "message", str(err)))
    return redirect(f"/programmes/{target.indicator.programme_id}/?year={target.year}")


@require_POST
@scoped(Action.CHANGE)
def bases_refresh(request: HttpRequest, pk: int) -> HttpResponse:
    """Recount from the records the denominators of an indicator's targets of a year."""
    programme = selectors.programme_get(scope=request.scope, pk=pk)
    indicator_pk = whole_number(request.POST.get("indicator"))
    indicator = get_object_or_404(programme.indicators, pk=indicator_pk or 0)
    year = _year(request, programme)
    try:
        changed = targets.bases_refresh(
            actor=request.user, scope=request.scope, indicator=indicator, year=year
        )
        messages.success(
            request, _("Đã đếm lại mẫu số; %(n)s chỉ tiêu giao thay đổi.") % {"n": changed}
        )
    except (DomainError, PermissionDenied) as err:
        messages.error(request, getattr(err, "message", str(err)))
    return redirect(f"/programmes/{pk}/?year={year}")


@scoped(Action.CHANGE)
def activity_create(request: HttpRequest, pk: int) -> HttpResponse:
    programme = selectors.programme_get(scope=request.scope, pk=pk)
    form = ActivityForm(
        request.POST or None, request.FILES or None, scope=request.scope, programme=programme
    )
    saved = submit(request, form, lambda d: activities.activity_log(
        actor=request.user, scope=request.scope, programme=programme, org_node=d["org_node"],
        happened_on=d["happened_on"], summary=d["summary"], place_text=d["place_text"],
        participants=d["participants"], attachment=d["attachment"],
        content=programme.contents.filter(pk=d["content"]).first() if d["content"] else None,
    ), done=lambda a: _back(programme), message=_("Đã ghi hoạt động."))  # fmt: skip
    return saved or render_form(
        request, form, title=_("Ghi hoạt động"), cancel_url=f"/programmes/{pk}/"
    )


@scoped(Action.CHANGE)
def activity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct an activity of the user's own subtree (not in a locked period)."""
    activity = selectors.activity_get(scope=request.scope, pk=pk)
    initial = {k: getattr(activity, k) for k in ("summary", "place_text", "participants")}
    form = ActivityEditForm(request.POST or None, initial=initial)
    saved = submit(request, form, lambda d: activities.activity_edit(
        actor=request.user, scope=request.scope, activity=activity, **d,
    ), done=lambda a: _back(activity.programme), message=_("Đã sửa hoạt động."))  # fmt: skip
    return saved or render_form(
        request, form, title=_("Sửa hoạt động"), cancel_url=f"/programmes/{activity.programme_id}/"
    )


@scoped(Action.CHANGE)
def reported_create(request: HttpRequest, pk: int) -> HttpResponse:
    programme = selectors.programme_get(scope=request.scope, pk=pk)
    form = ReportedForm(
        request.POST or None, request.FILES or None, scope=request.scope, programme=programme
    )
    saved = submit(request, form, lambda d: reporting.reported_value_set(
        actor=request.user, scope=request.scope, indicator=programme.indicators.get(pk=d["indicator"]),
        year=d["year"], org_node=d["org_node"], value=d["value"], note=d["note"], evidence=d["evidence"],
    ), done=lambda r: _back(programme), message=_("Đã ghi số liệu."))  # fmt: skip
    return saved or render_form(
        request, form, title=_("Báo cáo số liệu"), cancel_url=f"/programmes/{pk}/"
    )


@scoped(Action.CHANGE)
def period_create(request: HttpRequest, pk: int) -> HttpResponse:
    programme = selectors.programme_get(scope=request.scope, pk=pk)
    form = PeriodForm(request.POST or None)
    saved = submit(request, form, lambda d: reporting.period_open(
        actor=request.user, scope=request.scope, programme=programme, **d,
    ), done=lambda p: redirect("programmes:period", pk=p.pk), message=_("Đã mở kỳ báo cáo."))  # fmt: skip
    return saved or render_form(
        request, form, title=_("Mở kỳ báo cáo"), cancel_url=f"/programmes/{pk}/"
    )


@scoped()
def period_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A reporting period: who has reported, what is approved, who is late; send a report."""
    period = selectors.period_get(scope=request.scope, pk=pk)
    form = SubmitForm(request.POST or None, scope=request.scope)
    saved = submit(request, form, lambda d: reporting.submission_submit(
        actor=request.user, scope=request.scope, period=period, **d,
    ), done=lambda s: redirect("programmes:period", pk=period.pk), message=_("Đã gửi báo cáo."))  # fmt: skip
    if saved:
        return saved
    submissions = list(selectors.submissions_of(period=period))
    context = {
        "period": period,
        "submissions": submissions,
        "decidable": {
            s.pk for s in submissions if request.scope.allows(Action.APPROVE_REPORT, s.org_path)
        },
        "late": selectors.late_parties(period=period, today=clock.today()),
        "form": form,
        "can_change": request.scope.can(Action.CHANGE),
    }
    return render(
        request, "programmes/period_detail.html", context, status=422 if form.errors else 200
    )


@require_POST
@scoped(Action.APPROVE_REPORT)
def submission_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """Approve (and lock) a submitted report, or re-open an approved one."""
    submission = selectors.submission_get(scope=request.scope, pk=pk)
    change = (
        reporting.submission_approve
        if request.POST.get("decision") == "approve"
        else reporting.submission_reopen
    )
    try:
        change(actor=request.user, scope=request.scope, submission=submission)
        messages.success(request, _("Đã cập nhật báo cáo của %(n)s.") % {"n": submission.org_node})
    except (DomainError, PermissionDenied) as err:
        messages.error(request, getattr(err, "message", str(err)))
    return redirect("programmes:period", pk=submission.period_id)
