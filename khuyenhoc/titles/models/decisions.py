"""Recognition decisions of the competent level and the subjects listed in them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from khuyenhoc.core.fields import PathField
from khuyenhoc.core.models import TimeStampedModel
from khuyenhoc.titles.models.criteria import Title
from khuyenhoc.titles.models.registrations import Registration


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
