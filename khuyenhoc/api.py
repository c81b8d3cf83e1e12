"""The REST API under /api/v1/ (django-ninja): token auth, scoped like the UI, one error envelope."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from khuyenhoc.accounts.api_auth import TokenAuth
from khuyenhoc.core.errors import DomainError, ErrorCode, NotFoundError
from khuyenhoc.core.validation_messages import vietnamese_message

api = NinjaAPI(
    title="Khuyến Học API",
    version="1",
    description="API của nền tảng Khuyến Học. Xác thực: `Authorization: Bearer <mã truy cập>`.",
    auth=TokenAuth(),
    urls_namespace="api",
    openapi_url="/openapi.json",
)


def _envelope(request: HttpRequest, status: int, errors: list[dict]) -> HttpResponse:
    return api.create_response(request, {"errors": errors}, status=status)


@api.exception_handler(DomainError)
def on_domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    # A reference to a record outside the token's subtree is refused (403), still naming the field.
    status = 403 if exc.code in {ErrorCode.OUT_OF_SCOPE, ErrorCode.FORBIDDEN} else 400
    return _envelope(request, status, [exc.as_dict()])


@api.exception_handler(NotFoundError)
def on_not_found(request: HttpRequest, exc: NotFoundError) -> HttpResponse:
    message = _("Không tìm thấy bản ghi hoặc bạn không có quyền xem bản ghi này.")
    return _envelope(request, 404, [{"field": None, "code": "not_found", "message": message}])


@api.exception_handler(PermissionDenied)
def on_forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    message = str(exc) or _("Bạn không có quyền thực hiện thao tác này.")
    return _envelope(request, 403, [{"field": None, "code": "forbidden", "message": message}])


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    message = _("Cần mã truy cập hợp lệ (Authorization: Bearer <mã>).")
    return _envelope(request, 401, [{"field": None, "code": "unauthenticated", "message": message}])


@api.exception_handler(ValidationError)
def on_model_validation(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = [
        {"field": None if name == "__all__" else name, "code": "invalid", "message": str(msg)}
        for name, messages in exc.message_dict.items()
        for msg in messages
    ]
    return _envelope(request, 400, errors)


@api.exception_handler(NinjaValidationError)
def on_schema_validation(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    errors = []
    for item in exc.errors:
        loc = [
            str(part)
            for part in item.get("loc", [])
            if part not in {"body", "payload", "query", "path", "page", "filters"}
        ]
        field = ".".join(loc) or None
        message = vietnamese_message(item)
        errors.append({"field": field, "code": item.get("type", "invalid"), "message": message})
    return _envelope(request, 422, errors)


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    message = str(exc)
    if message.startswith("Cannot parse request body"):
        message = _("Nội dung yêu cầu không phải JSON hợp lệ.")
    return _envelope(
        request, exc.status_code, [{"field": None, "code": "error", "message": message}]
    )


def _register_routers() -> None:
    from khuyenhoc.orgs.api import router as orgs_router
    from khuyenhoc.people.api import router as people_router
    from khuyenhoc.places.api import router as places_router

    api.add_router("/places/", places_router, tags=["places"])
    api.add_router("/orgs/", orgs_router, tags=["orgs"])
    api.add_router("/", people_router, tags=["people"])


_register_routers()
