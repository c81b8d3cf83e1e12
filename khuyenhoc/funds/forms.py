"""Forms of the fund pages: amounts typed the Vietnamese way ("1.200.000"), people named by CCCD."""

import uuid
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from khuyenhoc.core.errors import NotFoundError
from khuyenhoc.core.money import AmountError, parse_amount
from khuyenhoc.funds.banks import ACCOUNT_DIGITS, account_number_ok, bank_choices
from khuyenhoc.funds.models import Method, Party, Purpose
from khuyenhoc.funds.services.disbursements import SPENDING
from khuyenhoc.funds.services.donations import INCOME_PURPOSES
from khuyenhoc.people.forms import DATE_ERRORS, DATE_INPUT, ScopedForm, org_field
from khuyenhoc.people.models import MembershipKind
from khuyenhoc.people.selectors import person_pick


class MoneyField(forms.CharField):
    """Whole đồng as typed: "1.200.000", "1 200 000" or 1200000, from 1 to MAX_AMOUNT; anything else
    (a fraction, zero, text, too many digits) is refused with a message naming the field, and the form
    shows again with what was typed."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 30})
        )
        super().__init__(**kwargs)

    def clean(self, value: Any) -> int | None:
        # Not CharField's validators: their own messages (length, NUL) would not name the rule.
        try:
            amount = parse_amount(value, str(self.label or "").removesuffix(" (đồng)"))
        except AmountError as err:
            raise forms.ValidationError(err.message) from None
        if amount is None and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return amount


def _choices(choices: Any, allowed: tuple) -> list[tuple[str, str]]:
    return [(value, label) for value, label in choices if value in allowed]


class BankField(forms.ChoiceField):
    """A NAPAS member chosen by name (its BIN is what is kept); empty when the fund has no account."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Ngân hàng"))
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "error_messages",
            {
                "invalid_choice": _(
                    "Ngân hàng này không có trong danh sách; hãy chọn trong danh sách."
                )
            },
        )
        super().__init__(choices=_bank_choices, **kwargs)


def _bank_choices() -> list[tuple[str, str]]:
    return [("", _("— Chưa có tài khoản ngân hàng —")), *bank_choices()]


class AccountNumberField(forms.CharField):
    """A bank account number: digits only, as many as banks use (6 to 19)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Số tài khoản"))
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 40)  # longer is refused by the digit rule, with its message
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric"}))
        super().__init__(**kwargs)

    def clean(self, value: Any) -> str:
        text = super().clean(value)
        if text and not account_number_ok(text):
            raise forms.ValidationError(
                _(
                    "Số tài khoản chỉ gồm chữ số (không dấu cách, dấu gạch), từ %(low)s đến %(high)s số."
                )
                % {"low": ACCOUNT_DIGITS[0], "high": ACCOUNT_DIGITS[1]}
            )
        return text


class _FundFields(forms.Form):
    """What a fund's managers may set when opening it and change later."""

    name = forms.CharField(label=_("Tên quỹ"), max_length=255)
    bank_bin = BankField()
    bank_account = AccountNumberField()
    bank_account_name = forms.CharField(
        label=_("Tên chủ tài khoản"), max_length=70, required=False,
        help_text=_("Như ngân hàng in trên sổ, ví dụ HOI KHUYEN HOC XA A."),
    )  # fmt: skip
    is_public = forms.BooleanField(
        label=_("Công khai thu chi trên trang công khai"), required=False
    )


class FundForm(ScopedForm, _FundFields):
    org_node = org_field()
    code = forms.CharField(label=_("Mã quỹ"), max_length=40, help_text=_("Ví dụ QKH-NGHEAN."))
    field_order = ["org_node", "code", "name", "bank_bin", "bank_account", "bank_account_name"]


class FundEditForm(_FundFields):
    """Change a fund (its code and managing unit stay: they name its public page and its ledger)."""


class SubFundForm(forms.Form):
    code = forms.CharField(label=_("Mã"), max_length=40)
    name = forms.CharField(label=_("Tên quỹ thành phần"), max_length=255)
    purpose = forms.CharField(
        label=_("Mục đích sử dụng"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class _PartyForm(ScopedForm):
    """Who gives or receives: a person by CCCD or record number, else a name."""

    party_kind = forms.ChoiceField(label=_("Là"), choices=Party.choices)
    person = forms.CharField(
        label=_("Số CCCD hoặc mã hồ sơ (nếu là cá nhân đã có hồ sơ)"), required=False, max_length=20
    )
    name = forms.CharField(label=_("Họ tên / tên đơn vị"), required=False, max_length=255)

    def clean_person(self) -> Any:
        text = self.cleaned_data.get("person", "").strip()
        if not text:
            return None
        try:
            return person_pick(scope=self.scope, text=text)
        except NotFoundError:
            raise forms.ValidationError(_("Không có người này trong phạm vi của bạn.")) from None


class DonationForm(_PartyForm):
    amount = MoneyField(label=_("Số tiền (đồng)"))
    method = forms.ChoiceField(label=_("Hình thức"), choices=Method.choices)
    goods = forms.CharField(
        label=_("Hiện vật (nếu ủng hộ bằng hiện vật)"), required=False, max_length=255
    )
    purpose = forms.ChoiceField(
        label=_("Mục đích"), choices=_choices(Purpose.choices, INCOME_PURPOSES)
    )
    sub_fund = forms.TypedChoiceField(
        label=_("Vào quỹ thành phần"), required=False, coerce=int, empty_value=None
    )
    campaign = forms.TypedChoiceField(
        label=_("Đợt vận động"), required=False, coerce=int, empty_value=None
    )
    received_on = forms.DateField(
        label=_("Ngày nhận"), widget=DATE_INPUT, error_messages=DATE_ERRORS
    )
    named_publicly = forms.BooleanField(label=_("Đồng ý công khai tên"), required=False)
    token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, fund: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("token", uuid.uuid4().hex)
        super().__init__(*args, **kwargs)
        self.fields["sub_fund"].choices = [("", _("Không (tiền không hạn chế mục đích)"))] + [
            (s.pk, s.name) for s in fund.sub_funds.order_by("code")
        ]
        self.fields["campaign"].choices = [("", "—")] + [
            (c.pk, c.name) for c in fund.campaigns.all()
        ]


class PaymentForm(_PartyForm):
    amount = MoneyField(label=_("Số tiền (đồng)"))
    method = forms.ChoiceField(label=_("Hình thức"), choices=Method.choices)
    purpose = forms.ChoiceField(
        label=_("Mục đích chi"), choices=_choices(Purpose.choices, SPENDING)
    )
    sub_fund = forms.TypedChoiceField(
        label=_("Chi từ quỹ thành phần"), required=False, coerce=int, empty_value=None
    )
    decision_ref = forms.CharField(label=_("Theo quyết định"), required=False, max_length=255)
    note = forms.CharField(label=_("Nội dung"), required=False, max_length=255)

    def __init__(self, *args: Any, fund: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["party_kind"].choices = [c for c in Party.choices if c[0] != Party.ANONYMOUS]
        self.fields["sub_fund"].choices = [("", _("Không (tiền không hạn chế mục đích)"))] + [
            (s.pk, s.name) for s in fund.sub_funds.order_by("code")
        ]


class CampaignForm(ScopedForm):
    name = forms.CharField(label=_("Tên đợt vận động"), max_length=255)
    purpose = forms.ChoiceField(
        label=_("Mục đích"), choices=_choices(Purpose.choices, INCOME_PURPOSES)
    )
    goal = MoneyField(label=_("Mục tiêu (đồng)"), required=False)
    starts_on = forms.DateField(label=_("Từ ngày"), widget=DATE_INPUT, error_messages=DATE_ERRORS)
    ends_on = forms.DateField(label=_("Đến ngày"), widget=DATE_INPUT, error_messages=DATE_ERRORS)
    org_node = forms.CharField(
        label=_("Thành viên của đơn vị (mã)"), required=False, max_length=40,
        help_text=_("Để biết ai đã góp, ai chưa (ví dụ mỗi cán bộ một ngày lương)."),
    )  # fmt: skip
    monthly_amount = MoneyField(label=_("Mức góp mỗi tháng mỗi người (đồng)"), required=False)
    member_kinds = forms.MultipleChoiceField(
        label=_("Ai là thành viên"), required=False, choices=MembershipKind.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Để trống: một ngày lương tính cán bộ, người lao động và đoàn viên; ống tiết "
                    "kiệm tính hội viên; mục đích khác tính mọi thành viên."),
    )  # fmt: skip


class PledgeForm(_PartyForm):
    total = MoneyField(label=_("Tổng số tiền cam kết (đồng)"))
    instalments = forms.IntegerField(label=_("Số lần góp"), min_value=1, max_value=120, initial=1)
    every_months = forms.IntegerField(
        label=_("Cách nhau (tháng)"), min_value=1, max_value=12, initial=1
    )
    first_due_on = forms.DateField(
        label=_("Hạn lần đầu"), widget=DATE_INPUT, error_messages=DATE_ERRORS
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["party_kind"].choices = [c for c in Party.choices if c[0] != Party.ANONYMOUS]


class TransferForm(_PartyForm):
    amount = MoneyField(label=_("Số tiền (đồng)"))
    named_publicly = forms.BooleanField(label=_("Đồng ý công khai tên"), required=False)


class StatementForm(forms.Form):
    file = forms.FileField(
        label=_("Sao kê ngân hàng (CSV, XLSX)"),
        error_messages={"required": _("Hãy chọn tệp sao kê."), "empty": _("Tệp trống.")},
    )


class CorrectionForm(forms.Form):
    reason = forms.CharField(label=_("Lý do hủy"), max_length=200)
