from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo data set: it builds on every domain app, so it sits above them all."""

    name = "khuyenhoc.demo"
    label = "demo"
    verbose_name = "Dữ liệu mẫu"
