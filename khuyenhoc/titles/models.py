"""Learning titles (danh hiệu học tập) and their criteria sets, kept as data (see domain.md).

A criteria set (bộ tiêu chí) is one version of the official — or a province's local — rubric for a title
and, for learning citizens, a subject group. It cites its legal basis, holds groups of criteria with their
maximum points (or pass/fail), must-pass criteria and classification bands. Once published it is frozen:
assessments keep the version they were made under, and a change is a new version that supersedes it.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from khuyenhoc.core.errors import DomainError, ErrorCode
from khuyenhoc.core.fields import PathField
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


class DecisionKind(models.TextChoices):
    RECOGNITION = "recognition", _("Công nhận")
    REVOCATION = "revocation", _("Thu hồi công nhận")


class Decision(TimeStampedModel):
    """Quyết định — a numbered decision of the competent level recognising (or revoking) subjects.

    Never edited once issued: a mistake is corrected by a later decision (a revocation points to the
    decision it revokes), so the history of every recognition stays readable.
    """

    kind = models.CharField(
        _("loại quyết định"),
        max_length=16,
        choices=DecisionKind.choices,
        default=DecisionKind.RECOGNITION,
    )
    number = models.CharField(_("số quyết định"), max_length=40)
    signed_on = models.DateField(_("ngày ký"))
    signer = models.CharField(_("người ký"), max_length=128)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=128)
    issuer = models.ForeignKey(
        "orgs.OrgNode",
        verbose_name=_("cơ quan ban hành"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    org_path = PathField(editable=False)  # the issuer's path: who may see the decision
    title = models.CharField(_("danh hiệu"), max_length=16, choices=Title.choices)
    year = models.PositiveSmallIntegerField(_("năm"))
    reason = models.TextField(_("lý do"), blank=True)
    revokes = models.ForeignKey(
        "self", verbose_name=_("thu hồi quyết định"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="revoked_by",
    )  # fmt: skip
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("quyết định công nhận")
        verbose_name_plural = _("quyết định công nhận")
        ordering = ["-signed_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["issuer", "number"], name="decision_number_per_issuer")
        ]
        indexes = [models.Index(fields=["org_path", "year", "title"], name="decision_scope")]

    def __str__(self) -> str:
        return f"{self.number} ({self.signed_on:%d/%m/%Y})"


class DecisionLine(models.Model):
    """A subject in the list annexed to a decision (danh sách kèm theo quyết định); on a recognition, its
    public code is printed as a QR code on the certificate and opens the public verification page."""

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="lines")
    registration = models.ForeignKey(Registration, on_delete=models.PROTECT, related_name="lines")
    public_code = models.CharField(max_length=24, unique=True, editable=False)
    position = models.PositiveIntegerField(_("số thứ tự trong danh sách"))

    class Meta:
        verbose_name = _("dòng danh sách kèm quyết định")
        verbose_name_plural = _("danh sách kèm quyết định")
        ordering = ["decision_id", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "registration"], name="decisionline_once_per_decision"
            )
        ]

    def __str__(self) -> str:
        return f"{self.registration} — {self.decision}"


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


class TitleTally(models.Model):
    """Counts of registrations by year, title, status, managing path and commune, kept by the services in
    the same transaction as the registrations they count: dashboards and programme indicators read these
    rows (a few per unit), never the registrations (tens of millions). `khuyenhoc rebuild_tallies`
    recounts them from the registrations; a test checks that both agree."""

    year = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=16, choices=Title.choices)
    status = models.CharField(max_length=16, choices=Status.choices)
    org_path = PathField()
    province_code = models.CharField(max_length=2, blank=True)
    commune_code = models.CharField(max_length=5, blank=True)
    count = models.BigIntegerField(default=0)

    class Meta:
        ordering = ["year", "title", "status", "org_path"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "title", "status", "org_path", "commune_code"],
                name="titletally_key",
            )
        ]
        indexes = [
            models.Index(
                fields=["province_code", "year", "title", "status", "commune_code"],
                name="titletally_place",
            ),
            models.Index(fields=["org_path", "year", "title", "status"], name="titletally_scope"),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.title} {self.status}: {self.count}"
