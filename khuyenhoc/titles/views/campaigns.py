"""Campaigns: the list, opening one, its page of registrations, and registering subjects in it."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from khuyenhoc.core.errors import DomainError
from khuyenhoc.core.scope import Action
from khuyenhoc.core.web import add_domain_error, render_form, scoped, submit
from khuyenhoc.orgs.selectors import orgnode_get_by_code
from khuyenhoc.people.views.persons import home_org_code
from khuyenhoc.titles import selectors
from khuyenhoc.titles.forms import CampaignForm, RegisterForm
from khuyenhoc.titles.models import Campaign, Status
from khuyenhoc.titles.services.campaigns import campaign_open
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
        try:
            messages.success(request, _register(request, campaign, form.cleaned_data))
            return redirect("titles:campaign-detail", pk=pk)
        except DomainError as err:
            add_domain_error(form, err)
    page = selectors.registration_page(scope=request.scope, campaign=campaign)
    context = {"campaign": campaign, "page": page, "form": form, "statuses": Status.choices}
    context["can_register"] = True
    return render(request, "titles/campaign_detail.html", context, status=422)


def _register(request: HttpRequest, campaign: Campaign, data: dict[str, Any]) -> str:
    """Register the form's subject, or every member of its unit; returns what to tell the user."""
    group = data.get("subject_group", "")
    if data.get("subject"):
        reg = registration_create(
            actor=request.user,
            scope=request.scope,
            campaign=campaign,
            subject=data["subject"],
            subject_group=group,
        )
        return _("Đã đăng ký %(name)s.") % {"name": reg.subject_name}
    node = orgnode_get_by_code(scope=request.scope, code=data["members_of"])
    done, skipped = registration_create_many(
        actor=request.user,
        scope=request.scope,
        campaign=campaign,
        subjects=selectors.members_to_register(scope=request.scope, org_node=node),
        subject_group=group,
    )
    message = _("Đã đăng ký %(n)s người; %(s)s người đã đăng ký từ trước.")
    return message % {"n": done, "s": skipped}
