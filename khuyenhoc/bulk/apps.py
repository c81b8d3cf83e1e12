from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class BulkConfig(AppConfig):
    """The import/export engine: it knows no domain; each app declares its kinds in its bulk.py."""

    name = "khuyenhoc.bulk"
    label = "bulk"
    verbose_name = "Nhập, xuất dữ liệu"

    def ready(self) -> None:
        autodiscover_modules("bulk")
