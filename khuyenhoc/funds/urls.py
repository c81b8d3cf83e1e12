from django.urls import path

from khuyenhoc.funds import views

app_name = "funds"
urlpatterns = [
    path("", views.fund_list, name="fund-list"),
    path("new/", views.fund_create, name="fund-create"),
    path("report/", views.report, name="report"),
    path("<int:pk>/", views.fund_detail, name="fund-detail"),
    path("<int:pk>/edit/", views.fund_edit, name="fund-edit"),
    path("<int:pk>/sub-funds/new/", views.sub_fund_create, name="sub-fund-create"),
    path("<int:pk>/donations/new/", views.donation_create, name="donation-create"),
    path("<int:pk>/payments/new/", views.payment_create, name="payment-create"),
    path("<int:pk>/campaigns/new/", views.campaign_create, name="campaign-create"),
    path("<int:pk>/pledges/new/", views.pledge_create, name="pledge-create"),
    path("<int:pk>/transfers/new/", views.transfer_create, name="transfer-create"),
    path("<int:pk>/statement/", views.statement_upload, name="statement"),
    path("donations/<int:pk>/receipt/", views.donation_receipt, name="donation-receipt"),
    path("payments/<int:pk>/decide/", views.payment_decide, name="payment-decide"),
    path("payments/<int:pk>/voucher/", views.payment_voucher, name="payment-voucher"),
    path(
        "donations/<int:pk>/correct/",
        views.correction,
        {"kind": "donation"},
        name="donation-correct",
    ),
    path(
        "payments/<int:pk>/correct/", views.correction, {"kind": "payment"}, name="payment-correct"
    ),
    path("campaigns/<int:pk>/", views.campaign_detail, name="campaign-detail"),
    path("pledges/<int:pk>/", views.pledge_detail, name="pledge-detail"),
    path("transfers/<int:pk>/", views.transfer_detail, name="transfer-detail"),
    path("public/<str:code>/", views.public_page, name="public"),
]
