"""Transfer requests (yêu cầu chuyển khoản): what a donor was asked to transfer, matched to a
donation by the reference in its VietQR code."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from khuyenhoc.core.fields import PathField
from khuyenhoc.core.models import TimeStampedModel
from khuyenhoc.core.money import MAX_AMOUNT
from khuyenhoc.funds.models.campaigns import FundCampaign, Pledge
from khuyenhoc.funds.models.donations import Donation
from khuyenhoc.funds.models.ledger import Fund, Party, Purpose, SubFund


class TransferRequest(TimeStampedModel):
    """Yêu cầu chuyển khoản — what a donor was asked to transfer, with the reference printed in its
    VietQR code; a bank statement line carrying the reference and the amount becomes its donation."""

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="transfer_requests")
    org_path = PathField(editable=False)
    reference = models.CharField(_("mã tham chiếu"), max_length=12, unique=True)
    amount = models.BigIntegerField(_("số tiền (đồng)"))
    donor_kind = models.CharField(max_length=16, choices=Party.choices)
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    donor_name = models.CharField(_("người chuyển"), max_length=255, blank=True)
    named_publicly = models.BooleanField(default=False)
    sub_fund = models.ForeignKey(
        SubFund, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    campaign = models.ForeignKey(
        FundCampaign, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    pledge = models.ForeignKey(
        Pledge, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    purpose = models.CharField(max_length=16, choices=Purpose.choices, default=Purpose.DONATION)
    donation = models.OneToOneField(
        Donation, null=True, blank=True, on_delete=models.PROTECT, related_name="transfer_request"
    )

    class Meta:
        verbose_name = _("yêu cầu chuyển khoản")
        verbose_name_plural = _("yêu cầu chuyển khoản")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="transfer_positive"),
            models.CheckConstraint(
                condition=models.Q(amount__lte=MAX_AMOUNT), name="transfer_at_most_max"
            ),
        ]

    def __str__(self) -> str:
        return self.reference
