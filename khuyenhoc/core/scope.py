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
from django.utils.functional import Promise
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
    """What a role may do inside its subtree; ROLE_ACTIONS says which role may do which."""

    VIEW = "view"
    VIEW_IDENTITY = "view_identity"
    CHANGE = "change"
    RECORD_MONEY = "record_money"
    APPROVE_PAYMENT = "approve_payment"
    VERIFY = "verify"
    ISSUE_DECISION = "issue_decision"
    APPROVE_REPORT = "approve_report"
    MANAGE_CRITERIA = "manage_criteria"
    MANAGE_ORGS = "manage_orgs"
    MANAGE_USERS = "manage_users"

    @property
    def label(self) -> str:
        """The action's Vietnamese name, as refusals and the glossary's table write it."""
        return str(ACTION_LABELS[self])


ACTION_LABELS: dict[Action, Promise] = {
    Action.VIEW: _("xem hồ sơ"),
    Action.VIEW_IDENTITY: _("xem, xuất đầy đủ số CCCD, ngày sinh, điện thoại"),
    Action.CHANGE: _("nhập, sửa dữ liệu"),
    Action.RECORD_MONEY: _("ghi thu, lập phiếu chi"),
    Action.APPROVE_PAYMENT: _("duyệt chi"),
    Action.VERIFY: _("thẩm định"),
    Action.ISSUE_DECISION: _("ban hành quyết định công nhận"),
    Action.APPROVE_REPORT: _("duyệt báo cáo"),
    Action.MANAGE_CRITERIA: _("quản lý bộ tiêu chí"),
    Action.MANAGE_ORGS: _("quản lý tổ chức"),
    Action.MANAGE_USERS: _("quản lý tài khoản"),
}

# Each role does what its name says (docs/glossary.md has this table). Maker-checker on top of it: the
# drafter of a payment never approves it, whatever their roles. Identity numbers (CCCD), birth dates and
# phone numbers are masked for every role without VIEW_IDENTITY: those who manage the person's records
# (docs/privacy.md); each full view or export is written to the access log.
ROLE_ACTIONS: dict[str, frozenset[Action]] = {
    Role.SYSTEM_ADMIN: frozenset(Action),
    Role.ORG_ADMIN: frozenset(Action),
    Role.CLERK: frozenset({Action.VIEW, Action.VIEW_IDENTITY, Action.CHANGE, Action.RECORD_MONEY}),
    Role.EVALUATOR: frozenset({Action.VIEW, Action.VERIFY}),
    Role.APPROVER: frozenset(
        {Action.VIEW, Action.APPROVE_PAYMENT, Action.ISSUE_DECISION, Action.APPROVE_REPORT}
    ),
    Role.ACCOUNTANT: frozenset({Action.VIEW, Action.RECORD_MONEY}),
    Role.VIEWER: frozenset({Action.VIEW}),
}

# Actions taken on a record by the level above it, never by the record's own level: a self-assessment
# is verified, and a report approved, by the level above (Circular 22/2020; bottom-up reporting).
FROM_ABOVE: frozenset[Action] = frozenset({Action.VERIFY, Action.APPROVE_REPORT})


@dataclass(frozen=True)
class Grant:
    """One role held on the subtree whose materialised path is `path` ("" is the whole country).

    `place` is the materialised path of the administrative unit the grant's node covers ("" the whole
    country, None no unit): villages are added and changed only under it (`Scope.allows_place`).
    """

    path: str
    role: str
    place: str | None = None


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
        """Whether `action` is allowed on a record whose org path is `path` (from above for FROM_ABOVE)."""
        if action in FROM_ABOVE:
            return self.grant_above(action, path) is not None
        return any(path.startswith(prefix) for prefix in self.paths_for(action))

    def place_paths_for(self, action: Action | str = Action.CHANGE) -> tuple[str, ...]:
        """Administrative-unit path prefixes where `action` is allowed (the places of the grants' nodes)."""
        if self.is_system_admin:
            return ("",)
        return tuple(
            sorted(
                {
                    g.place
                    for g in self.grants
                    if g.place is not None and action in ROLE_ACTIONS.get(g.role, ())
                }
            )
        )

    def allows_place(self, action: Action | str, place_path: str) -> bool:
        """Whether `action` is allowed on an administrative unit at `place_path` (a commune, a village):
        the user holds it on a node whose place is that unit or contains it."""
        return any(place_path.startswith(prefix) for prefix in self.place_paths_for(action))

    def place_refusal(self, action: Action | str) -> str:
        """Why `action` on an administrative unit is refused, in Vietnamese."""
        if not self.can(action):
            return str(_("Vai trò của bạn không có quyền %(action)s.")) % {
                "action": Action(action).label
            }
        return str(_("Xã/phường này nằm ngoài phạm vi tổ chức của bạn."))

    def q_place(self, path_field: str, action: Action | str = Action.CHANGE) -> Q:
        """A filter keeping administrative units whose `path_field` lies where `action` is allowed."""
        return prefixes_q(path_field, self.place_paths_for(action))

    def can(self, action: Action | str) -> bool:
        """Whether `action` is allowed anywhere."""
        return bool(self.paths_for(action))

    def grant_above(self, action: Action | str, path: str) -> str | None:
        """The nearest path strictly above `path` where `action` is granted ("" is the country)."""
        granted = {g.path for g in self.grants if action in ROLE_ACTIONS.get(g.role, ())}
        above = [p for p in granted if path.startswith(p) and p != path]
        return max(above, key=len) if above else None

    def paths_above(self) -> list[str]:
        """Paths of the nodes strictly above the user's grants: what is opened there covers them."""
        return sorted({p for g in self.grants for p in path_prefixes(g.path) if p != g.path})

    def q_or_above(self, path_field: str) -> Q:
        """Rows inside the scope or at a node above it (campaigns and programmes opened there)."""
        mine = self.q(path_field)
        if not mine:  # Q() is the whole country; `Q() | other` would keep only `other`.
            return mine
        return mine | Q(**{f"{path_field}__in": self.paths_above()})

    def sees_from_above(self, path: str) -> bool:
        """Whether the node at `path` lies above one of the user's grants (they see their part)."""
        return bool(path) and any(g.path.startswith(path) and g.path != path for g in self.grants)

    def refusal(self, action: Action | str, path: str) -> str:
        """Why `action` on a record at `path` is refused, in Vietnamese (for PermissionDenied)."""
        if not self.allows(Action.VIEW, path):
            return str(_("Bản ghi nằm ngoài phạm vi tổ chức của bạn."))
        label = Action(action).label
        if action in FROM_ABOVE and any(path.startswith(p) for p in self.paths_for(action)):
            return str(_("Việc %(action)s phải do cấp trên thực hiện, không phải cùng cấp.")) % {
                "action": label
            }
        return str(_("Vai trò của bạn không có quyền %(action)s ở đơn vị này.")) % {"action": label}

    def only(self, action: Action | str) -> "Scope":
        """The same user limited to the grants that allow `action` (e.g. an export with full identity
        numbers covers only the subtrees where the user may see them)."""
        kept = tuple(g for g in self.grants if action in ROLE_ACTIONS.get(g.role, ()))
        return Scope(user_id=self.user_id, grants=kept)

    def home_path(self, action: Action | str = Action.VIEW) -> str:
        """The deepest path covering every subtree where `action` is allowed ("" for the country)."""
        paths = self.paths_for(action)
        if not paths:
            return ""
        parts = [p.split(".")[:-1] for p in paths]
        common: list[str] = []
        for column in zip(*parts, strict=False):
            if len(set(column)) != 1:
                break
            common.append(column[0])
        return "".join(f"{part}." for part in common)

    def q(self, path_field: str, action: Action | str = Action.VIEW) -> Q:
        """A filter keeping rows whose `path_field` lies inside the scope (an index-backed prefix range)."""
        return prefixes_q(path_field, self.paths_for(action))


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
    lower, upper = prefix_bounds(prefix)
    return Q(**{f"{path_field}__gte": lower, f"{path_field}__lt": upper})


def prefix_bounds(prefix: str) -> tuple[str, str]:
    """The half-open range [lower, upper) of the paths that start with a non-empty `prefix`."""
    return prefix, prefix[:-1] + chr(ord(prefix[-1]) + 1)


def prefixes_sql(column: str, prefixes: Iterable[str]) -> tuple[str, list[str]]:
    """The same ranges as `prefix_q`, as an SQL condition on `column` and its parameters, for the
    hand-written queries of core.listing."""
    prefixes = list(prefixes)
    if "" in prefixes:
        return "1=1", []
    if not prefixes:
        return "1=0", []
    params = [bound for prefix in prefixes for bound in prefix_bounds(prefix)]
    ranges = " OR ".join([f"({column} >= %s AND {column} < %s)"] * len(prefixes))
    return f"({ranges})", params


def prefixes_q(path_field: str, prefixes: Iterable[str]) -> Q:
    """Rows whose `path_field` lies under any of `prefixes` (none: no row; "": every row)."""
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
