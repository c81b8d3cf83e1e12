"""khuyenhoc rebuild_tallies: recount the learning-title tallies from the registrations."""

from typing import Any

from django.core.management.base import BaseCommand

from khuyenhoc.titles.services.tallies import tallies_rebuild


class Command(BaseCommand):
    help = "Đếm lại bảng tổng hợp đăng ký danh hiệu từ các đăng ký (sau khi khôi phục dữ liệu, hoặc để đối chiếu)."

    def handle(self, *args: Any, **options: Any) -> None:
        rows = tallies_rebuild()
        self.stdout.write(f"Đã đếm lại: {rows} dòng tổng hợp.")
