"""Home page, health check, language switch and the access log of personal data."""

from itertools import chain

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from khuyenhoc.core.csvtext import csv_lines
from khuyenhoc.core.forms import AccessFilterForm
from khuyenhoc.core.models import AccessKind, Channel
from khuyenhoc.core.pagination import keyset_paginate
from khuyenhoc.core.scope import Action, Role
from khuyenhoc.core.selectors import ACCESS_HEADER, access_records, access_row
from khuyenhoc.core.services import access_record
from khuyenhoc.core.web import client_ip, scoped


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """200 with the database vendor and whether every migration is applied."""
    connection = connections[DEFAULT_DB_ALIAS]
    try:
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
        database_ok = True
    except Exception:  # the database is unreachable: report it rather than fail
        pending, database_ok = [], False
    return JsonResponse(
        {
            "status": "ok" if database_ok and not pending else "degraded",
            "database": connection.vendor,
            "database_reachable": database_ok,
            "migrations_applied": database_ok and not pending,
            "pending_migrations": len(pending),
            "language": settings.LANGUAGE_CODE,
        }
    )


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The start page: the user's organisation and the way to its data; a citizen's own page for a
    citizen account (one with a person and no role)."""
    scope = request.scope  # type: ignore[attr-defined]
    if not scope.grants and getattr(request.user, "person_id", None):
        return redirect("titles:me")
    roles = [str(Role(role).label) for role in sorted(scope.roles)]
    return render(request, "core/home.html", {"roles": roles})


@require_GET
def ping(request: HttpRequest) -> HttpResponse:
    """A liveness probe that touches nothing (also the framework-ceiling baseline in bench/)."""
    return HttpResponse("ok", content_type="text/plain")


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """404: the API's JSON envelope under /api/, the site's page elsewhere."""
    if request.path.startswith("/api/"):
        message = _("Không có địa chỉ API này.")
        return JsonResponse(
            {"errors": [{"field": None, "code": "not_found", "message": message}]}, status=404
        )
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """500: never a traceback; JSON under /api/."""
    message = _("Hệ thống gặp lỗi, dữ liệu chưa bị thay đổi. Hãy thử lại hoặc báo quản trị viên.")
    if request.path.startswith("/api/"):
        return JsonResponse(
            {"errors": [{"field": None, "code": "server_error", "message": message}]}, status=500
        )
    return HttpResponse(f"<h1>{message}</h1>", status=500)


@scoped(Action.MANAGE_USERS)
def access_log(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    """The access log of personal data in the administrator's subtree: a page, or ?format=csv."""
    scope = request.scope  # type: ignore[attr-defined]
    form = AccessFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = access_records(scope=scope, **{k: v for k, v in filters.items() if v})
    if request.GET.get("format") == "csv":
        access_record(
            actor=request.user, kind=AccessKind.EXPORT, channel=Channel.WEB,
            subject=str(_("Nhật ký truy cập dữ liệu cá nhân")),
            org_path=scope.home_path(Action.MANAGE_USERS), rows=rows.count(),
            ip=client_ip(request),
        )  # fmt: skip
        lines = (access_row(r) for r in rows.order_by("-id").iterator(chunk_size=2000))
        response = StreamingHttpResponse(
            csv_lines(chain([ACCESS_HEADER], lines)), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = 'attachment; filename="nhat-ky-truy-cap.csv"'
        return response
    page = keyset_paginate(rows, order=("-id",), cursor=request.GET.get("cursor"))
    return render(request, "core/access_log.html", {"page": page, "form": form})
