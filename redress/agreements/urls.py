from django.urls import path

from redress.agreements import views, views_billing

app_name = "agreements"

urlpatterns = [
    path("", views.agreement_list, name="list"),
    path("overdue/", views.overdue, name="overdue"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("report/", views.report, name="report"),
    path("figures/", views_billing.provider_figures, name="figures"),
    path("invoice/", views_billing.invoice, name="invoice"),
    path("expenses/", views.expenses_list, name="expenses"),
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
