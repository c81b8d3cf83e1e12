"""`khuyenhoc api_token USERNAME [--name NAME]`: issue an API token and print it once."""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from khuyenhoc.accounts.models import User
from khuyenhoc.accounts.services import token_create


class Command(BaseCommand):
    help = "Tạo mã truy cập API cho một người dùng và in mã ra (chỉ một lần)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("username", help="Tên đăng nhập của người dùng.")
        parser.add_argument("--name", default="", help="Tên gợi nhớ của mã truy cập.")

    def handle(self, *args: Any, username: str, name: str, **options: Any) -> None:
        """Print the raw token on stdout (for scripts) and a reminder on stderr."""
        user = User.objects.filter(username=username.strip()).first()
        if user is None:
            raise CommandError(_("Không có người dùng %(username)s.") % {"username": username})
        if not user.is_active:
            raise CommandError(
                _("Tài khoản %(username)s đã bị khóa.") % {"username": user.username}
            )
        token, raw = token_create(actor=user, name=name)
        self.stdout.write(raw)
        self.stderr.write(
            _("Đã tạo mã truy cập “%(name)s” cho %(username)s. Hãy lưu lại: mã chỉ hiện một lần.")
            % {"name": token.name, "username": user.username}
        )
