"""A citizen's own pages, made for a phone: their learning titles, registering as a learning citizen in
a campaign that covers them, self-assessing, and the result with its explanation."""

import functools
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from khuyenhoc.accounts.forms import CitizenAccountForm
from khuyenhoc.accounts.services import citizen_account_open
from khuyenhoc.core import clock
from khuyenhoc.core.errors import DomainError
from khuyenhoc.core.scope import Action
from khuyenhoc.core.web import add_domain_error, not_found_is_404, scoped
from khuyenhoc.people.selectors import person_get
from khuyenhoc.titles import selectors
from khuyenhoc.titles.forms import EvidenceForm, GroupForm, ScoresForm
from khuyenhoc.titles.models import OPEN_STATUSES, Assessment, Registration, Stage
from khuyenhoc.titles.rubric import Rubric, load_rubric, number, score
from khuyenhoc.titles.services.assessments import assessment_submit_own
from khuyenhoc.titles.services.evidence import evidence_attach_own
from khuyenhoc.titles.services.registrations import registration_create_own
from khuyenhoc.titles.views.evidence import attach_or_explain, file_response


def citizen_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A signed-in user whose account belongs to a person; their records only (others: 404)."""

    @login_required
    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if getattr(request.user, "person", None) is None:
            raise PermissionDenied(_("Tài khoản này chưa gắn với hồ sơ người dân nào."))
        return view(request, request.user.person, *args, **kwargs)

    return not_found_is_404(wrapper)


@citizen_required
def my_titles(request: HttpRequest, person: Any) -> HttpResponse:
    """The person's registrations and the campaigns they may still register in."""
    today = clock.today()
    context = {
        "person": person,
        "registrations": selectors.citizen_registrations(person=person),
        "campaigns": selectors.citizen_open_campaigns(person=person, today=today),
        "form": GroupForm(),
    }
    return render(request, "titles/me.html", context)


@require_POST
@citizen_required
def my_register(request: HttpRequest, person: Any, pk: int) -> HttpResponse:
    """Register as a learning citizen in one open campaign."""
    campaign = selectors.citizen_campaign_get(person=person, pk=pk, today=clock.today())
    form = GroupForm(request.POST)
    if form.is_valid():
        try:
            reg = registration_create_own(
                actor=request.user,
                campaign=campaign,
                subject_group=form.cleaned_data["subject_group"],
            )
        except DomainError as err:
            messages.error(request, err.message)
        else:
            messages.success(request, _("Đã đăng ký. Hãy tự đánh giá theo từng tiêu chí."))
            return redirect("titles:me-registration", pk=reg.pk)
    else:
        messages.error(request, _("Hãy chọn nhóm đối tượng của bạn."))
    return redirect("titles:me")


@citizen_required
def my_registration(request: HttpRequest, person: Any, pk: int) -> HttpResponse:
    """One of the person's registrations: the result explained, and the self-assessment form."""
    reg = selectors.citizen_registration_get(person=person, pk=pk)
    rubric = load_rubric(reg.criteria_set)
    last = reg.assessments.newest()
    own = reg.assessments.newest(stage=Stage.SELF)
    open_ = reg.status in OPEN_STATUSES
    initial = {f"c_{k}": v for k, v in (own.scores if own else {}).items()}
    form = ScoresForm(request.POST or None, criteria=rubric.criteria, verify=False, initial=initial)
    if open_ and request.method == "POST" and form.is_valid():
        try:
            assessment_submit_own(actor=request.user, registration=reg, scores=form.scores())
        except DomainError as err:
            add_domain_error(form, err)
        else:
            messages.success(request, _("Đã lưu kết quả tự đánh giá."))
            return redirect("titles:me-registration", pk=reg.pk)
    context = {**_result(reg, rubric, last, open_=open_), "form": form if open_ else None}
    return render(
        request, "titles/me_registration.html", context, status=422 if form.errors else 200
    )


@require_POST
@citizen_required
def my_evidence(request: HttpRequest, person: Any, pk: int) -> HttpResponse:
    """Attach a file (a photo of a certificate, say) to one criterion of one's own registration."""
    reg = selectors.citizen_registration_get(person=person, pk=pk)
    form = EvidenceForm(
        request.POST, request.FILES, criteria=load_rubric(reg.criteria_set).criteria
    )
    attach_or_explain(
        request,
        form,
        lambda data: evidence_attach_own(
            actor=request.user, registration=reg, upload=data["file"],
            criterion_code=data["criterion_code"], note=data["note"],
        ),
    )  # fmt: skip
    return redirect("titles:me-registration", pk=reg.pk)


@citizen_required
def my_evidence_file(request: HttpRequest, person: Any, pk: int) -> HttpResponse:
    return file_response(selectors.citizen_evidence_get(person=person, pk=pk))


def _result(
    reg: Registration, rubric: Rubric, last: Assessment | None, *, open_: bool
) -> dict[str, Any]:
    """What a citizen's registration page shows besides the form: the result and the evidence."""
    return {
        "reg": reg,
        "rubric": rubric,
        "evidence": selectors.evidence_of(registration=reg),
        "evidence_form": EvidenceForm(criteria=rubric.criteria) if open_ else None,
        "last": last,
        "lost": _lost(rubric, last),
        "total": None if reg.total is None else number(reg.total),
    }


def _lost(rubric: Any, assessment: Any) -> list[tuple[str, str, int]]:
    """(criterion, points given, maximum) of the criteria that did not get full points."""
    if assessment is None:
        return []
    lost = score(rubric, assessment.scores).lost
    return [
        (f"{c.code} {c.text}", number(assessment.scores[c.code]), c.max_points)
        for c in rubric.criteria
        if c.code in lost
    ]


@require_POST
@scoped(Action.CHANGE)
def citizen_account(request: HttpRequest, pk: int) -> HttpResponse:
    """A clerk gives a person their own sign-in (or a new password), shown once to hand over; the user
    name typed, if any, replaces the CCCD as the name to sign in with."""
    person = person_get(scope=request.scope, pk=pk)
    form = CitizenAccountForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("people:person-detail", pk=person.pk)
    try:
        user, password = citizen_account_open(
            actor=request.user, scope=request.scope, person=person,
            username=form.cleaned_data["username"],
        )  # fmt: skip
    except DomainError as err:
        messages.error(request, err.message)
    else:
        messages.success(
            request,
            _("Tài khoản công dân: tên đăng nhập %(user)s, mật khẩu %(password)s. "
              "Hãy trao cho %(name)s; mật khẩu chỉ hiện lần này.")
            % {"user": user.username, "password": password, "name": person.full_name},
        )  # fmt: skip
    return redirect("people:person-detail", pk=person.pk)
