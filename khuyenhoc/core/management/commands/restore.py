"""`khuyenhoc restore FILE`: a backup archive into an empty database, and its files into MEDIA_ROOT."""

import datetime
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from khuyenhoc.core.backups.errors import BackupError
from khuyenhoc.core.backups.restore import backup_restore
from khuyenhoc.core.numbers import number_text


class Command(BaseCommand):
    help = (
        "Khôi phục một bản sao lưu của `khuyenhoc backup` vào một cơ sở dữ liệu trống (và các tệp "
        "đính kèm vào thư mục tệp)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", type=Path, help="tệp sao lưu (.tar)")

    def handle(self, *args: Any, file: Path, **options: Any) -> None:
        try:
            summary = backup_restore(file)
        except BackupError as error:
            raise CommandError(error.message) from None
        self.stdout.write(
            _(
                "Đã khôi phục %(path)s (sao lưu lúc %(created)s): %(tables)s bảng, %(rows)s dòng, "
                "%(files)s tệp đính kèm."
            )
            % {
                "path": file,
                "created": _local(summary.manifest.created_at),
                "tables": number_text(len(summary.tables)),
                "rows": number_text(sum(summary.tables.values())),
                "files": number_text(summary.media),
            }
        )
        if summary.migrations_behind:
            self.stdout.write(
                _(
                    "Bản sao lưu thiếu %(n)s migration của phiên bản này: hãy chạy "
                    "`khuyenhoc migrate` trước khi dùng."
                )
                % {"n": summary.migrations_behind}
            )


def _local(stamp: str) -> str:
    """An ISO time from the manifest as dd/mm/yyyy HH:MM in Vietnam's time."""
    return timezone.localtime(datetime.datetime.fromisoformat(stamp)).strftime("%d/%m/%Y %H:%M")
