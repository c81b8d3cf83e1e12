"""`khuyenhoc import <kind> FILE [--org CODE] [--dry-run] [--skip-invalid] [--report PATH] [--user NAME]`.

Exit status: 0 every row imported, 1 some rows invalid (nothing written unless --skip-invalid),
2 a usage error or an unreadable file.
"""

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from khuyenhoc.bulk import registry
from khuyenhoc.bulk.cli import USAGE, acting, org_by_code
from khuyenhoc.bulk.engine import run_import
from khuyenhoc.bulk.kinds import ImportContext
from khuyenhoc.bulk.services import job_record

SHOWN = 50


class Command(BaseCommand):
    help = "Nhập dữ liệu từ tệp XLSX, XLS hoặc CSV."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "kind", help="persons, households, clans, org-nodes, villages, memberships, ..."
        )
        parser.add_argument("file", type=Path)
        parser.add_argument("--org", help="mã đơn vị mặc định cho các dòng không ghi đơn vị")
        parser.add_argument("--dry-run", action="store_true", help="kiểm tra và đếm, không ghi gì")
        parser.add_argument(
            "--skip-invalid", action="store_true", help="nhập các dòng hợp lệ, bỏ qua dòng lỗi"
        )
        parser.add_argument("--report", type=Path, help="ghi báo cáo XLSX: các dòng gốc và cột lỗi")
        parser.add_argument(
            "--user", help="thực hiện với quyền của người dùng này (mặc định: toàn quốc)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            registry.get(options["kind"])
        except registry.UnknownKind as err:
            raise CommandError(str(err), returncode=USAGE) from None
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(_("Không có tệp %(path)s.") % {"path": path}, returncode=USAGE)
        user, scope = acting(options["user"])
        ctx = ImportContext(actor=user, scope=scope, org=org_by_code(options["org"], scope))
        report = run_import(
            options["kind"],
            path,
            ctx=ctx,
            dry_run=options["dry_run"],
            skip_invalid=options["skip_invalid"],
            report_path=options["report"],
        )
        job_record(report=report, actor=user, org=ctx.org)
        self._print(report)
        if report.exit_code:
            sys.exit(report.exit_code)

    def _print(self, report: Any) -> None:
        out = self.stderr if report.fatal else self.stdout
        out.write(report.summary())
        for problem in report.problems[:SHOWN]:
            where = _("Dòng %(row)s") % {"row": problem.row}
            column = f", {problem.column}" if problem.column else ""
            self.stdout.write(f"  {where}{column}: {problem.message}")
        hidden = report.invalid - min(len(report.problems), SHOWN)
        if hidden > 0:
            self.stdout.write(
                _("  … và %(n)s dòng lỗi khác (xem báo cáo --report).") % {"n": hidden}
            )
