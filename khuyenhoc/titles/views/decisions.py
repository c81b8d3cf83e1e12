"""Recognition decisions: issuing one for a campaign, the list, one decision with its PDF and
certificates, revoking, and the public check of a certificate."""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from khuyenhoc.core.scope import Action
from khuyenhoc.core.web import pdf_response, render_form, scoped, submit
from khuyenhoc.titles import selectors
from khuyenhoc.titles.documents import certificates_pdf, decision_pdf
from khuyenhoc.titles.forms import DecisionForm
from khuyenhoc.titles.models import DecisionKind
from khuyenhoc.titles.services.decisions import decision_issue, decision_revoke


@scoped(Action.ISSUE_DECISION)
def campaign_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """Recognise verified subjects of a campaign by one numbered decision."""
    campaign = selectors.campaign_get(scope=request.scope, pk=pk)
    choices = selectors.verified_to_decide(scope=request.scope, campaign=campaign)
    initial = {"org_node": campaign.org_node.code, "registrations": list(choices[:500])}
    form = DecisionForm(request.POST or None, scope=request.scope, choices=choices, initial=initial)
    saved = submit(
        request,
        form,
        lambda data: decision_issue(
            actor=request.user,
            scope=request.scope,
            issuer=data["org_node"],
            registrations=list(data["registrations"]),
            **_signing(data),
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
            reason=data["reason"],
            **_signing(data),
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


def _signing(data: dict[str, Any]) -> dict[str, Any]:
    """The number, signing date, signer and signer's title a DecisionForm gives a decision."""
    return {key: data[key] for key in ("number", "signed_on", "signer", "signer_title")}


def verify_certificate(request: HttpRequest, code: str) -> HttpResponse:
    """Public: anyone holding a certificate (its QR code) can check it, without signing in."""
    found = selectors.certificate_verification(code=code)
    status = 200 if found else 404
    return render(request, "titles/verify.html", {"found": found}, status=status)
