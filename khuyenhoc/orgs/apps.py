from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "khuyenhoc.orgs"
    label = "orgs"
    verbose_name = "Tổ chức"
