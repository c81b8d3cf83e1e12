"""`khuyenhoc export <kind> [--org CODE] [--format xlsx|csv] [--output PATH] [--user NAME] [--full]`."""

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from khuyenhoc.bulk import registry
from khuyenhoc.bulk.cli import USAGE, acting, org_by_code
from khuyenhoc.bulk.exporting import csv_lines, export_rows, write_csv, write_xlsx
from khuyenhoc.bulk.services import export_record
from khuyenhoc.core.models import Channel
from khuyenhoc.core.scope import Action


class Command(BaseCommand):
    help = "Xuất dữ liệu ra tệp XLSX hoặc CSV (trong phạm vi của người dùng)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind")
        parser.add_argument("--org", help="chỉ xuất đơn vị này và các đơn vị trực thuộc")
        parser.add_argument("--format", choices=["xlsx", "csv"], default=None)
        parser.add_argument("--output", type=Path, help="tệp kết quả (mặc định: CSV ra màn hình)")
        parser.add_argument(
            "--user", help="xuất trong phạm vi của người dùng này (mặc định: toàn quốc)"
        )
        parser.add_argument(
            "--full",
            action="store_true",
            help="kèm số CCCD, ngày sinh, điện thoại đầy đủ (mặc định: che bớt); ghi vào nhật ký",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            kind = registry.get(options["kind"])
        except registry.UnknownKind as err:
            raise CommandError(str(err), returncode=USAGE) from None
        user, scope = acting(options["user"])
        full = options["full"]
        if full:
            if not scope.can(Action.VIEW_IDENTITY):
                raise CommandError(
                    _("Vai trò của người dùng này không được xuất số CCCD đầy đủ."),
                    returncode=USAGE,
                )
            scope = scope.only(Action.VIEW_IDENTITY)
        org = org_by_code(options["org"], scope)
        records = kind.export_queryset(scope, org)
        export_record(
            actor=user, scope=scope, kind=kind, records=records, org=org, full=full,
            channel=Channel.CLI,
        )  # fmt: skip
        rows = export_rows(kind, records, full=full)
        output: Path | None = options["output"]
        fmt = options["format"] or (output.suffix.lstrip(".").lower() if output else "csv")
        if fmt not in {"xlsx", "csv"}:
            raise CommandError(_("Định dạng phải là xlsx hoặc csv."), returncode=USAGE)
        if output is None:
            if fmt == "xlsx":
                raise CommandError(_("Xuất XLSX cần --output."), returncode=USAGE)
            for line in csv_lines(rows):
                sys.stdout.write(line.lstrip("\ufeff"))
            return
        count = (
            write_xlsx(rows, output, sheet_name=kind.name)
            if fmt == "xlsx"
            else write_csv(rows, output)
        )
        self.stderr.write(_("Đã xuất %(n)s dòng vào %(path)s.") % {"n": count, "path": output})
