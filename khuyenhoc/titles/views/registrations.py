"""A registration's page and its scoring: self-assessment and verification by the level above."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from khuyenhoc.core.errors import DomainError
from khuyenhoc.core.scope import Action
from khuyenhoc.core.web import add_domain_error, render_form, scoped
from khuyenhoc.titles import selectors
from khuyenhoc.titles.facts import Fact, subject_facts
from khuyenhoc.titles.forms import EvidenceForm, ScoresForm
from khuyenhoc.titles.models import OPEN_STATUSES, Assessment, Registration, Stage, Status, Title
from khuyenhoc.titles.rubric import load_rubric
from khuyenhoc.titles.services.assessments import assessment_submit, assessment_verify


@scoped()
def registration_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A registration: its criteria set, every assessment with its explanation, and the next step."""
    reg = selectors.registration_get(scope=request.scope, pk=pk)
    rubric = load_rubric(reg.criteria_set)
    can_assess = request.scope.allows(Action.CHANGE, reg.org_path) and reg.status in OPEN_STATUSES
    context = {
        "reg": reg,
        "assessments": selectors.registration_assessments(registration=reg),
        "rubric": rubric,
        "evidence": selectors.evidence_of(registration=reg),
        "facts": subject_facts(reg, rubric),
        "evidence_form": EvidenceForm(criteria=rubric.criteria) if can_assess else None,
        "can_assess": can_assess,
        "can_verify": reg.status == Status.SELF_ASSESSED
        and request.scope.allows(Action.VERIFY, reg.org_path),
    }
    return render(request, "titles/registration_detail.html", context)


def _scores_page(request: HttpRequest, pk: int, *, verifying: bool) -> HttpResponse:
    reg = selectors.registration_get(scope=request.scope, pk=pk)
    rubric = load_rubric(reg.criteria_set)
    last = reg.assessments.newest(stage=Stage.SELF if verifying else None)
    facts = subject_facts(reg, rubric)
    initial = _initial_scores(last, facts)
    form = ScoresForm(request.POST or None, criteria=rubric.criteria, verify=verifying,
                      initial=initial, facts=facts)  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            _save_scores(request, reg, form, verifying=verifying)
        except DomainError as err:
            add_domain_error(form, err)
        else:
            messages.success(request, _("Đã lưu kết quả."))
            return redirect("titles:registration-detail", pk=reg.pk)
    title = _("Thẩm định") if verifying else _("Tự đánh giá")
    return render_form(
        request,
        form,
        title=f"{title}: {reg.subject_name} — {Title(reg.title).label} {reg.year}",
        cancel_url=f"/titles/registrations/{reg.pk}/",
    )


def _initial_scores(last: Assessment | None, facts: list[Fact]) -> dict[str, Any]:
    """The form starts from the latest self-assessment (verifying) or the latest assessment
    (redoing); a first assessment starts from what the records suggest."""
    if last is not None:
        return {f"c_{k}": v for k, v in last.scores.items()}
    return {f"c_{f.criterion}": f.suggested for f in facts if f.suggested is not None}


def _save_scores(
    request: HttpRequest, reg: Registration, form: ScoresForm, *, verifying: bool
) -> None:
    if verifying:
        assessment_verify(
            actor=request.user,
            scope=request.scope,
            registration=reg,
            scores=form.scores(),
            reasons=form.reasons(),
            verdict=form.cleaned_data["verdict"],
            comment=form.cleaned_data["comment"],
        )
    else:
        assessment_submit(
            actor=request.user, scope=request.scope, registration=reg, scores=form.scores()
        )


@scoped(Action.CHANGE)
def registration_assess(request: HttpRequest, pk: int) -> HttpResponse:
    return _scores_page(request, pk, verifying=False)


@scoped(Action.VERIFY)
def registration_verify(request: HttpRequest, pk: int) -> HttpResponse:
    return _scores_page(request, pk, verifying=True)
