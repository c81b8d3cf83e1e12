"""Helpers for HTML views: login + scope, not-found mapping, form errors from DomainError."""

import functools
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from khuyenhoc.core.errors import DomainError, NotFoundError
from khuyenhoc.core.scope import Action


def client_ip(request: HttpRequest) -> str | None:
    """The address the request came from, as the access log records it (the proxy's view of it)."""
    return request.META.get("REMOTE_ADDR") or None


def not_found_is_404(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A record the user may not see, or that does not exist, is a 404 (never a hint which)."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except NotFoundError as exc:
            raise Http404(_("Không tìm thấy bản ghi.")) from exc

    return wrapper


def scoped(action: Action | str = Action.VIEW) -> Callable:
    """Require a signed-in user allowed `action` somewhere; out-of-scope records become 404."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @login_required
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.scope.can(action):  # type: ignore[attr-defined]
                raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
            return view(request, *args, **kwargs)

        return not_found_is_404(wrapper)

    return decorate


def add_domain_error(form: forms.Form, err: DomainError) -> None:
    """Show a service's DomainError on the form field it names (or at the top of the form); a form
    whose fields are named otherwise than the service's (e.g. "c_1.1" for criterion "1.1") says how
    with `error_field`."""
    field = form.error_field(err.field) if hasattr(form, "error_field") else err.field
    field = field if field in form.fields else None
    form.add_error(field, err.message)


def submit(
    request: HttpRequest,
    form: forms.Form,
    save: Callable[[dict[str, Any]], Any],
    *,
    done: Callable[[Any], HttpResponse],
    message: Callable[[Any], str] | str = "",
) -> HttpResponse | None:
    """Validate a posted form and run its service; the redirect on success, None to show the form again.

    A DomainError from the service lands on the field it names; NotFoundError on a referenced record too.
    """
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        saved = save(form.cleaned_data)
    except DomainError as err:
        add_domain_error(form, err)
        return None
    text = message(saved) if callable(message) else message
    if text:
        messages.success(request, text)
    return done(saved)


def render_form(
    request: HttpRequest,
    form: forms.Form,
    *,
    title: str,
    cancel_url: str = "",
    template: str = "core/form_page.html",
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    """Render a form page; an invalid submission answers 422 so clients can tell it failed."""
    status = 422 if form.is_bound and form.errors else 200
    context = {"form": form, "title": title, "cancel_url": cancel_url, **(extra or {})}
    return render(request, template, context, status=status)


def pdf_response(data: bytes, name: str) -> HttpResponse:
    """A PDF made on the fly, shown in the browser under `name`."""
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response
