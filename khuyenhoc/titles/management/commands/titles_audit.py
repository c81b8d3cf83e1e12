"""khuyenhoc titles_audit [--criteria-set CODE]: re-score stored assessments and report differences."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from khuyenhoc.core.scope import Scope
from khuyenhoc.titles.audit import assessments_audit
from khuyenhoc.titles.models import CriteriaSet


class Command(BaseCommand):
    help = (
        "Chấm lại mọi lần đánh giá đã lưu theo bộ tiêu chí của nó và báo những kết quả không khớp."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--criteria-set", help="mã một bộ tiêu chí (mặc định: mọi bộ đã công bố)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        sets = CriteriaSet.objects.filter(published_at__isnull=False).order_by("code")
        if options["criteria_set"]:
            sets = sets.filter(code=options["criteria_set"].strip().upper())
            if not sets.exists():
                raise CommandError(f"Không có bộ tiêu chí đã công bố mã {options['criteria_set']}.")
        everywhere = Scope.system()
        damaged = 0
        for criteria_set in sets:
            result = assessments_audit(scope=everywhere, criteria_set=criteria_set)
            line = f"{criteria_set.code}: {result.checked} lần đánh giá, {result.mismatches} không khớp"
            if result.examples:
                line += " (mã: " + ", ".join(map(str, result.examples[:20])) + ")"
            self.stdout.write(line)
            damaged += result.mismatches
        if damaged:
            raise CommandError(f"{damaged} lần đánh giá có kết quả lưu khác với bộ tiêu chí.")
