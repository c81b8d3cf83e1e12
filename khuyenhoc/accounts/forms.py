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


_USERNAME_HELP = _(
    "Chữ cái không dấu (a–z), chữ số và các dấu . _ -, từ 3 đến 150 ký tự; không dùng số CCCD/CMND."
)
_USERNAME_ERRORS = {"max_length": _("Tên đăng nhập dài từ 3 đến 150 ký tự.")}


class UsernameChangeForm(forms.Form):
    """A user name of one's choosing, confirmed with the current password."""

    username = forms.CharField(
        label=_("Tên đăng nhập mới"),
        max_length=150,
        help_text=_USERNAME_HELP,
        error_messages={**_USERNAME_ERRORS, "required": _("Cần nhập tên đăng nhập.")},
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none"}),
    )
    password = forms.CharField(
        label=_("Mật khẩu hiện tại"),
        strip=False,
        max_length=4096,
        error_messages={"required": _("Cần nhập mật khẩu hiện tại.")},
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class CitizenAccountForm(forms.Form):
    """The user name a clerk may type when issuing a citizen account (empty: the CCCD)."""

    username = forms.CharField(
        label=_("Tên đăng nhập (nên chọn, không dùng số CCCD)"),
        max_length=150,
        required=False,
        help_text=_USERNAME_HELP,
        error_messages=_USERNAME_ERRORS,
    )
