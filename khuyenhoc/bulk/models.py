"""Import runs: one row per run (its audit event), also the state of a background import."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from khuyenhoc.core.models import TimeStampedModel


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang chạy")
    DONE = "done", _("Xong")
    FAILED = "failed", _("Không đọc được tệp")
    # The worker stopped half-way (killed, machine down) and its lease expired: the run's one
    # transaction was never committed, so nothing of it was written.
    DIED = "died", _("Dừng giữa chừng")


class ImportJob(TimeStampedModel):
    """Lần nhập dữ liệu — who imported which file as which kind, and what came of it."""

    kind = models.CharField(_("loại dữ liệu"), max_length=40)
    file_name = models.CharField(_("tên tệp"), max_length=255)
    upload = models.CharField(
        max_length=500, blank=True
    )  # where the uploaded file waits for the worker
    report_file = models.CharField(max_length=500, blank=True)
    org_code = models.CharField(_("đơn vị mặc định"), max_length=40, blank=True)
    dry_run = models.BooleanField(_("chạy thử"), default=False)
    skip_invalid = models.BooleanField(_("bỏ qua dòng lỗi"), default=False)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    read = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    invalid = models.PositiveIntegerField(default=0)
    written = models.BooleanField(default=False)
    fatal = models.TextField(blank=True)
    problems = models.JSONField(default=list, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Which process runs the job ("host:pid"), set when a worker takes it; its lease is a file the
    # process renews (bulk.jobs.heartbeat).
    worker = models.CharField(_("tiến trình chạy"), max_length=120, blank=True)
    # A retry is a new run of the same uploaded file that points to the run it retries; a run is
    # retried at most once (a double click must not queue it twice).
    retry_of = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="retry"
    )
    attempt = models.PositiveSmallIntegerField(_("lần chạy"), default=1)

    class Meta:
        verbose_name = _("lần nhập dữ liệu")
        verbose_name_plural = _("các lần nhập dữ liệu")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["created_by", "created_at"], name="importjob_user_time")]

    def __str__(self) -> str:
        return f"{self.kind}: {self.file_name}"
