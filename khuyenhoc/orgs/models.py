"""Organisation systems and their node trees (tổ chức, đơn vị)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from khuyenhoc.core.fields import BytewiseCharField, PathField
from khuyenhoc.core.models import TimeStampedModel
from khuyenhoc.core.scope import ScopedQuerySet, prefix_q


class OrgSystem(TimeStampedModel):
    """Hệ thống tổ chức — the Association for Promoting Education or a partner system (LĐLĐ, Đoàn, ...)."""

    code = models.CharField(_("mã"), max_length=16, unique=True)
    name = models.CharField(_("tên"), max_length=160)
    short_name = models.CharField(_("tên viết tắt"), max_length=40)
    is_association = models.BooleanField(_("là Hội Khuyến học"), default=False)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("hệ thống tổ chức")
        verbose_name_plural = _("hệ thống tổ chức")
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.name


class NodeKind(models.TextChoices):
    """What an organisation node is."""

    CENTRAL = "central", _("Trung ương")
    PROVINCE = "province", _("Cấp tỉnh")
    COMMUNE = "commune", _("Cấp xã")
    BRANCH = "branch", _("Chi hội")
    BOARD = "board", _("Ban khuyến học")
    AGENCY = "agency", _("Cơ quan")
    ENTERPRISE = "enterprise", _("Doanh nghiệp")
    SCHOOL = "school", _("Trường học")
    GRASSROOTS = "grassroots", _("Tổ chức cơ sở")
    DEPARTMENT = "department", _("Sở, ban, ngành")
    OTHER = "other", _("Khác")


class OrgNodeQuerySet(ScopedQuerySet):
    scope_path_field = "path"

    def under(self, node: "OrgNode", *, include_self: bool = False) -> "OrgNodeQuerySet":
        """Everything under `node`: one prefix range on the indexed path, never recursion."""
        rows = self.filter(prefix_q("path", node.path))
        return rows if include_self else rows.exclude(pk=node.pk)


class OrgNode(TimeStampedModel):
    """Tổ chức/đơn vị — one node of an organisation tree (central → province → commune → branches,
    agencies, enterprises, schools). `path` is the materialised path of node ids ("1.7.233.")."""

    system = models.ForeignKey(OrgSystem, verbose_name=_("hệ thống"), on_delete=models.PROTECT)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    kind = models.CharField(_("loại"), max_length=16, choices=NodeKind.choices)
    code = models.CharField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên"), max_length=255)
    name_key = BytewiseCharField(max_length=255, editable=False)
    place = models.ForeignKey(
        "places.AdminUnit",
        verbose_name=_("địa bàn"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="org_nodes",
    )
    path = PathField(unique=True, editable=False)
    depth = models.PositiveSmallIntegerField(editable=False, default=1)
    province_code = models.CharField(max_length=2, blank=True, editable=False)
    valid_from = models.DateField(_("thành lập ngày"), null=True, blank=True)
    valid_until = models.DateField(_("giải thể ngày"), null=True, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=32, blank=True)

    history = HistoricalRecords()
    objects = OrgNodeQuerySet.as_manager()

    class Meta:
        verbose_name = _("tổ chức")
        verbose_name_plural = _("tổ chức")
        ordering = ["path"]
        indexes = [models.Index(fields=["parent", "name_key"], name="orgnode_parent_name")]

    def __str__(self) -> str:
        return self.name

    @property
    def is_active(self) -> bool:
        return self.valid_until is None

    def ancestor_ids(self) -> list[int]:
        """Ids on the path from the root down to this node (read from the path, no queries)."""
        return [int(part) for part in self.path.split(".") if part]
