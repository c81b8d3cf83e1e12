from django.apps import AppConfig


class TitlesConfig(AppConfig):
    name = "khuyenhoc.titles"
    label = "titles"
    verbose_name = "Danh hiệu học tập"
