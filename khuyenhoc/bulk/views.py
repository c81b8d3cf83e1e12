"""Import and export pages: templates, uploads, the progress of a background import, exports."""

import tempfile
from pathlib import Path

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from khuyenhoc.bulk import registry
from khuyenhoc.bulk.exporting import csv_lines, export_rows, write_xlsx
from khuyenhoc.bulk.forms import ImportForm
from khuyenhoc.bulk.jobs import job_get, job_list, read_progress, shown_status
from khuyenhoc.bulk.models import ImportJob, JobStatus
from khuyenhoc.bulk.services import RETRYABLE, export_record
from khuyenhoc.bulk.tasks import job_queue, job_requeue
from khuyenhoc.bulk.templating import write_template
from khuyenhoc.core.errors import DomainError
from khuyenhoc.core.models import Channel
from khuyenhoc.core.scope import Action
from khuyenhoc.core.web import client_ip, scoped


def _kind(name: str) -> object:
    try:
        return registry.get(name)
    except registry.UnknownKind as err:
        raise Http404(str(err)) from None


@scoped()
def index(request: HttpRequest) -> HttpResponse:
    """Every kind with its template, import and export; the user's recent imports."""
    jobs = [(job, JobStatus(shown_status(job)).label) for job in job_list(user=request.user)[:20]]
    context = {
        "kinds": registry.all_kinds(),
        "jobs": jobs,
        "can_identify": request.scope.can(Action.VIEW_IDENTITY),
    }
    return render(request, "bulk/index.html", context)


@scoped()
def template(request: HttpRequest, kind: str) -> HttpResponse:
    """The XLSX template of a kind."""
    spec = _kind(kind)
    path = Path(tempfile.mkdtemp()) / f"mau-{spec.name}.xlsx"
    write_template(spec, path)
    return FileResponse(open(path, "rb"), as_attachment=True, filename=path.name)


@scoped()
def upload(request: HttpRequest, kind: str) -> HttpResponse:
    """Store an uploaded file and queue its import; the job page shows the progress."""
    spec = _kind(kind)
    if not request.scope.can(spec.action):
        raise PermissionDenied(_("Vai trò của bạn không được nhập loại dữ liệu này."))
    initial = {"org_code": getattr(request.user.org_node, "code", "")}
    form = ImportForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        org_code = form.cleaned_data["org_code"].strip().upper()
        if org_code and registry.find_org(request.scope, org_code) is None:
            form.add_error("org_code", _("Không có đơn vị mã này trong phạm vi của bạn."))
        else:
            data = form.cleaned_data
            job = job_queue(
                actor=request.user,
                kind=spec.name,
                upload=data["file"],
                org_code=org_code,
                dry_run=data["dry_run"],
                skip_invalid=data["skip_invalid"],
            )
            return redirect("bulk:job", pk=job.pk)
    context = {"form": form, "kind": spec}
    return render(request, "bulk/upload.html", context, status=422 if form.errors else 200)


@scoped()
def job(request: HttpRequest, pk: int) -> HttpResponse:
    """One import: its progress while it runs, then its counts and problems."""
    found = job_get(user=request.user, pk=pk)
    template = "bulk/job.html#status" if request.htmx else "bulk/job.html"
    return render(request, template, _job_context(request, found))


def _job_context(request: HttpRequest, job: ImportJob) -> dict[str, object]:
    """A job's state as its page shows it; a running job whose worker died shows as stopped."""
    status = shown_status(job)
    retried = getattr(job, "retry", None)
    may_import = _may_import(request, job.kind)
    return {
        "job": job,
        "progress": read_progress(job.pk),
        "running": status in {JobStatus.QUEUED, JobStatus.RUNNING},
        "died": status == JobStatus.DIED,
        "retried": retried,
        "can_retry": status in RETRYABLE and retried is None and may_import,
    }


def _may_import(request: HttpRequest, kind: str) -> bool:
    try:
        return request.scope.can(registry.get(kind).action)
    except registry.UnknownKind:
        return False


@require_POST
@scoped()
def job_retry(request: HttpRequest, pk: int) -> HttpResponse:
    """Run a stopped or failed import again from the start, as a new run of the same file."""
    found = job_get(user=request.user, pk=pk)
    try:
        retry = job_requeue(actor=request.user, scope=request.scope, job=found)
    except DomainError as err:
        messages.error(request, err.message)
        return redirect("bulk:job", pk=found.pk)
    messages.success(request, _("Đã xếp lần nhập vào hàng chờ để chạy lại từ đầu."))
    return redirect("bulk:job", pk=retry.pk)


@scoped()
def job_report(request: HttpRequest, pk: int) -> HttpResponse:
    """The report file of an import: the original rows plus an error column."""
    found = job_get(user=request.user, pk=pk)
    if not found.report_file or not Path(found.report_file).is_file():
        raise Http404(_("Không có báo cáo."))
    return FileResponse(
        open(found.report_file, "rb"), as_attachment=True, filename=f"bao-cao-nhap-{found.pk}.xlsx"
    )


@scoped()
def export(request: HttpRequest, kind: str) -> HttpResponse:
    """Export a kind inside the user's scope, with the list's filters (?org=, ?q=, ...), as CSV or XLSX.

    Identity numbers, birth dates and phones are masked; ?full=1 exports them in full from the subtrees
    where the user may see them. Every export of personal data is written to the access log."""
    spec = _kind(kind)
    full = request.GET.get("full") == "1"
    scope = request.scope
    if full:
        if not scope.can(Action.VIEW_IDENTITY):
            raise PermissionDenied(
                _("Vai trò của bạn không được xuất số CCCD, ngày sinh, điện thoại đầy đủ.")
            )
        scope = scope.only(Action.VIEW_IDENTITY)
    org_code = request.GET.get("org", "").strip()
    org = registry.find_org(scope, org_code) if org_code else None
    filters = {k: v for k, v in request.GET.items() if k not in {"org", "format", "cursor", "full"}}
    records = spec.export_queryset(scope, org, filters)
    export_record(
        actor=request.user, scope=scope, kind=spec, records=records, org=org, full=full,
        channel=Channel.WEB, ip=client_ip(request),
    )  # fmt: skip
    rows = export_rows(spec, records, full=full)
    if request.GET.get("format") == "xlsx":
        path = Path(tempfile.mkdtemp()) / f"{spec.name}.xlsx"
        write_xlsx(rows, path, sheet_name=spec.name)
        return FileResponse(open(path, "rb"), as_attachment=True, filename=path.name)
    response = StreamingHttpResponse(csv_lines(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{spec.name}.csv"'
    return response
