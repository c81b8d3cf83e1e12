"""Bearer-token authentication for the API; the token's user gets the same Scope as in the UI."""

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from khuyenhoc.accounts.models import ApiToken
from khuyenhoc.accounts.services import token_touch
from khuyenhoc.core.middleware import scope_for_user


class TokenAuth(HttpBearer):
    """Authorization: Bearer <token>; revoked tokens and inactive users are refused."""

    def authenticate(self, request: HttpRequest, token: str) -> object | None:
        row = (
            ApiToken.objects.select_related("user")
            .filter(digest=ApiToken.digest_of(token), revoked_at__isnull=True, user__is_active=True)
            .first()
        )
        if row is None:
            return None
        token_touch(token=row, now=timezone.now())
        request.user = row.user
        request.scope = scope_for_user(row.user)  # type: ignore[attr-defined]
        return row.user
