"""Forms for signing in and for managing accounts."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from khuyenhoc.core.scope import Role


class LoginForm(AuthenticationForm):
    """Sign-in with Vietnamese messages."""

    error_messages = {
        "invalid_login": _("Tên đăng nhập hoặc mật khẩu không đúng."),
        "inactive": _("Tài khoản này đã bị khóa."),
    }


class UserCreateForm(forms.Form):
    """A new account on an organisation node (by code) with its roles."""

    username = forms.CharField(label=_("Tên đăng nhập"), max_length=150)
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150, required=False)
    email = forms.EmailField(label=_("Thư điện tử"), required=False)
    org_node = forms.CharField(label=_("Tổ chức (mã)"), max_length=40, required=False)
    roles = forms.MultipleChoiceField(
        label=_("Vai trò"), choices=Role.choices, widget=forms.CheckboxSelectMultiple
    )
    password = forms.CharField(label=_("Mật khẩu"), widget=forms.PasswordInput, min_length=8)


class TokenForm(forms.Form):
    """A new API token."""

    name = forms.CharField(
        label=_("Tên mã truy cập"), max_length=80, help_text=_("Ví dụ: Đồng bộ Excel.")
    )
