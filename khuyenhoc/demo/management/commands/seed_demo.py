"""`khuyenhoc seed_demo`: load the deterministic demo data set once, and print the demo logins."""

from typing import Any

from django.core.management.base import BaseCommand

from khuyenhoc.demo.loader import ADMIN_USERNAME, CITIZEN_USERNAME, DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu (một lần) và in thông tin đăng nhập của quản trị viên mẫu."

    def handle(self, *args: Any, **options: Any) -> None:
        result = load_demo()
        if result.created:
            self.stdout.write(self.style.SUCCESS(f"Đã nạp dữ liệu mẫu: {result.persons} người."))
        else:
            self.stdout.write("Dữ liệu mẫu đã có sẵn, giữ nguyên.")
        self.stdout.write(
            f"Đăng nhập quản trị mẫu: tên đăng nhập '{ADMIN_USERNAME}', mật khẩu '{DEMO_PASSWORD}'. "
            "Cán bộ mẫu: 'nghean' (quản trị tỉnh Nghệ An), 'thanhvinh' và 'hoabinh' (nhập liệu), "
            "'ketoan' (kế toán) và 'pheduyet' (phê duyệt) phường Thành Vinh, 'thamdinh' (thẩm định "
            f"tỉnh Nghệ An); người dân có tài khoản công dân: "
            f"'{CITIZEN_USERNAME}' (cùng mật khẩu)."
        )
