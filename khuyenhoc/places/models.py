"""Administrative units (đơn vị hành chính): provinces, communes, villages, and pre-2025 provinces."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from khuyenhoc.core.fields import BytewiseCharField, PathField
from khuyenhoc.core.models import TimeStampedModel


class Level(models.TextChoices):
    """Where a unit sits in the post-1-July-2025 two-level map (plus the historical provinces)."""

    PROVINCE = "province", _("Tỉnh/thành phố")
    COMMUNE = "commune", _("Xã/phường/đặc khu")
    VILLAGE = "village", _("Thôn/tổ dân phố")
    FORMER_PROVINCE = "former_province", _("Tỉnh/thành phố trước 01/7/2025")
    FORMER_COMMUNE = "former_commune", _("Xã/phường/thị trấn trước 01/7/2025")


FORMER_LEVELS = (Level.FORMER_PROVINCE, Level.FORMER_COMMUNE)


class AdminUnitQuerySet(models.QuerySet):
    def current(self) -> "AdminUnitQuerySet":
        return self.exclude(level__in=FORMER_LEVELS)

    def provinces(self) -> "AdminUnitQuerySet":
        return self.filter(level=Level.PROVINCE)

    def under(self, unit: "AdminUnit") -> "AdminUnitQuerySet":
        """Every unit below `unit` (a prefix range on the indexed path), former provinces included."""
        from khuyenhoc.core.scope import prefix_q

        return self.filter(prefix_q("path", unit.path)).exclude(pk=unit.pk)


class AdminUnit(TimeStampedModel):
    """Đơn vị hành chính — a province, commune/ward/special zone, village/residential group, or a
    province or commune that existed before 1 July 2025 (kept so that older records and files that still
    name them resolve to today's units).

    The materialised `path` puts a commune under its province ("01.00070."), a former province under
    its successor ("79.f77.") and a former commune under its former province ("79.f77.26500."), so that
    "everything in Thành phố Hồ Chí Minh" includes Bà Rịa–Vũng Tàu and its former communes.
    A former commune's `successor` is the commune that took most of it; when it was divided between
    several, every part is in `AdminUnitSuccession`.
    """

    code = models.CharField(_("mã"), max_length=16)
    level = models.CharField(_("cấp"), max_length=16, choices=Level.choices)
    division_type = models.CharField(_("loại"), max_length=32)
    name = models.CharField(_("tên"), max_length=128)
    name_key = BytewiseCharField(max_length=128, editable=False)
    former_district = models.CharField(_("quận/huyện trước 01/7/2025"), max_length=128, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("thuộc"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    successor = models.ForeignKey(
        "self",
        verbose_name=_("sáp nhập vào"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predecessors",
    )
    path = PathField(unique=True, editable=False)
    province_code = models.CharField(_("mã tỉnh hiện nay"), max_length=2)
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_until = models.DateField(_("hiệu lực đến"), null=True, blank=True)

    history = HistoricalRecords()
    objects = AdminUnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("đơn vị hành chính")
        verbose_name_plural = _("đơn vị hành chính")
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(fields=["level", "code"], name="adminunit_level_code_unique"),
            models.UniqueConstraint(
                fields=["parent", "name_key"],
                condition=models.Q(level="village"),
                name="adminunit_village_name_unique",
            ),
        ]
        indexes = [
            models.Index(fields=["level", "name_key"], name="adminunit_level_name"),
            models.Index(
                fields=["level", "province_code", "name_key"], name="adminunit_province_name"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_current(self) -> bool:
        return self.level not in FORMER_LEVELS


class AdminUnitSuccession(TimeStampedModel):
    """Kế thừa — which post-2025 commune(s) took over a pre-2025 commune (Nghị quyết of the Standing
    Committee of the National Assembly on the 2025 arrangement of commune-level units). Reference data,
    loaded by migration; a commune divided between several successors has one row per part, the part
    that took most of it marked `is_main`."""

    predecessor = models.ForeignKey(
        AdminUnit, on_delete=models.CASCADE, related_name="successions", verbose_name=_("đơn vị cũ")
    )
    successor = models.ForeignKey(
        AdminUnit, on_delete=models.CASCADE, related_name="inherited", verbose_name=_("đơn vị mới")
    )
    is_main = models.BooleanField(_("phần chính"), default=True)

    class Meta:
        verbose_name = _("kế thừa đơn vị hành chính")
        verbose_name_plural = _("kế thừa đơn vị hành chính")
        ordering = ["predecessor", "-is_main", "successor"]
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"], name="adminunitsuccession_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.predecessor_id} → {self.successor_id}"
