from django.urls import path

from khuyenhoc.programmes import views

app_name = "programmes"
urlpatterns = [
    path("", views.programme_list, name="list"),
    path("new/", views.programme_create, name="create"),
    path("<int:pk>/", views.programme_detail, name="detail"),
    path("<int:pk>/documents/new/", views.document_create, name="document-create"),
    path("files/<str:kind>/<int:pk>/", views.file, name="file"),
    path("<int:pk>/contents/new/", views.content_create, name="content-create"),
    path("<int:pk>/indicators/new/", views.indicator_create, name="indicator-create"),
    path("<int:pk>/targets/new/", views.target_create, name="target-create"),
    path("<int:pk>/activities/new/", views.activity_create, name="activity-create"),
    path("<int:pk>/reported/new/", views.reported_create, name="reported-create"),
    path("<int:pk>/periods/new/", views.period_create, name="period-create"),
    path("targets/<int:pk>/cascade/", views.target_cascade, name="target-cascade"),
    path("<int:pk>/bases/", views.bases_refresh, name="bases-refresh"),
    path("activities/<int:pk>/edit/", views.activity_edit, name="activity-edit"),
    path("periods/<int:pk>/", views.period_detail, name="period"),
    path("submissions/<int:pk>/decide/", views.submission_decide, name="submission-decide"),
]
