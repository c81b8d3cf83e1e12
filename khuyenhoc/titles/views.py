"""Pages of the learning-title cycle: campaigns, registrations, self-assessment, verification."""

from typing import Any

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from khuyenhoc.core.errors import DomainError
from khuyenhoc.core.scope import Action
from khuyenhoc.core.uploads import serve
from khuyenhoc.core.web import add_domain_error, pdf_response, render_form, scoped, submit
from khuyenhoc.orgs.models import OrgNode
from khuyenhoc.orgs.selectors import orgnode_get_by_code
from khuyenhoc.people.views.persons import home_org_code
from khuyenhoc.titles import selectors
from khuyenhoc.titles.documents import certificates_pdf, decision_pdf
from khuyenhoc.titles.facts import subject_facts
from khuyenhoc.titles.forms import (
    CampaignForm,
    CriteriaCopyForm,
    CriterionForm,
    DecisionForm,
    EvidenceForm,
    RegisterForm,
    ScoresForm,
)
from khuyenhoc.titles.models import OPEN_STATUSES, DecisionKind, Stage, Status, Title
from khuyenhoc.titles.rubric import load_rubric
from khuyenhoc.titles.services.assessments import assessment_submit, assessment_verify
from khuyenhoc.titles.services.campaigns import campaign_open
from khuyenhoc.titles.services.criteria import (
    criteria_set_copy,
    criteria_set_publish,
    criterion_update,
)
from khuyenhoc.titles.services.decisions import decision_issue, decision_revoke
from khuyenhoc.titles.services.evidence import evidence_attach
from khuyenhoc.titles.services.registrations import registration_create, registration_create_many


@scoped()
def campaign_list(request: HttpRequest) -> HttpResponse:
    """Campaigns the user organises or takes part in."""
    campaigns = selectors.campaign_list(scope=request.scope)[:200]
    return render(request, "titles/campaign_list.html", {"campaigns": campaigns})


@scoped(Action.CHANGE)
def campaign_create(request: HttpRequest) -> HttpResponse:
    """Open a yearly campaign for a title at an organisation node."""
    form = CampaignForm(request.POST or None, scope=request.scope, initial=home_org_code(request))
    saved = submit(
        request,
        form,
        lambda data: campaign_open(actor=request.user, scope=request.scope, **data),
        done=lambda c: redirect("titles:campaign-detail", pk=c.pk),
        message=lambda c: _("Đã mở %(name)s.") % {"name": c.name},
    )
    return saved or render_form(request, form, title=_("Mở đợt đăng ký"), cancel_url="/titles/")


@scoped()
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A campaign: its deadlines, its registrations in the user's scope, and registering more."""
    campaign = selectors.campaign_get(scope=request.scope, pk=pk)
    status = request.GET.get("status", "")
    page = selectors.registration_page(
        scope=request.scope,
        campaign=campaign,
        status=status if status in Status.values else "",
        cursor=request.GET.get("cursor"),
    )
    form = RegisterForm(scope=request.scope, title=campaign.title)
    context = {"campaign": campaign, "page": page, "form": form, "statuses": Status.choices}
    context["status"] = status
    context["can_register"] = request.scope.can(Action.CHANGE)
    context["can_decide"] = request.scope.can(Action.ISSUE_DECISION)
    return render(request, "titles/campaign_detail.html", context)


@require_POST
@scoped(Action.CHANGE)
def campaign_register(request: HttpRequest, pk: int) -> HttpResponse:
    """Register one subject, or every person managed by a unit (citizen title)."""
    campaign = selectors.campaign_get(scope=request.scope, pk=pk)
    form = RegisterForm(request.POST, scope=request.scope, title=campaign.title)
    if form.is_valid():
        data = form.cleaned_data
        group = data.get("subject_group", "")
        try:
            if data.get("subject"):
                reg = registration_create(
                    actor=request.user,
                    scope=request.scope,
                    campaign=campaign,
                    subject=data["subject"],
                    subject_group=group,
                )
                messages.success(request, _("Đã đăng ký %(name)s.") % {"name": reg.subject_name})
            else:
                node = _node(request, data["members_of"])
                done, skipped = registration_create_many(
                    actor=request.user,
                    scope=request.scope,
                    campaign=campaign,
                    subjects=selectors.members_to_register(scope=request.scope, org_node=node),
                    subject_group=group,
                )
                messages.success(
                    request,
                    _("Đã đăng ký %(n)s người; %(s)s người đã đăng ký từ trước.")
                    % {"n": done, "s": skipped},
                )
            return redirect("titles:campaign-detail", pk=pk)
        except DomainError as err:
            add_domain_error(form, err)
    page = selectors.registration_page(scope=request.scope, campaign=campaign)
    context = {"campaign": campaign, "page": page, "form": form, "statuses": Status.choices}
    context["can_register"] = True
    return render(request, "titles/campaign_detail.html", context, status=422)


def _node(request: HttpRequest, code: str) -> OrgNode:
    return orgnode_get_by_code(scope=request.scope, code=code)


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


@require_POST
@scoped(Action.CHANGE)
def registration_evidence(request: HttpRequest, pk: int) -> HttpResponse:
    """Attach a file to one criterion of a registration."""
    reg = selectors.registration_get(scope=request.scope, pk=pk)
    form = EvidenceForm(
        request.POST, request.FILES, criteria=load_rubric(reg.criteria_set).criteria
    )
    attach_or_explain(
        request,
        form,
        lambda data: evidence_attach(
            actor=request.user, scope=request.scope, registration=reg, upload=data["file"],
            criterion_code=data["criterion_code"], note=data["note"],
        ),
    )  # fmt: skip
    return redirect("titles:registration-detail", pk=reg.pk)


def attach_or_explain(request: HttpRequest, form: EvidenceForm, attach: Any) -> None:
    """Run `attach` on a valid form; say what happened (or what is wrong) as a message."""
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return
    try:
        evidence = attach(form.cleaned_data)
    except DomainError as err:
        messages.error(request, err.message)
    else:
        messages.success(
            request,
            _("Đã gửi minh chứng %(name)s cho tiêu chí %(code)s.")
            % {"name": evidence.name, "code": evidence.criterion_code},
        )


@scoped()
def evidence_file(request: HttpRequest, pk: int) -> HttpResponse:
    """An attached file, to those who may see its registration."""
    return file_response(selectors.evidence_get(scope=request.scope, pk=pk))


def file_response(evidence: Any) -> FileResponse:
    return serve(evidence.file, evidence.name, evidence.content_type)


def _scores_page(request: HttpRequest, pk: int, *, verifying: bool) -> HttpResponse:
    reg = selectors.registration_get(scope=request.scope, pk=pk)
    rubric = load_rubric(reg.criteria_set)
    # The form starts from the latest self-assessment (verifying) or the latest assessment (redoing).
    last = reg.assessments.newest(stage=Stage.SELF if verifying else None)
    facts = subject_facts(reg, rubric)
    if last is not None:
        initial = {f"c_{k}": v for k, v in last.scores.items()}
    else:  # a first assessment starts from what the records suggest
        initial = {f"c_{f.criterion}": f.suggested for f in facts if f.suggested is not None}
    form = ScoresForm(
        request.POST or None,
        criteria=rubric.criteria,
        verify=verifying,
        initial=initial,
        facts=facts,
    )
    if request.method == "POST" and form.is_valid():
        try:
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


@scoped(Action.CHANGE)
def registration_assess(request: HttpRequest, pk: int) -> HttpResponse:
    return _scores_page(request, pk, verifying=False)


@scoped(Action.VERIFY)
def registration_verify(request: HttpRequest, pk: int) -> HttpResponse:
    return _scores_page(request, pk, verifying=True)


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


@scoped(Action.ISSUE_DECISION)
def campaign_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """Recognise verified subjects of a campaign by one numbered decision."""
    campaign = selectors.campaign_get(scope=request.scope, pk=pk)
    choices = selectors.verified_to_decide(scope=request.scope, campaign=campaign)
    form = DecisionForm(
        request.POST or None,
        scope=request.scope,
        choices=choices,
        initial={"org_node": campaign.org_node.code, "registrations": list(choices[:500])},
    )
    saved = submit(
        request,
        form,
        lambda data: decision_issue(
            actor=request.user,
            scope=request.scope,
            issuer=data["org_node"],
            registrations=list(data["registrations"]),
            number=data["number"],
            signed_on=data["signed_on"],
            signer=data["signer"],
            signer_title=data["signer_title"],
        ),
        done=lambda d: redirect("titles:decision-detail", pk=d.pk),
        message=lambda d: _("Đã ban hành quyết định %(n)s.") % {"n": d.number},
    )
    return saved or render_form(
        request,
        form,
        title=_("Quyết định công nhận: %(name)s") % {"name": campaign.name},
        cancel_url=f"/titles/{campaign.pk}/",
    )


@scoped()
def decision_list(request: HttpRequest) -> HttpResponse:
    decisions = selectors.decision_list(scope=request.scope)[:200]
    return render(request, "titles/decision_list.html", {"decisions": decisions})


@scoped()
def decision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    decision = selectors.decision_get(scope=request.scope, pk=pk)
    context = {
        "decision": decision,
        "lines": selectors.decision_lines(decision=decision),
        "can_revoke": decision.kind == DecisionKind.RECOGNITION
        and request.scope.allows(Action.ISSUE_DECISION, decision.org_path),
    }
    return render(request, "titles/decision_detail.html", context)


@scoped()
def decision_pdf_view(request: HttpRequest, pk: int) -> HttpResponse:
    decision = selectors.decision_get(scope=request.scope, pk=pk)
    return pdf_response(decision_pdf(decision), f"quyet-dinh-{decision.pk}.pdf")


@scoped()
def decision_certificates(request: HttpRequest, pk: int, line: int | None = None) -> HttpResponse:
    """Every certificate of a recognition decision in one PDF (one page each, QR code included), or
    the certificate of one subject of it."""
    decision = selectors.decision_get(scope=request.scope, pk=pk)
    if decision.kind != DecisionKind.RECOGNITION:
        raise Http404(_("Quyết định thu hồi không có giấy chứng nhận."))
    if line is not None:
        selectors.decision_line_get(decision=decision, pk=line)

    def url(code: str) -> str:
        return request.build_absolute_uri(reverse("titles:verify", args=[code]))

    name = f"giay-chung-nhan-{decision.pk}" + (f"-{line}" if line else "") + ".pdf"
    return pdf_response(certificates_pdf(decision, url, only=line), name)


@scoped(Action.ISSUE_DECISION)
def decision_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Revoke some recognitions of a decision by a new decision that points to it."""
    decision = selectors.decision_get(scope=request.scope, pk=pk)
    choices = selectors.recognised_in(decision=decision)
    form = DecisionForm(request.POST or None, scope=request.scope, choices=choices, revoking=True)
    saved = submit(
        request,
        form,
        lambda data: decision_revoke(
            actor=request.user,
            scope=request.scope,
            decision=decision,
            registrations=list(data["registrations"]),
            number=data["number"],
            signed_on=data["signed_on"],
            signer=data["signer"],
            signer_title=data["signer_title"],
            reason=data["reason"],
        ),
        done=lambda d: redirect("titles:decision-detail", pk=d.pk),
        message=lambda d: _("Đã ban hành quyết định thu hồi %(n)s.") % {"n": d.number},
    )
    return saved or render_form(
        request,
        form,
        title=_("Thu hồi theo quyết định %(n)s") % {"n": decision.number},
        cancel_url=f"/titles/decisions/{decision.pk}/",
    )


def verify_certificate(request: HttpRequest, code: str) -> HttpResponse:
    """Public: anyone holding a certificate (its QR code) can check it, without signing in."""
    found = selectors.certificate_verification(code=code)
    status = 200 if found else 404
    return render(request, "titles/verify.html", {"found": found}, status=status)
