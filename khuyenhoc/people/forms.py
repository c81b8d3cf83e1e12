"""HTML forms for persons, households, clans and memberships, with Vietnamese field messages."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from khuyenhoc.core.errors import NotFoundError
from khuyenhoc.core.forms import DATE_INPUT, lookup
from khuyenhoc.core.scope import Action, Scope
from khuyenhoc.orgs.models import OrgNode
from khuyenhoc.orgs.selectors import orgnode_choices, orgnode_get_by_code
from khuyenhoc.people.cccd import CccdError, parse_cccd
from khuyenhoc.people.models import Ethnicity, Gender, MembershipKind, Relation
from khuyenhoc.places.lookups import resolve_commune, resolve_village
from khuyenhoc.places.selectors import communes_of

MAX_CHOICES = 300


class SuggestInput(forms.TextInput):
    """A text box with a list of suggestions (HTML datalist); anything may still be typed."""

    template_name = "core/widgets/suggest.html"

    def __init__(self, *, options: list[str], attrs: dict[str, str] | None = None) -> None:
        super().__init__(attrs)
        self.options = options

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["list"] = f"{context['widget']['attrs'].get('id', name)}-options"
        context["widget"]["options"] = self.options
        return context


DATE_ERRORS = {"invalid": _("Ngày không hợp lệ: hãy nhập theo dạng dd/mm/yyyy, ví dụ 05/09/1985.")}


class ScopedForm(forms.Form):
    """A form that resolves organisation codes and places inside the user's scope."""

    def __init__(self, *args: Any, scope: Scope, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.scope = scope
        if "org_node" in self.fields:
            self._offer_nodes()

    def _offer_nodes(self) -> None:
        """A drop-down of the units the user may change, while they are few; else the code box stays."""
        nodes = orgnode_choices(scope=self.scope, action=Action.CHANGE, limit=MAX_CHOICES + 1)
        if not nodes or len(nodes) > MAX_CHOICES:
            return
        field = self.fields["org_node"]
        field.widget = forms.Select(
            choices=[("", "—"), *[(n.code, f"{n.name} ({n.code})") for n in nodes]]
        )
        field.help_text = ""
        if "commune" in self.fields:
            communes = communes_of({n.province_code for n in nodes if n.province_code})
            self.fields["commune"].widget = SuggestInput(
                options=[c.name for c in communes[:MAX_CHOICES]]
            )

    def resolve_org(self, field: str = "org_node") -> OrgNode | None:
        code = self.cleaned_data.get(field, "")
        if not code:
            return None
        try:
            return orgnode_get_by_code(scope=self.scope, code=code)
        except NotFoundError:
            raise forms.ValidationError(
                _("Không có đơn vị mã “%(code)s” trong phạm vi của bạn."), params={"code": code}
            ) from None

    def clean_org_node(self) -> OrgNode | None:
        return self.resolve_org()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if "commune" in self.fields:
            node = data.get("org_node")
            self.resolve_places(node.province_code if node else "")
        return data

    def resolve_places(self, province_code: str) -> None:
        """Turn the typed commune and village into units (the village must lie in the commune)."""
        data = self.cleaned_data
        try:
            data["commune"] = lookup(
                resolve_commune, data.get("commune", ""), province_code=province_code
            )
        except forms.ValidationError as err:
            self.add_error("commune", err)
            return
        if "village" in self.fields:
            try:
                data["village"] = lookup(
                    resolve_village, data.get("village", ""), commune=data["commune"]
                )
            except forms.ValidationError as err:
                self.add_error("village", err)


def org_field() -> forms.CharField:
    return forms.CharField(
        label=_("Đơn vị quản lý (mã)"),
        max_length=40,
        help_text=_("Mã tổ chức quản lý hồ sơ, ví dụ HKH-40-001."),
    )


def commune_field() -> forms.CharField:
    return forms.CharField(
        label=_("Xã/phường"),
        required=False,
        max_length=128,
        help_text=_("Tên hoặc mã xã/phường (không cần dấu)."),
    )


class PersonForm(ScopedForm):
    """A person's record."""

    org_node = org_field()
    full_name = forms.CharField(label=_("Họ và tên"), max_length=128)
    gender = forms.ChoiceField(
        label=_("Giới tính"), choices=Gender.choices, widget=forms.RadioSelect
    )
    birth_date = forms.DateField(
        label=_("Ngày sinh"), required=False, widget=DATE_INPUT, error_messages=DATE_ERRORS
    )
    birth_year = forms.IntegerField(
        label=_("Năm sinh"),
        required=False,
        help_text=_("Khi chỉ biết năm sinh."),
        error_messages={"invalid": _("Năm sinh phải là một số, ví dụ 1985.")},
    )
    cccd = forms.CharField(
        label=_("Số CCCD"), required=False, max_length=20, help_text=_("12 chữ số.")
    )
    ethnicity = forms.ModelChoiceField(
        label=_("Dân tộc"), queryset=Ethnicity.objects.all(), required=False
    )
    religion = forms.CharField(label=_("Tôn giáo"), required=False, max_length=64)
    commune = commune_field()
    village = forms.CharField(label=_("Thôn/tổ dân phố"), required=False, max_length=128)
    address = forms.CharField(label=_("Địa chỉ"), required=False, max_length=255)
    phone = forms.CharField(label=_("Điện thoại"), required=False, max_length=32)
    email = forms.EmailField(
        label=_("Thư điện tử"),
        required=False,
        error_messages={"invalid": _("Địa chỉ thư điện tử không hợp lệ.")},
    )
    workplace = forms.CharField(label=_("Nơi làm việc"), required=False, max_length=255)
    occupation = forms.CharField(label=_("Nghề nghiệp"), required=False, max_length=128)

    def clean_cccd(self) -> str:
        try:
            return parse_cccd(self.cleaned_data["cccd"])
        except CccdError as err:
            raise forms.ValidationError(err.message) from None

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("birth_date") and not data.get("birth_year"):
            self.add_error("birth_year", _("Cần nhập ngày sinh hoặc ít nhất năm sinh."))
        return data


class HouseholdForm(ScopedForm):
    """A household's own fields."""

    org_node = org_field()
    name = forms.CharField(
        label=_("Tên gia đình"), max_length=160, help_text=_("Ví dụ: Gia đình ông Nguyễn Văn An.")
    )
    code = forms.CharField(label=_("Mã gia đình"), required=False, max_length=40)
    commune = commune_field()
    village = forms.CharField(label=_("Thôn/tổ dân phố"), required=False, max_length=128)
    address = forms.CharField(label=_("Địa chỉ"), required=False, max_length=255)


class ClanForm(ScopedForm):
    """A clan's own fields."""

    org_node = org_field()
    name = forms.CharField(
        label=_("Tên dòng họ"), max_length=160, help_text=_("Ví dụ: Họ Nguyễn Đình.")
    )
    code = forms.CharField(label=_("Mã dòng họ"), required=False, max_length=40)
    commune = commune_field()
    origin = forms.CharField(label=_("Nguồn gốc, nhà thờ họ"), required=False, max_length=255)


class MemberAddForm(forms.Form):
    """Add a person (by CCCD or record number) to a household."""

    person = forms.CharField(label=_("Người (số CCCD hoặc mã hồ sơ)"), max_length=20)
    relation = forms.ChoiceField(label=_("Quan hệ với chủ hộ"), choices=Relation.choices)
    joined_on = forms.DateField(
        label=_("Từ ngày"), required=False, widget=DATE_INPUT, error_messages=DATE_ERRORS
    )


class LeaveForm(forms.Form):
    """The day a member left or a membership ended."""

    day = forms.DateField(label=_("Ngày"), widget=DATE_INPUT, error_messages=DATE_ERRORS)


class EraseForm(forms.Form):
    """The ground for erasing a person's personal data (their request, its date)."""

    reason = forms.CharField(
        label=_("Căn cứ xoá"),
        max_length=200,
        help_text=_("Ví dụ: đơn đề nghị của công dân ngày 05/11/2026."),
    )


class ClanHouseholdForm(forms.Form):
    """Add a household (by code or record number) to a clan."""

    household = forms.CharField(label=_("Gia đình (mã gia đình hoặc mã hồ sơ)"), max_length=40)


class MembershipForm(ScopedForm):
    """A membership of the person in an organisation."""

    org_node = forms.CharField(label=_("Tổ chức (mã)"), max_length=40)
    kind = forms.ChoiceField(label=_("Loại"), choices=MembershipKind.choices)
    role = forms.CharField(label=_("Chức vụ"), required=False, max_length=128)
    started_on = forms.DateField(
        label=_("Từ ngày"), required=False, widget=DATE_INPUT, error_messages=DATE_ERRORS
    )
