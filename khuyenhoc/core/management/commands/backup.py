"""`khuyenhoc backup [--output FILE]`: the database and the uploaded files, in one archive."""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from khuyenhoc.core.backups.backup import backup_create, backup_size_text
from khuyenhoc.core.backups.errors import BackupError
from khuyenhoc.core.numbers import number_text


class Command(BaseCommand):
    help = (
        "Sao lưu cơ sở dữ liệu (tại một thời điểm, trong khi ứng dụng vẫn chạy) và các tệp đính kèm "
        "vào một tệp."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--output",
            type=Path,
            help="tệp sẽ ghi (mặc định: var/backups/khuyenhoc-YYYYmmdd-HHMMSS.tar)",
        )

    def handle(self, *args: Any, output: Path | None, **options: Any) -> None:
        try:
            summary = backup_create(output)
        except BackupError as error:
            raise CommandError(error.message) from None
        self.stdout.write(
            _(
                "Đã sao lưu vào %(path)s (%(size)s): %(tables)s bảng, %(rows)s dòng, %(files)s tệp đính kèm."
            )
            % {
                "path": summary.path,
                "size": backup_size_text(summary.size),
                "tables": number_text(len(summary.tables)),
                "rows": number_text(sum(summary.tables.values())),
                "files": number_text(summary.media),
            }
        )
