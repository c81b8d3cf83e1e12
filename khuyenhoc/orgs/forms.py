"""Forms for organisation nodes."""

from django import forms
from django.utils.translation import gettext_lazy as _

from khuyenhoc.core.forms import DATE_INPUT, lookup
from khuyenhoc.orgs.models import NodeKind, OrgSystem
from khuyenhoc.places.lookups import resolve_place


class OrgNodeForm(forms.Form):
    """A node's own fields; the place is typed as a code or a name (diacritics optional)."""

    kind = forms.ChoiceField(label=_("Loại"), choices=NodeKind.choices)
    code = forms.CharField(
        label=_("Mã"), max_length=40, help_text=_("Mã duy nhất, ví dụ HKH-40-XA01.")
    )
    name = forms.CharField(label=_("Tên"), max_length=255)
    place = forms.CharField(
        label=_("Địa bàn"),
        required=False,
        max_length=128,
        help_text=_("Mã hoặc tên tỉnh, xã/phường (không cần dấu)."),
    )
    valid_from = forms.DateField(label=_("Thành lập ngày"), required=False, widget=DATE_INPUT)
    valid_until = forms.DateField(label=_("Giải thể ngày"), required=False, widget=DATE_INPUT)
    address = forms.CharField(label=_("Địa chỉ"), required=False, max_length=255)
    phone = forms.CharField(label=_("Điện thoại"), required=False, max_length=32)

    def __init__(self, *args: object, province_code: str = "", **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.province_code = province_code

    def clean_place(self) -> object:
        return lookup(
            resolve_place, self.cleaned_data.get("place", ""), province_code=self.province_code
        )


class RootNodeForm(OrgNodeForm):
    """A new top node of a system (system administrators only)."""

    system = forms.ModelChoiceField(label=_("Hệ thống tổ chức"), queryset=OrgSystem.objects.all())

    field_order = ["system"]
