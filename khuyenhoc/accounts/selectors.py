"""Reads for users and tokens."""

from django.db.models import Q, QuerySet

from khuyenhoc.accounts.models import ApiToken, User
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


def token_list(*, user: User) -> QuerySet[ApiToken]:
    """The user's own API tokens."""
    return ApiToken.objects.filter(user=user).order_by("-created_at")
