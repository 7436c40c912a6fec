from django.urls import URLPattern, path

from redress.audit import views

app_name = "audit"

urlpatterns: list[URLPattern] = [
    path("cases/<int:pk>/audit.csv", views.child_trail_csv, name="child-trail-csv"),
]
