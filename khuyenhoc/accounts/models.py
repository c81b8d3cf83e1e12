"""Users, the roles they hold on organisation nodes, and API tokens."""

import hashlib

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from khuyenhoc.core.models import TimeStampedModel
from khuyenhoc.core.scope import Role


class User(AbstractUser):
    """Người dùng — belongs to one organisation node (its home); roles come from RoleGrant."""

    org_node = models.ForeignKey(
        "orgs.OrgNode",
        verbose_name=_("thuộc tổ chức"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    # A citizen's own account (tài khoản công dân): signed in, the person sees and does what concerns
    # them (e.g. registering as a learning citizen); it holds no role on any node.
    person = models.OneToOneField(
        "people.Person",
        verbose_name=_("hồ sơ người dân"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="account",
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")
        ordering = ["username"]


class RoleGrant(TimeStampedModel):
    """Vai trò — a role held on an organisation node and everything under it (no node: whole country)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="grants")
    org_node = models.ForeignKey(
        "orgs.OrgNode",
        verbose_name=_("tổ chức"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="grants",
    )
    role = models.CharField(_("vai trò"), max_length=16, choices=Role.choices)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("vai trò")
        verbose_name_plural = _("vai trò")
        ordering = ["user_id", "role"]
        constraints = [
            models.UniqueConstraint(fields=["user", "org_node", "role"], name="rolegrant_unique"),
            models.CheckConstraint(
                condition=models.Q(org_node__isnull=False) | models.Q(role=Role.SYSTEM_ADMIN),
                name="rolegrant_node_required",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()}"


class ApiToken(TimeStampedModel):
    """Mã truy cập API — only a SHA-256 digest of the token is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("tên"), max_length=80)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(max_length=8, editable=False)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("mã truy cập API")
        verbose_name_plural = _("mã truy cập API")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def digest_of(raw: str) -> str:
        return hashlib.sha256(raw.encode()).hexdigest()
