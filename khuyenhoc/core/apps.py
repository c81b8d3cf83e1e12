from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "khuyenhoc.core"
    label = "core"
    verbose_name = "Lõi hệ thống"

    def ready(self) -> None:
        from khuyenhoc.core import lookups  # noqa: F401  (registers field__one_of)
