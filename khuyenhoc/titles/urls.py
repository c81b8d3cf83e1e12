from django.urls import path

from khuyenhoc.titles import views

app_name = "titles"
urlpatterns = [
    path("", views.campaign_list, name="campaign-list"),
    path("new/", views.campaign_create, name="campaign-create"),
    path("<int:pk>/", views.campaign_detail, name="campaign-detail"),
    path("<int:pk>/register/", views.campaign_register, name="campaign-register"),
    path("registrations/<int:pk>/", views.registration_detail, name="registration-detail"),
    path("registrations/<int:pk>/assess/", views.registration_assess, name="registration-assess"),
    path("registrations/<int:pk>/verify/", views.registration_verify, name="registration-verify"),
    path("<int:pk>/decide/", views.campaign_decide, name="campaign-decide"),
    path("decisions/", views.decision_list, name="decision-list"),
    path("decisions/<int:pk>/", views.decision_detail, name="decision-detail"),
    path("decisions/<int:pk>/pdf/", views.decision_pdf_view, name="decision-pdf"),
    path(
        "decisions/<int:pk>/certificates/",
        views.decision_certificates,
        name="decision-certificates",
    ),
    path("decisions/<int:pk>/revoke/", views.decision_revoke, name="decision-revoke"),
    path("verify/<str:code>/", views.verify_certificate, name="verify"),
    path("criteria/", views.criteria_list, name="criteria-list"),
    path("criteria/<int:pk>/", views.criteria_detail, name="criteria-detail"),
]
