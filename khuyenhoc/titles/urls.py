from django.urls import path

from khuyenhoc.titles import citizen_views, views

app_name = "titles"
urlpatterns = [
    path("", views.campaign_list, name="campaign-list"),
    path("new/", views.campaign_create, name="campaign-create"),
    path("<int:pk>/", views.campaign_detail, name="campaign-detail"),
    path("<int:pk>/register/", views.campaign_register, name="campaign-register"),
    path("registrations/<int:pk>/", views.registration_detail, name="registration-detail"),
    path("registrations/<int:pk>/assess/", views.registration_assess, name="registration-assess"),
    path("registrations/<int:pk>/verify/", views.registration_verify, name="registration-verify"),
    path(
        "registrations/<int:pk>/evidence/",
        views.registration_evidence,
        name="registration-evidence",
    ),
    path("evidence/<int:pk>/", views.evidence_file, name="evidence-file"),
    path("<int:pk>/decide/", views.campaign_decide, name="campaign-decide"),
    path("decisions/", views.decision_list, name="decision-list"),
    path("decisions/<int:pk>/", views.decision_detail, name="decision-detail"),
    path("decisions/<int:pk>/pdf/", views.decision_pdf_view, name="decision-pdf"),
    path(
        "decisions/<int:pk>/certificates/",
        views.decision_certificates,
        name="decision-certificates",
    ),
    path(
        "decisions/<int:pk>/certificates/<int:line>/",
        views.decision_certificates,
        name="decision-certificate",
    ),
    path("decisions/<int:pk>/revoke/", views.decision_revoke_view, name="decision-revoke"),
    path("verify/<str:code>/", views.verify_certificate, name="verify"),
    path("criteria/", views.criteria_list, name="criteria-list"),
    path("criteria/<int:pk>/", views.criteria_detail, name="criteria-detail"),
    path("criteria/<int:pk>/copy/", views.criteria_copy, name="criteria-copy"),
    path("criteria/<int:pk>/publish/", views.criteria_publish, name="criteria-publish"),
    path("criteria/items/<int:pk>/edit/", views.criterion_edit, name="criterion-edit"),
    path("me/", citizen_views.my_titles, name="me"),
    path("me/campaigns/<int:pk>/register/", citizen_views.my_register, name="me-register"),
    path("me/registrations/<int:pk>/", citizen_views.my_registration, name="me-registration"),
    path("me/registrations/<int:pk>/evidence/", citizen_views.my_evidence, name="me-evidence"),
    path("me/evidence/<int:pk>/", citizen_views.my_evidence_file, name="me-evidence-file"),
    path(
        "people/<int:pk>/citizen-account/",
        citizen_views.citizen_account,
        name="citizen-account",
    ),
]
