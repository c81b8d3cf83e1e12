from django.urls import path

from khuyenhoc.titles.views import campaigns, citizen, criteria, decisions, evidence, registrations

app_name = "titles"
urlpatterns = [
    path("", campaigns.campaign_list, name="campaign-list"),
    path("new/", campaigns.campaign_create, name="campaign-create"),
    path("<int:pk>/", campaigns.campaign_detail, name="campaign-detail"),
    path("<int:pk>/register/", campaigns.campaign_register, name="campaign-register"),
    path(
        "registrations/<int:pk>/",
        registrations.registration_detail,
        name="registration-detail",
    ),
    path(
        "registrations/<int:pk>/assess/",
        registrations.registration_assess,
        name="registration-assess",
    ),
    path(
        "registrations/<int:pk>/verify/",
        registrations.registration_verify,
        name="registration-verify",
    ),
    path(
        "registrations/<int:pk>/evidence/",
        evidence.registration_evidence,
        name="registration-evidence",
    ),
    path("evidence/<int:pk>/", evidence.evidence_file, name="evidence-file"),
    path("<int:pk>/decide/", decisions.campaign_decide, name="campaign-decide"),
    path("decisions/", decisions.decision_list, name="decision-list"),
    path("decisions/<int:pk>/", decisions.decision_detail, name="decision-detail"),
    path("decisions/<int:pk>/pdf/", decisions.decision_pdf_view, name="decision-pdf"),
    path(
        "decisions/<int:pk>/certificates/",
        decisions.decision_certificates,
        name="decision-certificates",
    ),
    path(
        "decisions/<int:pk>/certificates/<int:line>/",
        decisions.decision_certificates,
        name="decision-certificate",
    ),
    path("decisions/<int:pk>/revoke/", decisions.decision_revoke_view, name="decision-revoke"),
    path("verify/<str:code>/", decisions.verify_certificate, name="verify"),
    path("criteria/", criteria.criteria_list, name="criteria-list"),
    path("criteria/<int:pk>/", criteria.criteria_detail, name="criteria-detail"),
    path("criteria/<int:pk>/copy/", criteria.criteria_copy, name="criteria-copy"),
    path("criteria/<int:pk>/publish/", criteria.criteria_publish, name="criteria-publish"),
    path("criteria/items/<int:pk>/edit/", criteria.criterion_edit, name="criterion-edit"),
    path("me/", citizen.my_titles, name="me"),
    path("me/campaigns/<int:pk>/register/", citizen.my_register, name="me-register"),
    path("me/registrations/<int:pk>/", citizen.my_registration, name="me-registration"),
    path("me/registrations/<int:pk>/evidence/", citizen.my_evidence, name="me-evidence"),
    path("me/evidence/<int:pk>/", citizen.my_evidence_file, name="me-evidence-file"),
    path(
        "people/<int:pk>/citizen-account/",
        citizen.citizen_account,
        name="citizen-account",
    ),
]
