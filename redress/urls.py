from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from redress.api.urls import api_urls
from redress.casework import urls as casework_urls
from redress.casework import urls_advice
from redress.documents import urls_advice as documents_urls_advice
from redress.documents import urls_letters

admin.site.site_header = "Redress administration"
admin.site.site_title = "Redress administration"
admin.site.index_title = "Administration"

CASEWORK_PAGES: list[URLPattern | URLResolver] = [
    *casework_urls.urlpatterns,  # type: ignore[list-item]
    *urls_letters.urlpatterns,
]

urlpatterns = [
    path("", include("redress.core.urls")),
    path("bank-holidays/", include("redress.bankholidays.urls")),
    path("guidance/", include("redress.guidance.urls")),
    path("", include("redress.family.urls")),
    path("", include("redress.notifications.urls")),
    path("account/", include("redress.accounts.urls")),
    # One `advice` namespace: casework's advice pages and documents' overdue-advice letters.
    path(
        "advice/",
        include(
            (urls_advice.urlpatterns + documents_urls_advice.urlpatterns, urls_advice.app_name)
        ),
    ),
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
    # One `casework` namespace: the case's pages and documents' letters pages.
    path(
        "",
        include((CASEWORK_PAGES, casework_urls.app_name)),
    ),
    path("admin/", admin.site.urls),
]
