from django.apps import AppConfig


class PlacesConfig(AppConfig):
    name = "khuyenhoc.places"
    label = "places"
    verbose_name = "Đơn vị hành chính"
