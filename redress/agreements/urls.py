from django.urls import path

from redress.agreements import views, views_billing, views_lists

app_name = "agreements"

urlpatterns = [
    path("", views_lists.agreement_list, name="list"),
    path("export/", views_lists.agreement_list_export, name="list-export"),
    path("overdue/", views_lists.overdue, name="overdue"),
    path("overdue/export/", views_lists.overdue_export, name="overdue-export"),
    path("dashboard/", views_lists.dashboard, name="dashboard"),
    path(
        "dashboard/certificates-due/export/",
        views_lists.certificates_due_export,
        name="certificates-due-export",
    ),
    path(
        "dashboard/meetings-this-week/export/",
        views_lists.meetings_this_week_export,
        name="meetings-this-week-export",
    ),
    path("report/", views.report, name="report"),
    path("figures/", views_billing.provider_figures, name="figures"),
    path("invoice/", views_billing.invoice, name="invoice"),
    path("expenses/", views_lists.expenses_list, name="expenses"),
    path("expenses/export/", views_lists.expenses_export, name="expenses-export"),
    path("expenses/<int:pk>/decide/", views.claim_decide, name="claim-decide"),
    path("mediations/<int:case_pk>/", views.case_agreement, name="case"),
    path("mediations/<int:case_pk>/expenses/", views.case_expenses, name="case-expenses"),
    path("<int:pk>/", views.agreement_detail, name="detail"),
    path("<int:pk>/edit/", views.agreement_edit, name="edit"),
    path("<int:pk>/correct/", views.agreement_correct, name="agreement-correct"),
    path(
        "<int:pk>/actions/<int:action_pk>/done/correct/",
        views.action_done_correct,
        name="action-done-correct",
    ),
    path("<int:pk>/document/", views.agreement_document, name="document"),
    path("<int:pk>/acceptances/new/", views.acceptance_new, name="acceptance-new"),
    path("<int:pk>/actions/new/", views.action_new, name="action-new"),
    path("<int:pk>/actions/<int:action_pk>/remove/", views.action_remove, name="action-remove"),
    path("<int:pk>/actions/<int:action_pk>/done/", views.action_done, name="action-done"),
    path(
        "<int:pk>/actions/<int:action_pk>/undo-done/",
        views.action_undo_done,
        name="action-undo-done",
    ),
    path(
        "<int:pk>/actions/<int:action_pk>/not-done/",
        views.action_not_done,
        name="action-not-done",
    ),
]
