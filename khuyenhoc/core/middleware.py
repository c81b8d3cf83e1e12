"""Attach the user's Scope to every request, resolved once (one query) and only when used."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject

from khuyenhoc.core.scope import Grant, Scope


def scope_for_user(user: object) -> Scope:
    """Build the Scope of `user` from its role grants (anonymous users see nothing)."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return Scope.nobody()
    rows = user.grants.values_list("org_node__path", "role")  # type: ignore[attr-defined]
    return Scope(user_id=user.pk, grants=tuple(Grant(path or "", role) for path, role in rows))  # type: ignore[attr-defined]


class ScopeMiddleware:
    """Sets `request.scope`, lazily, from the authenticated user."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.scope = SimpleLazyObject(lambda: scope_for_user(request.user))  # type: ignore[attr-defined]
        return self.get_response(request)
