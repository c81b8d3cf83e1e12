"""Sign-in, profile with API tokens, and account management inside the user's subtree."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from khuyenhoc.accounts import selectors, services
from khuyenhoc.accounts.forms import LoginForm, TokenForm, UserCreateForm, UsernameChangeForm
from khuyenhoc.accounts.models import User
from khuyenhoc.core.errors import DomainError, ErrorCode, NotFoundError
from khuyenhoc.core.scope import Action
from khuyenhoc.core.web import render_form, scoped, submit
from khuyenhoc.orgs.selectors import orgnode_get_by_code


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    """The user's own account and API tokens; a new token is shown once."""
    form = TokenForm(request.POST or None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        _token, new_token = services.token_create(
            actor=request.user, name=form.cleaned_data["name"]
        )
        form = TokenForm()
    context = {
        "tokens": selectors.token_list(user=request.user),
        "form": form,
        "new_token": new_token,
        "username_form": UsernameChangeForm(),
    }
    return render(request, "accounts/profile.html", context)


@login_required
def username_change(request: HttpRequest) -> HttpResponse:
    """The user chooses their own user name (a citizen: one that is not their CCCD)."""
    form = UsernameChangeForm(request.POST or None)
    saved = submit(
        request,
        form,
        lambda data: services.username_change(
            actor=request.user, user=request.user,
            new_username=data["username"], password=data["password"],
        ),
        done=lambda user: redirect("accounts:profile"),
        message=lambda user: _("Đã đổi tên đăng nhập thành %(name)s. Từ nay hãy đăng nhập bằng tên này.")
        % {"name": user.username},
    )  # fmt: skip
    return saved or render_form(
        request, form, title=_("Đổi tên đăng nhập"), cancel_url=reverse("accounts:profile")
    )


@require_POST
@login_required
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """Revoke one of the user's own tokens."""
    token = selectors.token_list(user=request.user).filter(pk=pk).first()
    if token is not None:
        services.token_revoke(actor=request.user, token=token)
        messages.success(request, _("Đã thu hồi mã truy cập."))
    return redirect("accounts:profile")


@scoped(Action.MANAGE_USERS)
def user_list(request: HttpRequest) -> HttpResponse:
    """Accounts of the organisations the user administers."""
    return render(
        request,
        "accounts/user_list.html",
        {"users": selectors.user_list(scope=request.scope)[:500]},
    )


@scoped(Action.MANAGE_USERS)
def user_create(request: HttpRequest) -> HttpResponse:
    """Create an account inside the user's subtree."""
    initial = {"org_node": getattr(request.user.org_node, "code", "")}
    form = UserCreateForm(request.POST or None, initial=initial)

    def create_user(data: dict) -> User:
        code = data.pop("org_node")
        try:
            node = orgnode_get_by_code(scope=request.scope, code=code) if code else None
        except NotFoundError:
            message = _("Không có tổ chức mã này trong phạm vi của bạn.")
            raise DomainError(ErrorCode.OUT_OF_SCOPE, message, field="org_node") from None
        return services.user_create(actor=request.user, scope=request.scope, org_node=node, **data)

    saved = submit(
        request,
        form,
        create_user,
        done=lambda user: redirect("accounts:user-list"),
        message=lambda user: _("Đã tạo tài khoản %(name)s.") % {"name": user.username},
    )
    return saved or render_form(
        request, form, title=_("Tạo tài khoản"), cancel_url="/accounts/users/"
    )
