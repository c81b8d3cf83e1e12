"""Reads for users and tokens."""

from django.db.models import Q, QuerySet

from khuyenhoc.accounts.models import ApiToken, User
from khuyenhoc.core.errors import NotFoundError
from khuyenhoc.core.scope import Action, Scope


def user_list(*, scope: Scope) -> QuerySet[User]:
    """Accounts whose organisation lies inside the subtrees where `scope` manages users."""
    condition = scope.q("org_node__path", Action.MANAGE_USERS)
    if scope.is_system_admin:
        condition = Q()
    return (
        User.objects.filter(condition)
        .select_related("org_node")
        .prefetch_related("grants")
        .order_by("username")
    )


def user_get(*, scope: Scope, pk: int) -> User:
    """One account inside `scope`."""
    user = user_list(scope=scope).filter(pk=pk).first()
    if user is None:
        raise NotFoundError("User")
    return user


def token_list(*, user: User) -> QuerySet[ApiToken]:
    """The user's own API tokens."""
    return ApiToken.objects.filter(user=user).order_by("-created_at")
