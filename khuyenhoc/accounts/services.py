"""Writes for users, their role grants and API tokens."""

import logging
import re
import secrets
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from khuyenhoc.accounts.models import ApiToken, RoleGrant, User
from khuyenhoc.core.errors import DomainError, ErrorCode
from khuyenhoc.core.scope import Action, Role, Scope
from khuyenhoc.core.services import require, stamp
from khuyenhoc.core.text import clean_text
from khuyenhoc.orgs.models import OrgNode

TOKEN_USE_EVERY = timedelta(minutes=1)
log = logging.getLogger(__name__)

# A user name people choose: ASCII letters, digits and . _ - (lower case), 3 to 150 characters.
_USERNAME = re.compile(r"[a-z0-9._-]+")
# Nine digits (CMND) to twelve (CCCD): what a chosen user name must not look like.
_ID_NUMBER = re.compile(r"[0-9]{9,12}")


@transaction.atomic
def user_create(
    *,
    actor: Any,
    scope: Scope,
    username: str,
    password: str,
    org_node: OrgNode | None,
    roles: list[str],
    full_name: str = "",
    email: str = "",
) -> User:
    """Create an account on `org_node` holding `roles` there; only inside the actor's subtree. A
    system administrator also gets the Django admin site (staff and superuser)."""
    username = clean_text(username).lower()
    if not username:
        raise DomainError(ErrorCode.REQUIRED, _("Cần nhập tên đăng nhập."), field="username")
    if User.objects.filter(username=username).exists():
        raise DomainError(
            ErrorCode.DUPLICATE, _("Tên đăng nhập này đã có người dùng."), field="username"
        )
    if Role.SYSTEM_ADMIN in roles and not scope.is_system_admin:
        raise PermissionDenied(_("Chỉ quản trị hệ thống mới cấp được quyền quản trị hệ thống."))
    if org_node is None and Role.SYSTEM_ADMIN not in roles:
        raise DomainError(
            ErrorCode.REQUIRED, _("Cần chọn tổ chức của người dùng."), field="org_node"
        )
    require(scope, Action.MANAGE_USERS, org_node.path if org_node else "")
    try:
        validate_password(password)
    except ValidationError as exc:
        raise DomainError(ErrorCode.INVALID, " ".join(exc.messages), field="password") from exc
    user = User(username=username, email=clean_text(email), org_node=org_node)
    user.first_name = clean_text(full_name)
    user.is_staff = user.is_superuser = Role.SYSTEM_ADMIN in roles
    user.set_password(password)
    stamp(user, actor).save()
    for role in dict.fromkeys(roles):
        if role not in Role.values:
            raise DomainError(ErrorCode.INVALID, _("Vai trò không hợp lệ."), field="roles")
        node = None if role == Role.SYSTEM_ADMIN else org_node
        stamp(RoleGrant(user=user, org_node=node, role=role), actor).save()
    return user


@transaction.atomic
def token_create(*, actor: User, name: str) -> tuple[ApiToken, str]:
    """Issue an API token for `actor`; the raw token is returned once and never stored."""
    raw = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=actor,
        name=clean_text(name) or _("Mã truy cập"),
        digest=ApiToken.digest_of(raw),
        prefix=raw[:8],
    )
    return token, raw


def token_touch(*, token: ApiToken, now: datetime) -> None:
    """Record when a token was last used — one write a minute at most, so that reads stay reads."""
    if token.last_used_at is None or now - token.last_used_at > TOKEN_USE_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)


@transaction.atomic
def token_revoke(*, actor: User, token: ApiToken) -> ApiToken:
    """Revoke one of the actor's own tokens."""
    if token.user_id != actor.pk:
        raise PermissionDenied(_("Đây không phải mã truy cập của bạn."))
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at", "updated_at"])
    return token


def username_clean(raw: str, *, user: User | None = None) -> str:
    """A user name someone chose, in lower case, or a DomainError on field "username" saying what is
    wrong: length, characters, the shape of a CMND/CCCD number, or another account's (in any case)."""
    name = clean_text(raw).lower()
    if not name:
        raise DomainError(ErrorCode.REQUIRED, _("Cần nhập tên đăng nhập."), field="username")
    if not 3 <= len(name) <= 150:
        message = _("Tên đăng nhập dài từ 3 đến 150 ký tự.")
        raise DomainError(ErrorCode.INVALID, message, field="username")
    if not _USERNAME.fullmatch(name):
        message = _(
            "Tên đăng nhập chỉ gồm chữ cái không dấu (a–z), chữ số và các dấu chấm (.), "
            "gạch dưới (_), gạch ngang (-)."
        )
        raise DomainError(ErrorCode.INVALID, message, field="username")
    if _ID_NUMBER.fullmatch(name):
        message = _("Tên đăng nhập không được là số CCCD/CMND.")
        raise DomainError(ErrorCode.INVALID, message, field="username")
    others = User.objects.filter(username__iexact=name)
    if user is not None:
        others = others.exclude(pk=user.pk)
    if others.exists():
        message = _("Tên đăng nhập này đã có người dùng.")
        raise DomainError(ErrorCode.DUPLICATE, message, field="username")
    return name


@transaction.atomic
def username_change(*, actor: User, user: User, new_username: str, password: str) -> User:
    """The account's owner gives it a user name of their choosing (a citizen: one that is not their
    CCCD), confirmed with their current password; the old name signs in no more."""
    if actor.pk != user.pk:
        raise PermissionDenied(_("Chỉ chủ tài khoản mới đổi được tên đăng nhập của mình."))
    account = User.objects.select_for_update().get(pk=user.pk)
    if not password or not account.check_password(password):
        message = _("Mật khẩu hiện tại không đúng.")
        raise DomainError(ErrorCode.INVALID, message, field="password")
    name = username_clean(new_username, user=account)
    if name == account.username:
        message = _("Tên đăng nhập mới giống tên đang dùng.")
        raise DomainError(ErrorCode.INVALID, message, field="username")
    account.username = name
    stamp(account, actor).save(update_fields=["username"])
    log.info("user %s changed their user name", account.pk)
    return account


# Letters and digits that cannot be misread on paper (no 0/O, 1/l/I).
_READABLE = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"


@transaction.atomic
def citizen_account_open(
    *, actor: Any, scope: Scope, person: Any, username: str = "", password: str = ""
) -> tuple[User, str]:
    """Give a person their own sign-in, or a new password if they have one; returns the account and
    the password, shown once to hand over. The user name is the one typed (checked as
    username_clean checks a chosen one; typed for an existing account, it renames it), else the
    CCCD, else "cd" and the record number. The demo data names its own user name and password.

    A citizen account holds no role: it only lets the person act on what concerns them. Issuing one
    needs the right to change the person's record."""
    require(scope, Action.CHANGE, person.org_path)
    user = User.objects.select_for_update().filter(person=person).first()
    if clean_text(username):
        username = username_clean(username, user=user)
        if user is not None:
            user.username = username
    if user is None:
        username = username or person.cccd or f"cd{person.pk}"
        if User.objects.filter(username=username).exists():
            raise DomainError(
                ErrorCode.DUPLICATE,
                _("Tên đăng nhập %(name)s đã thuộc một tài khoản khác.") % {"name": username},
            )
        user = User(username=username, org_node=person.org_node, person=person)
        user.first_name = person.full_name
    password = password or "".join(secrets.choice(_READABLE) for _ in range(10))
    user.set_password(password)
    stamp(user, actor).save()
    return user, password
