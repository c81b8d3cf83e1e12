from django.urls import path

from khuyenhoc.places import views

app_name = "places"
urlpatterns = [
    path("", views.province_list, name="province-list"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/villages/new/", views.village_create, name="village-create"),
]
