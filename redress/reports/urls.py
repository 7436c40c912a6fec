from django.urls import URLPattern, path

from redress.reports import views

app_name = "reports"

urlpatterns: list[URLPattern] = [
    path("", views.index, name="index"),
    path("figures.csv", views.figures_csv, name="figures-csv"),
    path("performance/", views.performance_index, name="performance"),
    path("performance.csv", views.performance_csv, name="performance-csv"),
    path("statistics/import/", views.statistics_import, name="statistics-import"),
    path("statistics/imports/<int:pk>/", views.statistics_batch, name="statistics-batch"),
]
