from django.urls import path

from redress.documents import views

app_name = "documents"

urlpatterns = [
    path("child/<int:child_pk>/decisions/", views.decision_letters, name="decision-letters"),
    path(
        "child/<int:child_pk>/decisions/<str:key>/letter/",
        views.decision_letter,
        name="decision-letter",
    ),
]
