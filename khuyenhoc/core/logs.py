"""Log lines that name their request, and refusals in one line.

Every request gets an id: the reverse proxy's X-Request-ID when it is a plain token, else a new one. It
goes back in the response's X-Request-ID header and onto every log line written while the request
runs (`RequestIdFilter`, used by the console handler's format). An ordinary refusal (403) is a
decision, not a fault: Django logs it with the exception's traceback, which buried the real errors
under hundreds of them, so `OneLineRefusals` rewrites it as one line — who, which request, why.
Server errors keep their traceback.
"""

import logging
import re
import uuid
from collections.abc import Callable
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse

_request_id: ContextVar[str] = ContextVar("request_id", default="-")
_TOKEN = re.compile(r"[A-Za-z0-9._-]{1,64}")


def request_id() -> str:
    """The id of the request being served ("" outside a request: commands, workers)."""
    current = _request_id.get()
    return "" if current == "-" else current


class RequestIdMiddleware:
    """Give each request an id, for its log lines and its response's X-Request-ID header."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        given = request.headers.get("X-Request-ID", "")
        request_id = given if _TOKEN.fullmatch(given) else uuid.uuid4().hex
        token = _request_id.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            _request_id.reset(token)
        response["X-Request-ID"] = request_id
        return response


class RequestIdFilter(logging.Filter):
    """Stamp the current request's id on a record ("-" outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = _request_id.get()
        return True


class OneLineRefusals(logging.Filter):
    """Turn django.request's record of a 403 into one line without a traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) != 403:
            return True
        request = getattr(record, "request", None)
        user = getattr(getattr(request, "user", None), "username", "") or "anonymous"
        reason = record.exc_info[1] if record.exc_info else ""
        record.msg = "Refused: user=%s %s %s: %s"
        record.args = (
            user,
            getattr(request, "method", ""),
            request.get_full_path() if request is not None else "",
            reason,
        )
        record.exc_info, record.exc_text = None, None
        return True
