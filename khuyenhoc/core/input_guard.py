"""Refuse control characters in what a request sends, before any view or database sees them.

A NUL byte in a path, a query parameter, a form field or a JSON string made PostgreSQL fail (it
stores no NUL in text) and the page answer 500. No field of this platform holds a control character,
so one is refused everywhere with a 400 and a Vietnamese message naming the field — the API in its
error envelope. Tabs and line breaks stay allowed in form and JSON text (a textarea sends them).
"""

import json
import re
from collections.abc import Callable, Iterator
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.utils.translation import gettext as _

# Anything below a space, and DEL; text fields may keep tab, line feed and carriage return.
_IN_URL = re.compile(r"[\x00-\x1f\x7f]")
_IN_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class ControlCharacterMiddleware:
    """Answer 400 to a request whose path, query, form fields or JSON strings hold a control character."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        field = _offending_field(request)
        if field is None:
            return self.get_response(request)
        message = _(
            "Dữ liệu gửi lên có ký tự điều khiển không hợp lệ (như ký tự NUL). Hãy bỏ ký tự đó rồi gửi lại."
        )
        if request.path.startswith("/api/"):
            error = {"field": field or None, "code": "invalid", "message": message}
            return JsonResponse({"errors": [error]}, status=400)
        return render(request, "400.html", {"message": message, "field": field}, status=400)


def _offending_field(request: HttpRequest) -> str | None:
    """The name of the first field holding a control character ("" for the path), or None."""
    if _IN_URL.search(request.path):
        return ""
    for key, value in request.GET.lists():
        if _IN_URL.search(key) or any(_IN_URL.search(v) for v in value):
            return key
    if request.method not in {"POST", "PUT", "PATCH"}:
        return None
    if request.content_type == "application/json":
        return _json_field(request.body)
    try:
        fields = request.POST.lists()
    except MultiPartParserError:
        return None  # an unreadable form body: the view answers it (the API with a 4xx envelope)
    for key, value in fields:
        if _IN_TEXT.search(key) or any(_IN_TEXT.search(v) for v in value):
            return key
    return None


def _json_field(body: bytes) -> str | None:
    """The key of the first JSON string holding a control character (unparsable bodies pass on)."""
    try:
        document = json.loads(body or b"null")
    except ValueError:
        return None  # the API's own parser explains a broken body
    return next((key for key, text in _strings(document, "") if _IN_TEXT.search(text)), None)


def _strings(value: Any, key: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield key, value
    elif isinstance(value, dict):
        for name, item in value.items():
            yield from _strings(name, str(name))
            yield from _strings(item, str(name))
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item, key)
