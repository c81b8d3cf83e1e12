"""Shared by the import and export commands: who acts, in which scope, under which unit."""

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from khuyenhoc.bulk import registry
from khuyenhoc.core.middleware import scope_for_user
from khuyenhoc.core.scope import Scope

USAGE = 2  # exit status of a usage error or an unreadable file


def acting(username: str | None) -> tuple[Any, Scope]:
    """The user named by --user and their scope; without it, the whole country (a server operator)."""
    if not username:
        return None, Scope.system()
    user = (
        get_user_model().objects.filter(username=username.strip().lower(), is_active=True).first()
    )
    if user is None:
        raise CommandError(
            _("Không có người dùng “%(name)s”.") % {"name": username}, returncode=USAGE
        )
    return user, scope_for_user(user)


def org_by_code(code: str | None, scope: Scope) -> Any:
    """The unit named by --org, inside the scope (looked up by the orgs app's registered finder)."""
    if not code:
        return None
    node = registry.find_org(scope, code)
    if node is None:
        raise CommandError(
            _("Không có đơn vị mã “%(code)s” trong phạm vi.") % {"code": code}, returncode=USAGE
        )
    return node
