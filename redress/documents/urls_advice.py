"""The overdue-health-advice pages, under /advice/ beside casework's advice pages (joined in
redress/urls.py, so their names stay `advice:...`)."""

from django.urls import path

from redress.documents import views_advice

urlpatterns = [
    path("health-overdue/", views_advice.health_overdue, name="health-overdue"),
    path("health-overdue.csv", views_advice.health_overdue_export, name="health-overdue-export"),
    path(
        "health-overdue/<int:org_pk>/letter.docx",
        views_advice.escalation_letter,
        name="escalation-letter",
    ),
]
