from django.urls import path

from redress.mediation import views, views_day, views_lists

app_name = "mediation"

urlpatterns = [
    path("", views_lists.case_list, name="case-list"),
    path("export/", views_lists.case_list_export, name="case-list-export"),
    path("new/", views.case_new, name="case-new"),
    path("my-meetings/", views_lists.my_meetings, name="my-meetings"),
    path("my-meetings/export/", views_lists.my_meetings_export, name="my-meetings-export"),
    path("availability/", views_day.availability, name="availability"),
    path("providers/<int:provider_pk>/policy/", views.policy, name="policy"),
    path("<int:pk>/", views.case_detail, name="case-detail"),
    path("<int:pk>/notes/", views.notes, name="notes"),
    path(
        "<int:pk>/certificates/<int:certificate_pk>/document/",
        views.certificate_document,
        name="certificate-document",
    ),
    path(
        "<int:pk>/attendees/<int:attendee_pk>/confirmation/",
        views.confirmation_document,
        name="confirmation-document",
    ),
    path(
        "<int:pk>/documents/<int:document_pk>/",
        views_day.shared_document,
        name="shared-document",
    ),
    path("<int:pk>/withdraw/", views.case_withdraw, name="case-withdraw"),
    path("<int:pk>/correct/<slug:step>/", views.step_correct, name="step-correct"),
    path(
        "<int:pk>/certificates/<int:certificate_pk>/correct/",
        views.certificate_correct,
        name="certificate-correct",
    ),
    path(
        "<int:pk>/meetings/<int:meeting_pk>/correct/",
        views.meeting_correct,
        name="meeting-correct",
    ),
    path("<int:pk>/<slug:slug>/", views.case_step, name="step"),
    path("<int:pk>/<slug:slug>/<int:obj_pk>/", views.case_step, name="record-step"),
]
