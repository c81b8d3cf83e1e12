"""Forms for administrative units."""

from django import forms
from django.utils.translation import gettext_lazy as _

from khuyenhoc.places.services import VILLAGE_TYPES


class VillageForm(forms.Form):
    """A new village or residential group under a commune."""

    name = forms.CharField(
        label=_("Tên"), max_length=128, help_text=_("Ví dụ: Thôn Đông, Tổ dân phố 3.")
    )
    division_type = forms.ChoiceField(
        label=_("Loại"), choices=[(t, t.capitalize()) for t in VILLAGE_TYPES], initial="thôn"
    )
    code = forms.CharField(
        label=_("Mã"), max_length=16, required=False, help_text=_("Để trống để hệ thống tự đặt.")
    )
