from django.urls import include, path

from redress.casework import (
    views,
    views_audit,
    views_caseload,
    views_conflicts,
    views_corrections,
    views_people,
)

app_name = "casework"

urlpatterns = [
    path("home/", views.home, name="home"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/export.csv", views.dashboard_export, name="dashboard-export"),
    path("cases/", views_caseload.case_list, name="case-list"),
    path("cases/new/", views.case_new, name="case-new"),
    path("cases/<int:pk>/", views.case_detail, name="case-detail"),
    path("cases/<int:pk>/record/<slug:event_type>/", views.record_event, name="record-event"),
    path("cases/<int:pk>/audit/", views.case_audit, name="case-audit"),
    path("cases/<int:pk>/audit.csv", views_audit.child_trail_csv, name="child-trail-csv"),
    path("cases/<int:pk>/provision/new/", views.provision_new, name="provision-new"),
    path("cases/<int:pk>/details/", views_people.child_edit, name="child-edit"),
    path("cases/<int:pk>/family/new/", views_people.family_member_new, name="family-new"),
    path("cases/<int:pk>/consents/new/", views_people.consent_new, name="consent-new"),
    path("cases/<int:pk>/notes/", include("redress.casefile.urls")),
    path("cases/export.csv", views_caseload.case_list_export, name="case-list-export"),
    path("cases/allocate/", views_caseload.allocate, name="allocate"),
    path("cases/allocate.csv", views_caseload.allocate_export, name="allocate-export"),
    path("cases/<int:pk>/documents/", include("redress.casefile.urls_documents")),
    # Tasks and bring-forward dates (decision 0146).
    path("", include("redress.casefile.urls_tasks")),
    path("cases/<int:pk>/messages/", include("redress.casefile.urls_messages")),
    # Correcting or withdrawing a recorded step (decision 0100).
    path(
        "cases/<int:pk>/steps/<int:event_pk>/correct/",
        views_corrections.event_correct,
        name="event-correct",
    ),
    path(
        "cases/<int:pk>/steps/<int:event_pk>/withdraw/",
        views_corrections.event_withdraw,
        name="event-withdraw",
    ),
    path(
        "cases/<int:pk>/advice/<int:advice_pk>/correct/",
        views_corrections.advice_correct,
        name="advice-correct",
    ),
    path(
        "cases/<int:pk>/advice/<int:advice_pk>/recipient/",
        views_corrections.advice_recipient_correct,
        name="advice-recipient-correct",
    ),
    path(
        "cases/<int:pk>/advice/<int:advice_pk>/withdraw/",
        views_corrections.advice_withdraw,
        name="advice-withdraw",
    ),
    # The register of advice givers' declared conflicts of interest.
    path("conflicts/", views_conflicts.register, name="conflict-register"),
    path("conflicts.csv", views_conflicts.export, name="conflict-register-export"),
    path("conflicts/<int:pk>/withdraw/", views_conflicts.withdraw, name="conflict-withdraw"),
]
