"""URL map: one include per app, the API under /api/v1/, the health check."""

from django.contrib import admin
from django.urls import include, path

from khuyenhoc.api import api
from khuyenhoc.core import views as core_views

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("ping", core_views.ping, name="ping"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
    path("accounts/", include("khuyenhoc.accounts.urls")),
    path("places/", include("khuyenhoc.places.urls")),
    path("orgs/", include("khuyenhoc.orgs.urls")),
    path("people/", include("khuyenhoc.people.urls")),
    path("bulk/", include("khuyenhoc.bulk.urls")),
    path("titles/", include("khuyenhoc.titles.urls")),
    path("funds/", include("khuyenhoc.funds.urls")),
    path("programmes/", include("khuyenhoc.programmes.urls")),
    path("reports/", include("khuyenhoc.reports.urls")),
    path("", include("khuyenhoc.core.urls")),
]

handler404 = "khuyenhoc.core.views.not_found"
handler500 = "khuyenhoc.core.views.server_error"
