from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "khuyenhoc.programmes"
    label = "programmes"
    verbose_name = "Chương trình phối hợp"
