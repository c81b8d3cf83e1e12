"""Form helpers shared by every app."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from khuyenhoc.core.errors import DomainError
from khuyenhoc.core.models import AccessKind

# Dates are typed the Vietnamese way everywhere (dd/mm/yyyy).
DATE_INPUT = forms.DateInput(
    attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}, format="%d/%m/%Y"
)


def lookup(resolve: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Call a resolver (code or name → record) and turn its DomainError into a field error."""
    try:
        return resolve(*args, **kwargs)
    except DomainError as err:
        raise forms.ValidationError(err.message) from err


class AccessFilterForm(forms.Form):
    """Filters of the access log page: kind, user name, day range."""

    kind = forms.ChoiceField(
        label=_("Việc"), required=False, choices=[("", _("Tất cả")), *AccessKind.choices]
    )
    actor = forms.CharField(label=_("Tên đăng nhập"), required=False, max_length=150)
    since = forms.DateField(label=_("Từ ngày"), required=False, widget=DATE_INPUT)
    until = forms.DateField(label=_("Đến ngày"), required=False, widget=DATE_INPUT)
