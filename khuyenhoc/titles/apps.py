from django.apps import AppConfig


class TitlesConfig(AppConfig):
    name = "khuyenhoc.titles"
    label = "titles"
    verbose_name = "Danh hiệu học tập"

    def ready(self) -> None:
        from khuyenhoc.core.panels import panel_register
        from khuyenhoc.titles.panels import learning_titles

        panel_register("learning_titles", learning_titles)
