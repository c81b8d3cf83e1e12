from django.urls import path

from khuyenhoc.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("access-log/", views.access_log, name="access-log"),
]
