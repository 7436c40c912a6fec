from django.urls import URLPattern, path

from redress.sen2 import views

app_name = "sen2"

urlpatterns: list[URLPattern] = [
    path("", views.index, name="index"),
    path("return.xml", views.download, name="download"),
    path("failures.csv", views.failures_export, name="failures-export"),
    path("authority/", views.authority_details, name="authority"),
    path("missing/", views.missing, name="missing"),
    path("missing.csv", views.missing_export, name="missing-export"),
    path("child/<int:pk>/", views.child_items, name="child"),
    path("placement/<int:pk>/", views.placement_items, name="placement"),
    path("request/<int:pk>/", views.request_items, name="request"),
    path("transfer/<int:pk>/", views.transfer_items, name="transfer"),
    path("cessation/<int:pk>/", views.cease_reason, name="cease-reason"),
]
