from django.urls import path

from khuyenhoc.reports import views

app_name = "reports"
urlpatterns = [
    path("programmes/<int:pk>/", views.programme, name="programme"),
    path("programmes/<int:pk>/review.docx", views.review_docx_view, name="review-docx"),
    path("programmes/<int:pk>/review.pdf", views.review_pdf_view, name="review-pdf"),
    path("programmes/<int:pk>/review.xlsx", views.review_xlsx_view, name="review-xlsx"),
    path("targets/<int:pk>/", views.target, name="target"),
    path("indicators/<int:pk>/places/<str:code>/", views.place, name="place"),
    path("indicators/<int:pk>/orgs/<int:node_pk>/", views.node, name="node"),
]
