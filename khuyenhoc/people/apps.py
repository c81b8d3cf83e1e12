from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "khuyenhoc.people"
    label = "people"
    verbose_name = "Người dân, gia đình, dòng họ"
