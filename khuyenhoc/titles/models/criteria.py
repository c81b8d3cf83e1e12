"""Learning titles (danh hiệu học tập) and their criteria sets, kept as data (see domain.md).

A criteria set (bộ tiêu chí) is one version of the official — or a province's local — rubric for a title
and, for learning citizens, a subject group. It cites its legal basis, holds groups of criteria with their
maximum points (or pass/fail), must-pass criteria and classification bands. Once published it is frozen:
assessments keep the version they were made under, and a change is a new version that supersedes it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from khuyenhoc.core.errors import DomainError, ErrorCode
from khuyenhoc.core.models import TimeStampedModel


def frozen_error() -> DomainError:
    return DomainError(
        ErrorCode.INVALID,
        _("Bộ tiêu chí đã công bố không sửa được (các kết quả đã chấm theo nó phải giữ nguyên); "
          "hãy tạo phiên bản mới."),
    )  # fmt: skip


class FrozenWhenPublished(models.Model):
    """A part of a criteria set: refused once the set is published, whoever saves or deletes it."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        self._refuse_if_published()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self._refuse_if_published()
        return super().delete(*args, **kwargs)

    def criteria_set_id_of(self) -> int | None:
        """The id of the criteria set this part belongs to (each concrete part answers it)."""
        raise NotImplementedError

    def _refuse_if_published(self) -> None:
        set_id = self.criteria_set_id_of()
        if set_id and CriteriaSet.objects.filter(pk=set_id, published_at__isnull=False).exists():
            raise frozen_error()


class Title(models.TextChoices):
    CITIZEN = "citizen", _("Công dân học tập")
    FAMILY = "family", _("Gia đình học tập")
    CLAN = "clan", _("Dòng họ học tập")
    COMMUNITY = "community", _("Cộng đồng học tập")
    UNIT = "unit", _("Đơn vị học tập")


class Method(models.TextChoices):
    SCORED = "scored", _("Chấm điểm theo tiêu chí")
    REVIEW = "review", _("Bình xét tại cuộc họp")


class CriteriaSet(TimeStampedModel):
    """Bộ tiêu chí — one version of a title's rubric, with its legal basis."""

    code = models.CharField(_("mã"), max_length=40, unique=True)
    title = models.CharField(_("danh hiệu"), max_length=16, choices=Title.choices)
    subject_group = models.CharField(_("nhóm đối tượng"), max_length=120, blank=True)
    name = models.CharField(_("tên bộ tiêu chí"), max_length=255)
    legal_basis = models.CharField(_("căn cứ"), max_length=255)
    note = models.TextField(_("ghi chú"), blank=True)
    method = models.CharField(_("cách đánh giá"), max_length=8, choices=Method.choices)
    version = models.PositiveSmallIntegerField(_("phiên bản"), default=1)
    valid_from = models.DateField(_("áp dụng từ"))
    # A local variant (a province's own criteria) belongs to that organisation node; official sets to none.
    owner = models.ForeignKey(
        "orgs.OrgNode",
        verbose_name=_("đơn vị ban hành bộ tiêu chí địa phương"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    supersedes = models.ForeignKey(
        "self",
        verbose_name=_("thay thế bộ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="superseded_by",
    )
    pass_total = models.PositiveSmallIntegerField(
        _("tổng điểm tối thiểu để đạt"), null=True, blank=True
    )
    min_points_each = models.PositiveSmallIntegerField(
        _("điểm tối thiểu của mỗi tiêu chí"), null=True, blank=True
    )
    published_at = models.DateTimeField(_("công bố lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("bộ tiêu chí")
        verbose_name_plural = _("bộ tiêu chí")
        ordering = ["title", "subject_group", "-valid_from", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    def save(self, *args, **kwargs) -> None:
        # Publishing sets published_at once; after that the set itself is frozen too.
        if self.pk and CriteriaSet.objects.filter(pk=self.pk, published_at__isnull=False).exists():
            raise frozen_error()
        super().save(*args, **kwargs)


class CriteriaGroup(FrozenWhenPublished):
    """Nhóm tiêu chí — e.g. "Điều kiện học tập" (30 points) of a learning unit."""

    criteria_set = models.ForeignKey(CriteriaSet, on_delete=models.CASCADE, related_name="groups")
    number = models.PositiveSmallIntegerField(_("số thứ tự"))
    name = models.CharField(_("tên nhóm"), max_length=255)

    class Meta:
        verbose_name = _("nhóm tiêu chí")
        verbose_name_plural = _("nhóm tiêu chí")
        ordering = ["criteria_set_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["criteria_set", "number"], name="criteriagroup_number")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"

    def criteria_set_id_of(self) -> int | None:
        return self.criteria_set_id


class Measure(models.TextChoices):
    """A figure the system computes from its own records for a criterion (titles/facts.py)."""

    MEMBERS_CITIZENS = "members_citizens", _("Tỷ lệ thành viên là Công dân học tập")


class Criterion(FrozenWhenPublished):
    """Tiêu chí — scored up to `max_points`, or pass/fail when `max_points` is empty. A criterion with a
    `measure` shows that figure to the assessor and suggests points in proportion to it."""

    group = models.ForeignKey(CriteriaGroup, on_delete=models.CASCADE, related_name="criteria")
    code = models.CharField(_("số hiệu"), max_length=12)  # "1.2"
    text = models.TextField(_("nội dung"))
    max_points = models.PositiveSmallIntegerField(_("điểm tối đa"), null=True, blank=True)
    must_pass = models.BooleanField(_("bắt buộc đạt"), default=False)
    min_points = models.PositiveSmallIntegerField(_("điểm tối thiểu"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("thứ tự"))
    measure = models.CharField(
        _("số liệu hệ thống"), max_length=32, choices=Measure.choices, blank=True
    )

    class Meta:
        verbose_name = _("tiêu chí")
        verbose_name_plural = _("tiêu chí")
        ordering = ["group_id", "position"]
        constraints = [models.UniqueConstraint(fields=["group", "code"], name="criterion_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.text}"

    @property
    def is_pass_fail(self) -> bool:
        return self.max_points is None

    def criteria_set_id_of(self) -> int | None:
        return (
            CriteriaGroup.objects.filter(pk=self.group_id)
            .values_list("criteria_set_id", flat=True)
            .first()
        )


class Band(FrozenWhenPublished):
    """Xếp loại — a classification band: totals from `min_total` up to the next band."""

    criteria_set = models.ForeignKey(CriteriaSet, on_delete=models.CASCADE, related_name="bands")
    code = models.CharField(_("mã"), max_length=16)
    label = models.CharField(_("xếp loại"), max_length=64)
    min_total = models.PositiveSmallIntegerField(_("từ tổng điểm"))
    achieved = models.BooleanField(_("đạt danh hiệu"), default=True)

    class Meta:
        verbose_name = _("xếp loại")
        verbose_name_plural = _("xếp loại")
        ordering = ["criteria_set_id", "-min_total"]
        constraints = [models.UniqueConstraint(fields=["criteria_set", "code"], name="band_code")]

    def __str__(self) -> str:
        return self.label

    def criteria_set_id_of(self) -> int | None:
        return self.criteria_set_id
