"""Donations (khoản ủng hộ): money or goods received, each with its receipt and journal entry."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from khuyenhoc.core.fields import PathField
from khuyenhoc.core.models import TimeStampedModel
from khuyenhoc.core.money import MAX_AMOUNT
from khuyenhoc.funds.models.campaigns import FundCampaign, Pledge
from khuyenhoc.funds.models.ledger import Fund, JournalEntry, Method, Party, Purpose, SubFund


class Donation(TimeStampedModel):
    """Khoản ủng hộ — money or goods received, with its numbered receipt (phiếu thu) and its entry."""

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="donations")
    org_path = PathField(editable=False)
    sub_fund = models.ForeignKey(
        SubFund, verbose_name=_("quỹ thành phần"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    purpose = models.CharField(
        _("mục đích"), max_length=16, choices=Purpose.choices, default=Purpose.DONATION
    )
    campaign = models.ForeignKey(
        FundCampaign, verbose_name=_("đợt vận động"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="donations",
    )  # fmt: skip
    pledge = models.ForeignKey(
        Pledge, verbose_name=_("theo cam kết"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="donations",
    )  # fmt: skip
    donor_kind = models.CharField(_("người ủng hộ là"), max_length=16, choices=Party.choices)
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    household = models.ForeignKey(
        "people.Household", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    donor_name = models.CharField(_("tên người ủng hộ"), max_length=255, blank=True)
    named_publicly = models.BooleanField(_("đồng ý công khai tên"), default=False)
    method = models.CharField(_("hình thức"), max_length=16, choices=Method.choices)
    amount = models.BigIntegerField(_("số tiền (đồng)"))
    goods = models.CharField(_("hiện vật"), max_length=255, blank=True)
    received_on = models.DateField(_("ngày nhận"))
    receipt_no = models.CharField(_("số phiếu thu"), max_length=24)
    entry = models.OneToOneField(JournalEntry, on_delete=models.PROTECT, related_name="donation")
    idempotency_key = models.CharField(max_length=64, null=True, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("khoản ủng hộ")
        verbose_name_plural = _("khoản ủng hộ")
        ordering = ["-received_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["fund", "receipt_no"], name="donation_receipt_no"),
            models.UniqueConstraint(
                fields=["fund", "idempotency_key"],
                name="donation_idempotency",
                condition=models.Q(idempotency_key__isnull=False),
            ),
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="donation_positive"),
            models.CheckConstraint(
                condition=models.Q(amount__lte=MAX_AMOUNT), name="donation_at_most_max"
            ),
        ]
        indexes = [
            models.Index(fields=["org_path", "received_on"], name="donation_scope"),
            models.Index(fields=["campaign", "person"], name="donation_campaign_person"),
        ]

    def __str__(self) -> str:
        return f"{self.receipt_no} {self.amount}"
