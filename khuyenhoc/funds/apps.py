from django.apps import AppConfig


class FundsConfig(AppConfig):
    name = "khuyenhoc.funds"
    label = "funds"
    verbose_name = "Quỹ khuyến học, khuyến tài"
