"""Evidence: a file attached to a criterion of a registration, served to those who may see it."""

from typing import Any

from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from khuyenhoc.core.errors import DomainError
from khuyenhoc.core.scope import Action
from khuyenhoc.core.uploads import serve
from khuyenhoc.core.web import scoped
from khuyenhoc.titles import selectors
from khuyenhoc.titles.forms import EvidenceForm
from khuyenhoc.titles.rubric import load_rubric
from khuyenhoc.titles.services.evidence import evidence_attach


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
