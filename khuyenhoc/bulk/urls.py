from django.urls import path

from khuyenhoc.bulk import views

app_name = "bulk"
urlpatterns = [
    path("", views.index, name="index"),
    path("jobs/<int:pk>/", views.job, name="job"),
    path("jobs/<int:pk>/retry/", views.job_retry, name="job-retry"),
    path("jobs/<int:pk>/report.xlsx", views.job_report, name="job-report"),
    path("<slug:kind>/template.xlsx", views.template, name="template"),
    path("<slug:kind>/import/", views.upload, name="upload"),
    path("<slug:kind>/export/", views.export, name="export"),
]
