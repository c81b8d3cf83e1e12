"""Attach the user's Scope to every request (resolved once, only when used); keep signed-in pages out of caches."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers
from django.utils.functional import SimpleLazyObject

from khuyenhoc.core.scope import Grant, Scope


def scope_for_user(user: object) -> Scope:
    """Build the Scope of `user` from its role grants (anonymous users see nothing)."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return Scope.nobody()
    rows = user.grants.values_list(  # type: ignore[attr-defined]
        "org_node__path", "role", "org_node__place__path", "org_node__parent_id"
    )
    grants = tuple(
        Grant(path or "", role, _place_of(path, place, parent))
        for path, role, place, parent in rows
    )
    return Scope(user_id=user.pk, grants=grants)  # type: ignore[attr-defined]


def _place_of(node_path: str | None, place_path: str | None, parent_id: int | None) -> str | None:
    """The administrative area a grant's node covers: its own unit's path; a root node without a unit
    (a central body) covers the whole country (""); any other node without a unit covers none."""
    if place_path:
        return place_path
    return "" if node_path is None or parent_id is None else None


class ScopeMiddleware:
    """Sets `request.scope`, lazily, from the authenticated user."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.scope = SimpleLazyObject(lambda: scope_for_user(request.user))  # type: ignore[attr-defined]
        return self.get_response(request)


class NoStoreForSignedInMiddleware:
    """Every response to a signed-in user (or an API call with a token) says `Cache-Control: no-store`.

    A browser's back button, its disk cache or a shared proxy must not keep a page of personal
    records. Static files never reach this middleware (WhiteNoise answers them before it).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.user.is_authenticated or "authorization" in request.headers:
            add_never_cache_headers(response)
        return response
