"""`khuyenhoc export <kind> [--org CODE] [--format xlsx|csv] [--output PATH] [--user NAME]`."""

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from khuyenhoc.bulk import registry
from khuyenhoc.bulk.cli import USAGE, acting, org_by_code
from khuyenhoc.bulk.exporting import csv_lines, export_rows, write_csv, write_xlsx


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

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            kind = registry.get(options["kind"])
        except registry.UnknownKind as err:
            raise CommandError(str(err), returncode=USAGE) from None
        _user, scope = acting(options["user"])
        rows = export_rows(kind, kind.export_queryset(scope, org_by_code(options["org"], scope)))
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
