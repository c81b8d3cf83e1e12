"""Payments out of a fund (khoản chi): scholarships, awards, support and purchases."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from khuyenhoc.core.fields import PathField
from khuyenhoc.core.models import TimeStampedModel
from khuyenhoc.core.money import MAX_AMOUNT
from khuyenhoc.funds.models.ledger import Fund, JournalEntry, Method, Party, Purpose, SubFund


class PaymentStatus(models.TextChoices):
    DRAFT = "draft", _("Chờ duyệt")
    PAID = "paid", _("Đã duyệt chi")
    REJECTED = "rejected", _("Không duyệt")
    REVERSED = "reversed", _("Đã hủy bằng bút toán đảo")


class Disbursement(TimeStampedModel):
    """Khoản chi — a scholarship, award, support payment or purchase: drafted by one clerk, approved by
    another (maker-checker), then posted with its numbered payment voucher (phiếu chi)."""

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="disbursements")
    org_path = PathField(editable=False)
    sub_fund = models.ForeignKey(
        SubFund, verbose_name=_("quỹ thành phần"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    purpose = models.CharField(_("mục đích"), max_length=16, choices=Purpose.choices)
    beneficiary_kind = models.CharField(_("người nhận là"), max_length=16, choices=Party.choices)
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    household = models.ForeignKey(
        "people.Household", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    beneficiary_name = models.CharField(_("người nhận"), max_length=255)
    method = models.CharField(_("hình thức"), max_length=16, choices=Method.choices)
    amount = models.BigIntegerField(_("số tiền (đồng)"))
    decision_ref = models.CharField(_("theo quyết định"), max_length=255, blank=True)
    note = models.CharField(_("nội dung"), max_length=255, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=PaymentStatus.choices, default=PaymentStatus.DRAFT
    )
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    paid_on = models.DateField(_("ngày chi"), null=True, blank=True)
    voucher_no = models.CharField(_("số phiếu chi"), max_length=24, blank=True)
    entry = models.OneToOneField(
        JournalEntry, null=True, blank=True, on_delete=models.PROTECT, related_name="disbursement"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("khoản chi")
        verbose_name_plural = _("khoản chi")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="disbursement_positive"),
            models.CheckConstraint(
                condition=models.Q(amount__lte=MAX_AMOUNT), name="disbursement_at_most_max"
            ),
        ]
        indexes = [models.Index(fields=["org_path", "status"], name="disbursement_scope")]

    def __str__(self) -> str:
        return f"{self.beneficiary_name} {self.amount}"
