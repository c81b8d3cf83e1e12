"""The yearly cycle of a title: campaigns, the subjects registered in them, their assessments (self-
assessment, then verification by the level above) and the evidence attached to them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from khuyenhoc.core.fields import PathField
from khuyenhoc.core.models import TimeStampedModel
from khuyenhoc.titles.models.criteria import CriteriaSet, Title


class Campaign(TimeStampedModel):
    """Đợt đăng ký — a title's yearly cycle at an organisation node, with its deadlines."""

    title = models.CharField(_("danh hiệu"), max_length=16, choices=Title.choices)
    year = models.PositiveSmallIntegerField(_("năm"))
    name = models.CharField(_("tên đợt"), max_length=255)
    org_node = models.ForeignKey(
        "orgs.OrgNode", verbose_name=_("đơn vị tổ chức"), on_delete=models.PROTECT, related_name="+"
    )
    org_path = PathField(editable=False)
    registration_until = models.DateField(_("hạn đăng ký"))
    self_assessment_until = models.DateField(_("hạn tự đánh giá"))
    verification_until = models.DateField(_("hạn thẩm định"))
    decision_until = models.DateField(_("hạn ra quyết định"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("đợt đăng ký danh hiệu")
        verbose_name_plural = _("đợt đăng ký danh hiệu")
        ordering = ["-year", "title", "id"]
        indexes = [models.Index(fields=["org_path", "year", "title"], name="campaign_scope")]

    def __str__(self) -> str:
        return self.name


class Status(models.TextChoices):
    REGISTERED = "registered", _("Đã đăng ký")
    SELF_ASSESSED = "self_assessed", _("Đã tự đánh giá")
    RETURNED = "returned", _("Trả lại để sửa")
    VERIFIED = "verified", _("Đã thẩm định, đề nghị công nhận")
    REFUSED = "refused", _("Không đề nghị công nhận")
    RECOGNISED = "recognised", _("Đã công nhận")
    REVOKED = "revoked", _("Đã thu hồi công nhận")


# A registration can be (re)assessed and given evidence until the level above has verified it.
OPEN_STATUSES = (Status.REGISTERED, Status.SELF_ASSESSED, Status.RETURNED)


class SubjectKind(models.TextChoices):
    PERSON = "person", _("Người")
    HOUSEHOLD = "household", _("Gia đình")
    CLAN = "clan", _("Dòng họ")
    PLACE = "place", _("Thôn, xã")
    UNIT = "unit", _("Đơn vị")


SUBJECT_OF_TITLE = {
    Title.CITIZEN: SubjectKind.PERSON,
    Title.FAMILY: SubjectKind.HOUSEHOLD,
    Title.CLAN: SubjectKind.CLAN,
    Title.COMMUNITY: SubjectKind.PLACE,
    Title.UNIT: SubjectKind.UNIT,
}


class Registration(TimeStampedModel):
    """Đăng ký — one subject in a campaign, under one criteria-set version, through the cycle."""

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="registrations")
    # Denormalised from the campaign so that counts by title and year are one index range.
    title = models.CharField(_("danh hiệu"), max_length=16, choices=Title.choices, editable=False)
    year = models.PositiveSmallIntegerField(_("năm"), editable=False)
    subject_kind = models.CharField(_("loại đối tượng"), max_length=16, choices=SubjectKind.choices)
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    household = models.ForeignKey(
        "people.Household", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    clan = models.ForeignKey(
        "people.Clan", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    place = models.ForeignKey(
        "places.AdminUnit", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey(
        "orgs.OrgNode", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    subject_key = models.CharField(max_length=32, editable=False)  # "person:12", for uniqueness
    subject_name = models.CharField(_("đối tượng"), max_length=255)
    criteria_set = models.ForeignKey(
        CriteriaSet, verbose_name=_("bộ tiêu chí"), on_delete=models.PROTECT, related_name="+"
    )
    org_path = PathField(editable=False)  # the managing node's path: the registration's scope
    # Where the subject lives (its commune, and that commune's province), for counts by place.
    province_code = models.CharField(max_length=2, blank=True, editable=False)
    commune_code = models.CharField(max_length=5, blank=True, editable=False)
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=Status.choices, default=Status.REGISTERED
    )
    total = models.DecimalField(
        _("tổng điểm"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    band = models.CharField(_("xếp loại"), max_length=64, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("đăng ký danh hiệu")
        verbose_name_plural = _("đăng ký danh hiệu")
        ordering = ["campaign_id", "subject_name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["title", "year", "subject_key"], name="registration_one_per_title_year"
            )
        ]
        indexes = [
            models.Index(fields=["org_path", "year", "title", "status"], name="registration_scope"),
            models.Index(fields=["subject_key", "title", "year"], name="registration_subject"),
        ]

    def __str__(self) -> str:
        return f"{self.subject_name} — {self.get_title_display()} {self.year}"


class Stage(models.TextChoices):
    SELF = "self", _("Tự đánh giá")
    VERIFICATION = "verification", _("Thẩm định")


class Verdict(models.TextChoices):
    ACCEPTED = "accepted", _("Đề nghị công nhận")
    RETURNED = "returned", _("Trả lại để sửa")
    REFUSED = "refused", _("Không đề nghị công nhận")


class AssessmentQuerySet(models.QuerySet):
    """The one answer to "the latest assessment of a registration": the last by time, then by id."""

    def newest(self, *, stage: str | None = None) -> "Assessment | None":
        """The most recent of these assessments (of `stage` when given), or None."""
        found = self.filter(stage=stage) if stage else self
        return found.order_by("-at", "-id").first()

    def newest_by_registration(self, *, stage: str | None = None) -> dict[int, "Assessment"]:
        """The most recent of these assessments of each registration, by registration id (one query)."""
        found = self.filter(stage=stage) if stage else self
        return {a.registration_id: a for a in found.order_by("at", "id")}


class Assessment(models.Model):
    """Một lần chấm — a self-assessment or a verification; never edited, a new one follows it."""

    registration = models.ForeignKey(
        Registration, on_delete=models.PROTECT, related_name="assessments"
    )
    stage = models.CharField(_("bước"), max_length=16, choices=Stage.choices)
    scores = models.JSONField(_("điểm theo tiêu chí"))
    # Verification: why a criterion's score was changed, by criterion code.
    adjustments = models.JSONField(_("lý do điều chỉnh"), default=dict, blank=True)
    total = models.DecimalField(_("tổng điểm"), max_digits=5, decimal_places=2)
    band = models.CharField(_("xếp loại"), max_length=64, blank=True)
    achieved = models.BooleanField(_("đạt"))
    reasons = models.JSONField(_("giải thích"), default=list, blank=True)
    verdict = models.CharField(_("kết luận"), max_length=16, choices=Verdict.choices, blank=True)
    comment = models.TextField(_("ý kiến"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    by_node = models.ForeignKey(
        "orgs.OrgNode", verbose_name=_("cấp thẩm định"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    at = models.DateTimeField(_("lúc"), auto_now_add=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("lần đánh giá")
        verbose_name_plural = _("lần đánh giá")
        ordering = ["registration_id", "at", "id"]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} {self.total}"


class Evidence(models.Model):
    """Minh chứng — a file attached to a registration for one criterion (a certificate, a photo, a
    report). Kept as uploaded; never changed. Served only to those who may see the registration."""

    registration = models.ForeignKey(
        Registration, on_delete=models.PROTECT, related_name="evidence"
    )
    criterion_code = models.CharField(_("tiêu chí"), max_length=12)
    file = models.FileField(_("tệp"), upload_to="evidence/%Y/%m/")
    name = models.CharField(_("tên tệp"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("kích thước"))
    sha256 = models.CharField(max_length=64)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("minh chứng")
        verbose_name_plural = _("minh chứng")
        ordering = ["registration_id", "criterion_code", "id"]

    def __str__(self) -> str:
        return f"{self.criterion_code}: {self.name}"
