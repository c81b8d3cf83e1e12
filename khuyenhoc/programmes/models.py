"""Coordination programmes (chương trình phối hợp): bodies that sign for a period, numbered contents,
indicators with yearly targets, the activities logged under them, and the reporting periods in which
each party's figures go up for approval.

An indicator is either computed from the system's own records (learning-title tallies, fund campaigns,
scholarship payments) or reported by a party with its evidence. A percentage target stores its base (the
denominator: cadres, families, units counted when the target is set), so that achievement is a count over
a stored number and never a scan of millions of records.
"""

from django.conf import settings
from django.db import models
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from khuyenhoc.core.fields import PathField
from khuyenhoc.core.models import TimeStampedModel
from khuyenhoc.titles.models import Title


class Programme(TimeStampedModel):
    """Chương trình phối hợp — signed by several bodies for a period (e.g. 2023–2030)."""

    code = models.CharField(_("mã chương trình"), max_length=40, unique=True)
    title = models.CharField(_("tên chương trình"), max_length=255)
    signed_on = models.DateField(_("ngày ký"))
    signed_place = models.CharField(_("nơi ký"), max_length=128, blank=True)
    starts_year = models.PositiveSmallIntegerField(_("từ năm"))
    ends_year = models.PositiveSmallIntegerField(_("đến năm"))
    legal_basis = models.TextField(_("căn cứ"), blank=True)
    summary = models.TextField(_("tóm tắt"), blank=True)
    lead = models.ForeignKey(
        "orgs.OrgNode",
        verbose_name=_("cơ quan chủ trì"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    org_path = PathField(editable=False)  # the lead party's path: who manages the programme

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chương trình phối hợp")
        verbose_name_plural = _("chương trình phối hợp")
        ordering = ["-starts_year", "code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_year__gte=models.F("starts_year")), name="programme_period"
            )
        ]

    def __str__(self) -> str:
        return self.title


class Party(TimeStampedModel):
    """Bên ký — a body that signed the programme (of any organisation system, a pre-2025 province's
    body included)."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="parties")
    org_node = models.ForeignKey(
        "orgs.OrgNode",
        verbose_name=_("cơ quan, tổ chức"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    org_path = PathField(editable=False)
    position = models.PositiveSmallIntegerField(_("thứ tự"))
    signatory = models.CharField(_("người ký"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("bên ký")
        verbose_name_plural = _("các bên ký")
        ordering = ["programme_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "org_node"], name="party_once"),
        ]
        indexes = [models.Index(fields=["org_path"], name="party_scope")]

    def __str__(self) -> str:
        return str(self.org_node)


class Document(TimeStampedModel):
    """A document attached to a programme: the signed text, a plan, a review report."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="documents")
    name = models.CharField(_("tên tài liệu"), max_length=255)
    file = models.FileField(_("tệp"), upload_to="programmes/%Y/")

    class Meta:
        verbose_name = _("tài liệu")
        verbose_name_plural = _("tài liệu")
        ordering = ["programme_id", "id"]

    def __str__(self) -> str:
        return self.name


class Content(TimeStampedModel):
    """Nội dung phối hợp — a numbered content item, with the parties responsible for it."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="contents")
    number = models.PositiveSmallIntegerField(_("số thứ tự"))
    text = models.TextField(_("nội dung"))
    responsible = models.ManyToManyField(Party, verbose_name=_("bên chịu trách nhiệm"), blank=True)

    class Meta:
        verbose_name = _("nội dung phối hợp")
        verbose_name_plural = _("nội dung phối hợp")
        ordering = ["programme_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="content_number"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {Truncator(self.text).chars(60)}"


class Unit(models.TextChoices):
    PERCENT = "percent", _("Tỷ lệ (%)")
    COUNT = "count", _("Số lượng")
    MONEY = "money", _("Số tiền (đồng)")


class Source(models.TextChoices):
    """Where an indicator's actual figure comes from."""

    REGISTERED = "registered", _("Đăng ký danh hiệu học tập")
    RECOGNISED = "recognised", _("Được công nhận danh hiệu học tập")
    FUND_RAISED = "fund_raised", _("Tiền vận động được của một đợt vận động")
    SCHOLARSHIPS = "scholarships", _("Số suất học bổng đã chi")
    REPORTED = "reported", _("Do các bên báo cáo")


COMPUTED = (Source.REGISTERED, Source.RECOGNISED, Source.FUND_RAISED, Source.SCHOLARSHIPS)


class BaseSource(models.TextChoices):
    """Where a percentage indicator's denominators come from: typed in per target, or counted from the
    records of each target's holder (a node's subtree, or a place) when the target is set."""

    HAND = "", _("Nhập tay cho từng chỉ tiêu giao")
    PERSONS = "persons", _("Đếm số người (đơn vị quản lý; cư trú tại địa bàn)")
    HOUSEHOLDS = "households", _("Đếm số hộ gia đình (đơn vị quản lý; tại địa bàn)")
    UNITS = "units", _("Đếm số cơ quan, đơn vị, trường học, doanh nghiệp")


class Indicator(TimeStampedModel):
    """Chỉ tiêu — what is measured (a share, a count or an amount) and where its figure comes from."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="indicators")
    content = models.ForeignKey(
        Content, verbose_name=_("thuộc nội dung"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="indicators",
    )  # fmt: skip
    code = models.CharField(_("mã chỉ tiêu"), max_length=20)
    name = models.CharField(_("tên chỉ tiêu"), max_length=255)
    unit = models.CharField(_("đơn vị"), max_length=8, choices=Unit.choices)
    source = models.CharField(_("nguồn số liệu"), max_length=16, choices=Source.choices)
    title = models.CharField(  # for the title sources
        _("danh hiệu"), max_length=16, choices=Title.choices, blank=True
    )
    campaign = models.ForeignKey(
        "funds.FundCampaign", verbose_name=_("đợt vận động"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    base_label = models.CharField(
        _("mẫu số là"), max_length=128, blank=True,
        help_text=_("Ví dụ: số cán bộ, số gia đình, số đơn vị của địa bàn."),
    )  # fmt: skip
    base_source = models.CharField(
        _("mẫu số lấy từ"), max_length=12, choices=BaseSource.choices, blank=True, default=""
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        ordering = ["programme_id", "code"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "code"], name="indicator_code"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Target(TimeStampedModel):
    """Chỉ tiêu năm — the target of an indicator for a year, for a party's subtree or for a place (a
    province or commune); a percentage target stores its base. A target cascaded from a level above
    points to it."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField(_("năm"))
    org_node = models.ForeignKey(
        "orgs.OrgNode", verbose_name=_("đơn vị"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    place = models.ForeignKey(
        "places.AdminUnit", verbose_name=_("địa bàn"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    org_path = PathField(editable=False)  # the node's path, or the path of the party that set it
    province_code = models.CharField(max_length=2, blank=True)
    value = models.DecimalField(_("chỉ tiêu"), max_digits=16, decimal_places=2)
    base = models.BigIntegerField(_("mẫu số"), null=True, blank=True)
    # The day the base was counted from the records (None: typed in by hand, never recounted).
    base_counted_on = models.DateField(_("ngày đếm mẫu số"), null=True, blank=True, editable=False)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chỉ tiêu năm")
        verbose_name_plural = _("chỉ tiêu năm")
        ordering = ["indicator_id", "year", "org_path"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(org_node__isnull=False, place__isnull=True)
                | models.Q(org_node__isnull=True, place__isnull=False),
                name="target_node_or_place",
            ),
            models.UniqueConstraint(
                fields=["indicator", "year", "org_node"], name="target_node_once",
                condition=models.Q(org_node__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["indicator", "year", "place"], name="target_place_once",
                condition=models.Q(place__isnull=False),
            ),
        ]  # fmt: skip
        indexes = [
            models.Index(fields=["indicator", "year", "province_code"], name="target_place_scope")
        ]

    @property
    def holder(self) -> str:
        """Whom the target is for: the node's name or the place's ("" for a figure without target)."""
        if self.org_node_id:
            return self.org_node.name
        return self.place.name if self.place_id else ""

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.year}: {self.value}"


class ReportingPeriod(TimeStampedModel):
    """Kỳ báo cáo — a year, the mid-term review (sơ kết) or the final one (tổng kết), with its due date."""

    class Kind(models.TextChoices):
        YEARLY = "yearly", _("Báo cáo năm")
        MIDTERM = "midterm", _("Sơ kết")
        FINAL = "final", _("Tổng kết")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="periods")
    kind = models.CharField(_("loại kỳ"), max_length=8, choices=Kind.choices)
    name = models.CharField(_("tên kỳ"), max_length=128)
    year_from = models.PositiveSmallIntegerField(_("từ năm"))
    year_to = models.PositiveSmallIntegerField(_("đến năm"))
    due_on = models.DateField(_("hạn nộp"))

    class Meta:
        verbose_name = _("kỳ báo cáo")
        verbose_name_plural = _("kỳ báo cáo")
        ordering = ["programme_id", "year_to", "due_on"]

    def __str__(self) -> str:
        return self.name


class Submission(TimeStampedModel):
    """Báo cáo của một đơn vị trong một kỳ: drafted, submitted, approved by the level above (only
    after every level below it), locked once approved unless the approver re-opens it."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Đang soạn")
        SUBMITTED = "submitted", _("Đã gửi")
        APPROVED = "approved", _("Đã duyệt, khóa số liệu")
        REOPENED = "reopened", _("Mở lại để sửa")

    period = models.ForeignKey(
        ReportingPeriod, on_delete=models.CASCADE, related_name="submissions"
    )
    org_node = models.ForeignKey("orgs.OrgNode", on_delete=models.PROTECT, related_name="+")
    org_path = PathField(editable=False)
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    note = models.TextField(_("thuyết minh"), blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("báo cáo kỳ")
        verbose_name_plural = _("báo cáo kỳ")
        ordering = ["period_id", "org_path"]
        constraints = [
            models.UniqueConstraint(fields=["period", "org_node"], name="submission_once"),
        ]

    def __str__(self) -> str:
        return f"{self.period} — {self.org_node}"


class ReportedValue(TimeStampedModel):
    """Số liệu báo cáo — a party's figure for a reported indicator and year, with its evidence."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="reported")
    year = models.PositiveSmallIntegerField(_("năm"))
    org_node = models.ForeignKey("orgs.OrgNode", on_delete=models.PROTECT, related_name="+")
    org_path = PathField(editable=False)
    value = models.DecimalField(_("số liệu"), max_digits=18, decimal_places=2)
    evidence = models.FileField(_("minh chứng"), upload_to="programmes/%Y/", blank=True)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("số liệu báo cáo")
        verbose_name_plural = _("số liệu báo cáo")
        ordering = ["indicator_id", "year", "org_path"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year", "org_node"], name="reported_once"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.year}: {self.value}"


class Activity(TimeStampedModel):
    """Hoạt động — something done under a content: when, where, what, how many took part."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="activities")
    content = models.ForeignKey(
        Content, null=True, blank=True, on_delete=models.SET_NULL, related_name="activities"
    )
    org_node = models.ForeignKey(
        "orgs.OrgNode",
        verbose_name=_("đơn vị thực hiện"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    org_path = PathField(editable=False)
    happened_on = models.DateField(_("ngày"))
    place_text = models.CharField(_("địa điểm"), max_length=255, blank=True)
    summary = models.TextField(_("nội dung hoạt động"))
    participants = models.PositiveIntegerField(_("số người tham gia"), null=True, blank=True)
    attachment = models.FileField(_("tệp đính kèm"), upload_to="programmes/%Y/", blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("hoạt động")
        verbose_name_plural = _("hoạt động")
        ordering = ["-happened_on", "-id"]
        indexes = [
            models.Index(fields=["programme", "org_path", "happened_on"], name="activity_scope")
        ]

    def __str__(self) -> str:
        return f"{self.happened_on:%d/%m/%Y} {Truncator(self.summary).chars(60)}"
