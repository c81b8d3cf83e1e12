"""Fund campaigns (đợt vận động) and the pledges (cam kết ủng hộ) made to a fund."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from khuyenhoc.core.fields import PathField
from khuyenhoc.core.models import TimeStampedModel
from khuyenhoc.core.money import MAX_AMOUNT
from khuyenhoc.funds.models.ledger import Fund, Party, Purpose


class FundCampaign(TimeStampedModel):
    """Đợt vận động — a collection with a goal and a period: one day's salary this year, the piggy bank
    (a monthly amount per member), a drive for a school; optionally the unit whose members should give."""

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="campaigns")
    org_path = PathField(editable=False)
    name = models.CharField(_("tên đợt vận động"), max_length=255)
    purpose = models.CharField(_("mục đích"), max_length=16, choices=Purpose.choices)
    goal = models.BigIntegerField(_("mục tiêu (đồng)"), null=True, blank=True)
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"))
    members_of = models.ForeignKey(
        "orgs.OrgNode", verbose_name=_("thành viên của đơn vị"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    monthly_amount = models.BigIntegerField(
        _("mức góp mỗi tháng mỗi người (đồng)"), null=True, blank=True
    )
    # Which memberships (people.MembershipKind values, comma-separated) make a person a member of the
    # campaign; blank: a current membership of any kind under `members_of`.
    member_kinds = models.CharField(_("loại thành viên"), max_length=64, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("đợt vận động")
        verbose_name_plural = _("đợt vận động")
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(goal__gte=1, goal__lte=MAX_AMOUNT) | models.Q(goal__isnull=True),
                name="campaign_goal_in_range",
            ),
            models.CheckConstraint(
                condition=models.Q(monthly_amount__gte=1, monthly_amount__lte=MAX_AMOUNT)
                | models.Q(monthly_amount__isnull=True),
                name="campaign_monthly_in_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def kinds(self) -> list[str]:
        """The membership kinds that count (empty: every kind)."""
        return [k for k in self.member_kinds.split(",") if k]


class Pledge(TimeStampedModel):
    """Cam kết ủng hộ — an amount promised in instalments; what was given against it is its donations."""

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="pledges")
    org_path = PathField(editable=False)
    campaign = models.ForeignKey(
        FundCampaign, null=True, blank=True, on_delete=models.PROTECT, related_name="pledges"
    )
    donor_kind = models.CharField(_("người cam kết là"), max_length=16, choices=Party.choices)
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    household = models.ForeignKey(
        "people.Household", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    donor_name = models.CharField(_("người cam kết"), max_length=255)
    total = models.BigIntegerField(_("tổng số tiền cam kết (đồng)"))
    instalments = models.PositiveSmallIntegerField(_("số lần góp"), default=1)
    first_due_on = models.DateField(_("hạn lần đầu"))
    every_months = models.PositiveSmallIntegerField(_("cách nhau (tháng)"), default=1)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cam kết ủng hộ")
        verbose_name_plural = _("cam kết ủng hộ")
        ordering = ["first_due_on", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(total__gt=0), name="pledge_positive"),
            models.CheckConstraint(
                condition=models.Q(total__lte=MAX_AMOUNT), name="pledge_at_most_max"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.donor_name} {self.total}"
