from django.contrib import admin
from django.urls import include, path

from redress.api.urls import api_urls

admin.site.site_header = "Redress administration"
admin.site.site_title = "Redress administration"
admin.site.index_title = "Administration"

urlpatterns = [
    path("", include("redress.core.urls")),
    path("bank-holidays/", include("redress.bankholidays.urls")),
    path("guidance/", include("redress.guidance.urls")),
    path("", include("redress.family.urls")),
    path("", include("redress.notifications.urls")),
    path("account/", include("redress.accounts.urls")),
    path("advice/", include("redress.casework.urls_advice")),
    path("plans/", include("redress.plans.urls")),
    path("mediation/", include("redress.mediation.urls")),
    path("agreements/", include("redress.agreements.urls")),
    path("appeals/", include("redress.appeals.urls")),
    path("reports/", include("redress.reports.urls")),
    path("sen2/", include("redress.sen2.urls")),
    path("imports/", include("redress.imports.urls")),
    path("api/v1/", api_urls),
    path("api-tokens/", include("redress.api.urls")),
    path("letters/", include("redress.documents.urls")),
    path("", include("redress.audit.urls")),
    path("", include("redress.casework.urls")),
    path("admin/", admin.site.urls),
]
