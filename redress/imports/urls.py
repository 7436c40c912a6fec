from django.urls import URLPattern, path

from redress.imports import views

app_name = "imports"

urlpatterns: list[URLPattern] = [path("", views.import_caseload, name="import")]
