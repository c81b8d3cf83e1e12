"""Scope: what one user may see and change, as organisation-tree path prefixes.

A scope is built once per request (ScopeMiddleware) from the user's role grants and passed explicitly to
selectors and services. Every list starts from `in_scope`, a prefix range on an indexed path column.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Self

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """Roles granted to a user on an organisation node (and everything under it)."""

    SYSTEM_ADMIN = "system_admin", _("Quản trị hệ thống")
    ORG_ADMIN = "org_admin", _("Quản trị tổ chức")
    CLERK = "clerk", _("Cán bộ nhập liệu")
    EVALUATOR = "evaluator", _("Cán bộ thẩm định")
    APPROVER = "approver", _("Người phê duyệt")
    ACCOUNTANT = "accountant", _("Kế toán")
    VIEWER = "viewer", _("Người xem")


class Action(StrEnum):
    """What a role may do inside its subtree."""

    VIEW = "view"
    CHANGE = "change"
    MANAGE_ORGS = "manage_orgs"
    MANAGE_USERS = "manage_users"


ROLE_ACTIONS: dict[str, frozenset[Action]] = {
    Role.SYSTEM_ADMIN: frozenset(Action),
    Role.ORG_ADMIN: frozenset(Action),
    Role.CLERK: frozenset({Action.VIEW, Action.CHANGE}),
    Role.EVALUATOR: frozenset({Action.VIEW}),
    Role.APPROVER: frozenset({Action.VIEW}),
    Role.ACCOUNTANT: frozenset({Action.VIEW}),
    Role.VIEWER: frozenset({Action.VIEW}),
}


@dataclass(frozen=True)
class Grant:
    """One role held on the subtree whose materialised path is `path` ("" is the whole country)."""

    path: str
    role: str


@dataclass(frozen=True)
class Scope:
    """The subtrees a user may act in, per action."""

    user_id: int | None
    grants: tuple[Grant, ...] = field(default_factory=tuple)

    @classmethod
    def nobody(cls) -> Self:
        """A scope that sees nothing (anonymous users)."""
        return cls(user_id=None)

    @classmethod
    def system(cls) -> Self:
        """The whole country, for the system's own work (commands, demo data, benchmarks)."""
        return cls(user_id=None, grants=(Grant("", Role.SYSTEM_ADMIN),))

    @property
    def is_system_admin(self) -> bool:
        return any(g.role == Role.SYSTEM_ADMIN for g in self.grants)

    @property
    def roles(self) -> frozenset[str]:
        return frozenset(g.role for g in self.grants)

    def paths_for(self, action: Action | str = Action.VIEW) -> tuple[str, ...]:
        """Path prefixes where `action` is allowed, with prefixes already covered by others removed."""
        if self.is_system_admin:
            return ("",)
        paths = sorted({g.path for g in self.grants if action in ROLE_ACTIONS.get(g.role, ())})
        kept: list[str] = []
        for path in paths:
            if not any(path.startswith(done) for done in kept):
                kept.append(path)
        return tuple(kept)

    def allows(self, action: Action | str, path: str) -> bool:
        """Whether `action` is allowed on a record whose org path is `path`."""
        return any(path.startswith(prefix) for prefix in self.paths_for(action))

    def can(self, action: Action | str) -> bool:
        """Whether `action` is allowed anywhere."""
        return bool(self.paths_for(action))

    def q(self, path_field: str, action: Action | str = Action.VIEW) -> Q:
        """A filter keeping rows whose `path_field` lies inside the scope (an index-backed prefix range)."""
        return _prefix_q(path_field, self.paths_for(action))


def path_prefixes(path: str) -> list[str]:
    """The materialised paths of a node and every node above it: "1.7.233." → "1.", "1.7.", "1.7.233."."""
    parts = [p for p in path.split(".") if p]
    return [".".join(parts[: i + 1]) + "." for i in range(len(parts))]


def prefix_q(path_field: str, prefix: str) -> Q:
    """Rows whose `path_field` starts with `prefix`, as a range both databases answer from a B-tree.

    `__startswith` compiles to LIKE, which SQLite never serves from an index (its LIKE is case-insensitive)
    and PostgreSQL only with a pattern operator class; paths are ASCII and compared bytewise (PathField
    uses the "C" collation on PostgreSQL), so [prefix, prefix with its last character bumped) is exact.
    """
    if prefix == "":
        return Q()
    upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    return Q(**{f"{path_field}__gte": prefix, f"{path_field}__lt": upper})


def _prefix_q(path_field: str, prefixes: Iterable[str]) -> Q:
    condition = Q(pk__in=[])
    for prefix in prefixes:
        if prefix == "":
            return Q()
        condition |= prefix_q(path_field, prefix)
    return condition


class ScopedQuerySet(models.QuerySet):
    """A queryset that knows which indexed column carries the record's organisation path."""

    scope_path_field = "org_path"

    def in_scope(self, scope: Scope, action: Action | str = Action.VIEW) -> Self:
        """Rows inside the user's subtree for `action`."""
        return self.filter(scope.q(self.scope_path_field, action))
