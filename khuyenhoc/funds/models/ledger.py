"""Study-promotion funds (quỹ khuyến học, khuyến tài) on a double-entry ledger.

A fund belongs to an organisation node (an Association at any level, a unit's study-promotion board, a
clan's node). Money is whole đồng. Every movement is a journal entry (bút toán) whose lines sum to zero;
a line names an account (cash, bank, goods in kind, income, expense) and the restricted sub-fund the
money is earmarked for (none: unrestricted). What a fund holds is the sum of its asset lines, and what a
sub-fund may still spend the sum of its asset lines. Posted entries are never changed or deleted: a
mistake is undone by a reversing entry that points to it. Monthly totals per fund, sub-fund, account
and purpose are kept in the same transaction as the entries, so balances and reports read a few rows.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from khuyenhoc.core.fields import PathField
from khuyenhoc.core.models import TimeStampedModel
from khuyenhoc.core.money import MAX_AMOUNT, MAX_TOTAL
from khuyenhoc.core.scope import ScopedQuerySet


class Fund(TimeStampedModel):
    """Quỹ — a study-promotion fund of an organisation node."""

    org_node = models.ForeignKey(
        "orgs.OrgNode", verbose_name=_("đơn vị quản lý quỹ"), on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    org_path = PathField(editable=False)
    province_code = models.CharField(max_length=2, blank=True, editable=False)
    code = models.CharField(_("mã quỹ"), max_length=40, unique=True)
    name = models.CharField(_("tên quỹ"), max_length=255)
    bank_bin = models.CharField(_("mã ngân hàng (BIN)"), max_length=6, blank=True)
    bank_account = models.CharField(_("số tài khoản"), max_length=19, blank=True)
    bank_account_name = models.CharField(_("tên tài khoản"), max_length=70, blank=True)
    is_public = models.BooleanField(_("công khai"), default=False)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("quỹ")
        verbose_name_plural = _("quỹ")
        ordering = ["org_path", "code"]
        indexes = [models.Index(fields=["org_path", "code"], name="fund_scope")]

    def __str__(self) -> str:
        return self.name


class SubFund(TimeStampedModel):
    """Quỹ thành phần — money given for one purpose only (e.g. a scholarship named after a donor)."""

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="sub_funds")
    code = models.CharField(_("mã"), max_length=40)
    name = models.CharField(_("tên"), max_length=255)
    purpose = models.TextField(_("mục đích sử dụng"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("quỹ thành phần")
        verbose_name_plural = _("quỹ thành phần")
        ordering = ["fund_id", "code"]
        constraints = [models.UniqueConstraint(fields=["fund", "code"], name="subfund_code")]

    def __str__(self) -> str:
        return self.name


class Account(models.TextChoices):
    """Tài khoản — where a line puts money: assets (cash, bank, goods), income or expense."""

    CASH = "cash", _("Tiền mặt")
    BANK = "bank", _("Tiền gửi ngân hàng")
    GOODS = "goods", _("Hiện vật")
    # With a context: Django's own Vietnamese catalogue translates a bare "Thu" (Thursday) to "Thứ 5".
    INCOME = "income", pgettext_lazy("tiền thu", "Thu")
    EXPENSE = "expense", _("Chi")


ASSETS = (Account.CASH, Account.BANK, Account.GOODS)


class Purpose(models.TextChoices):
    """Mục đích — what income came for or what spending went to (reports group by it)."""

    DONATION = "donation", _("Ủng hộ, tài trợ")
    ONE_DAY_SALARY = "one_day_salary", _("Một ngày lương")
    PIGGY_BANK = "piggy_bank", _("Ống tiết kiệm khuyến học")
    SCHOLARSHIP = "scholarship", _("Học bổng")
    AWARD = "award", _("Khen thưởng")
    SUPPORT = "support", _("Hỗ trợ học sinh khó khăn")
    PURCHASE = "purchase", _("Mua sắm (xe đạp, sách, thiết bị)")
    OTHER = "other", _("Khác")


class EntryKind(models.TextChoices):
    DONATION = "donation", _("Thu ủng hộ")
    DISBURSEMENT = "disbursement", _("Chi")
    TRANSFER = "transfer", _("Chuyển tiền")
    REVERSAL = "reversal", _("Đảo bút toán")


class JournalEntry(models.Model):
    """Bút toán — lines that sum to zero, posted once and never changed."""

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="entries")
    kind = models.CharField(_("loại"), max_length=16, choices=EntryKind.choices)
    posted_on = models.DateField(_("ngày ghi sổ"))
    memo = models.CharField(_("diễn giải"), max_length=255)
    reverses = models.OneToOneField(
        "self", verbose_name=_("đảo bút toán"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="reversed_by",
    )  # fmt: skip
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("bút toán")
        verbose_name_plural = _("bút toán")
        ordering = ["fund_id", "posted_on", "id"]

    def __str__(self) -> str:
        return f"{self.posted_on:%d/%m/%Y} {self.memo}"


class LedgerLine(models.Model):
    """Dòng bút toán — a signed amount (debit +, credit −) on one account of one fund."""

    entry = models.ForeignKey(JournalEntry, on_delete=models.PROTECT, related_name="lines")
    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="+")
    org_path = PathField()  # the fund's, so that subtree reports are one index range
    account = models.CharField(_("tài khoản"), max_length=8, choices=Account.choices)
    sub_fund = models.ForeignKey(
        SubFund, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    purpose = models.CharField(_("mục đích"), max_length=16, choices=Purpose.choices)
    month = models.DateField()  # the first day of the entry's month
    amount = models.BigIntegerField(_("số tiền"))

    class Meta:
        verbose_name = _("dòng bút toán")
        verbose_name_plural = _("dòng bút toán")
        ordering = ["entry_id", "id"]
        indexes = [models.Index(fields=["fund", "account", "sub_fund"], name="ledgerline_fund")]
        constraints = [
            models.CheckConstraint(condition=~models.Q(amount=0), name="ledgerline_not_zero"),
            models.CheckConstraint(
                condition=models.Q(amount__gte=-MAX_AMOUNT, amount__lte=MAX_AMOUNT),
                name="ledgerline_at_most_max",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.account} {self.amount}"


class MonthTotal(models.Model):
    """Monthly total of one fund's lines per account, sub-fund and purpose — kept in the same
    transaction as the lines (a summary table: reports read these, never the lines)."""

    fund = models.ForeignKey(Fund, on_delete=models.CASCADE, related_name="+")
    org_path = PathField()
    account = models.CharField(max_length=8, choices=Account.choices)
    sub_fund_key = models.BigIntegerField(default=0)  # the sub-fund's id, 0 for unrestricted money
    purpose = models.CharField(max_length=16, choices=Purpose.choices)
    month = models.DateField()
    total = models.BigIntegerField(default=0)

    class Meta:
        ordering = ["fund_id", "month"]
        constraints = [
            models.UniqueConstraint(
                fields=["fund", "account", "sub_fund_key", "purpose", "month"],
                name="monthtotal_key",
            ),
            # Checked on every upsert: SQLite would otherwise turn an overflowing sum into a REAL.
            models.CheckConstraint(
                condition=models.Q(total__gte=-MAX_TOTAL, total__lte=MAX_TOTAL),
                name="monthtotal_in_range",
            ),
        ]
        indexes = [
            models.Index(
                fields=["org_path", "month", "account", "purpose"], name="monthtotal_scope"
            )
        ]

    def __str__(self) -> str:
        return f"{self.fund_id} {self.month:%m/%Y} {self.account} {self.total}"


class Counter(models.Model):
    """The last number given to a kind of document of a fund in a year (receipts, vouchers): taken
    under a row lock in the transaction that uses it, so numbers have no gaps and no repeats."""

    fund = models.ForeignKey(Fund, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["fund", "kind", "year"], name="counter_key")]

    def __str__(self) -> str:
        return f"{self.kind} {self.year}: {self.last}"


class Party(models.TextChoices):
    """Who gives or receives: a person, a household, an organisation or business, or nobody named."""

    PERSON = "person", _("Cá nhân")
    HOUSEHOLD = "household", _("Gia đình")
    ORGANISATION = "organisation", _("Cơ quan, tổ chức")
    BUSINESS = "business", _("Doanh nghiệp")
    ANONYMOUS = "anonymous", _("Giấu tên")


class Method(models.TextChoices):
    CASH = "cash", _("Tiền mặt")
    TRANSFER = "transfer", _("Chuyển khoản")
    IN_KIND = "in_kind", _("Hiện vật")


ACCOUNT_OF_METHOD = {
    Method.CASH: Account.CASH,
    Method.TRANSFER: Account.BANK,
    Method.IN_KIND: Account.GOODS,
}
