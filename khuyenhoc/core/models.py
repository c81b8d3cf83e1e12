"""Abstract base models shared by every app, and the access log of personal data."""

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from khuyenhoc.core.fields import PathField


class TimeStampedModel(models.Model):
    """A row with creation and last-change times."""

    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        abstract = True


class AccessKind(models.TextChoices):
    """What was read: the access log's kinds of reading personal data (docs/privacy.md)."""

    VIEW_IDENTITY = "view_identity", _("Xem đầy đủ số định danh")
    EXPORT = "export", _("Xuất danh sách (đã che số định danh)")
    EXPORT_FULL = "export_full", _("Xuất danh sách kèm số định danh đầy đủ")
    PERSON_DATA = "person_data", _("Xuất toàn bộ dữ liệu của một người")
    ERASE = "erase", _("Xoá dữ liệu cá nhân theo yêu cầu")


class Channel(models.TextChoices):
    WEB = "web", _("Trang web")
    API = "api", _("API")
    CLI = "cli", _("Dòng lệnh")


class AccessQuerySet(models.QuerySet):
    """The access log is append-only: no bulk update or delete through the ORM either."""

    def update(self, **kwargs: object) -> int:
        raise PermissionError("Nhật ký truy cập không được sửa.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("Nhật ký truy cập không được xoá.")


class AccessRecord(models.Model):
    """One reading of personal data: who, when, what, how many rows, through which channel.

    Written by `core.services.access_record` and never changed: saving an existing row, deleting one
    and the queryset's update/delete raise, and a database trigger refuses UPDATE (and DELETE on
    PostgreSQL) whoever connects (migration 0002). `org_path` is where the data lies, so that the
    administrators of that subtree read it.
    """

    at = models.DateTimeField(_("lúc"), default=timezone.now)
    # No foreign-key constraint: the record outlives the account, and nothing may cascade into it.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người xem"),
        null=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    actor_name = models.CharField(_("tên đăng nhập"), max_length=150)
    kind = models.CharField(_("việc"), max_length=16, choices=AccessKind.choices)
    channel = models.CharField(_("qua"), max_length=8, choices=Channel.choices)
    subject = models.CharField(_("dữ liệu"), max_length=255)
    object_type = models.CharField(max_length=64, blank=True)
    object_id = models.BigIntegerField(null=True, blank=True)
    rows = models.PositiveIntegerField(_("số dòng"), default=1)
    org_path = PathField(_("thuộc đơn vị"))
    request_id = models.CharField(max_length=64, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)

    objects = AccessQuerySet.as_manager()

    class Meta:
        verbose_name = _("lượt truy cập dữ liệu cá nhân")
        verbose_name_plural = _("nhật ký truy cập dữ liệu cá nhân")
        indexes = [
            models.Index(fields=["org_path", "id"], name="access_path_id"),
            models.Index(fields=["object_type", "object_id"], name="access_object"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.actor_name}: {self.get_kind_display()} — {self.subject}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise PermissionError("Nhật ký truy cập không được sửa.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("Nhật ký truy cập không được xoá.")
