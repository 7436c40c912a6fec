from django.urls import path

from redress.plans import views, views_corrections, views_review

app_name = "plans"

urlpatterns = [
    path("children/<int:child_pk>/", views.child_plans, name="child"),
    path("children/<int:child_pk>/new/", views.plan_new, name="new"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("<int:pk>/sections/<str:code>/", views.section_edit, name="section"),
    path("<int:pk>/year-group/", views.plan_details, name="details"),
    path("<int:pk>/provision/new/", views.provision_new, name="provision-new"),
    path("provision/<int:item_pk>/remove/", views.provision_remove, name="provision-remove"),
    path("<int:pk>/outcomes/new/", views.outcome_new, name="outcome-new"),
    path("<int:pk>/placement/", views.placement_edit, name="placement"),
    path("<int:pk>/appendices/new/", views.appendix_new, name="appendix-new"),
    path("<int:pk>/consultations/new/", views.consultation_new, name="consultation-new"),
    path("consultations/<int:pk>/reply/", views.consultation_reply, name="consultation-reply"),
    path("<int:pk>/issue/<slug:stage>/", views.plan_issue, name="issue"),
    path("<int:pk>/amend/", views.plan_amend, name="amend"),
    path("<int:pk>/not-amended/", views.plan_not_amended, name="not-amended"),
    path("<int:pk>/plan.docx", views.plan_docx, name="docx"),
    path("<int:pk>/compare/", views.plan_compare_view, name="compare"),
    path("<int:pk>/reviews/new/", views.review_new, name="review-new"),
    path("<int:pk>/cease/", views.cessation_new, name="cessation-new"),
    path(
        "<int:pk>/cease/consultations/new/",
        views.cessation_consultation_new,
        name="cessation-consultation-new",
    ),
    path(
        "cessation-consultations/<int:pk>/reply/",
        views.cessation_consultation_reply,
        name="cessation-consultation-reply",
    ),
    path("<int:pk>/budget/", views.budget, name="budget"),
    path("reviews/<int:pk>/", views.review_detail, name="review"),
    path("reviews/<int:pk>/meeting/", views.review_meeting, name="review-meeting"),
    path("reviews/<int:pk>/record/<slug:kind>/", views.review_step, name="review-step"),
    path("reviews/<int:pk>/decision-letter/", views.review_decision_letter, name="decision-letter"),
    path("reviews/<int:pk>/attendance/", views_review.review_attendance, name="review-attendance"),
    path(
        "reviews/attendance/<int:pk>/",
        views_review.review_attendance_record,
        name="review-attendance-record",
    ),
    path("reviews/<int:pk>/documents/", views_review.review_documents, name="review-documents"),
    path("reviews/<int:pk>/views/", views_review.review_views, name="review-views"),
    path("reviews/<int:pk>/outcomes/", views_review.review_outcomes, name="review-outcomes"),
    path("reviews/schedule/", views_review.review_schedule, name="review-schedule"),
    path(
        "reviews/schedule.csv",
        views_review.review_schedule_export,
        name="review-schedule-export",
    ),
    path("direct-payments/due/", views_review.direct_payments_due, name="direct-payments-due"),
    path(
        "direct-payments/due.csv",
        views_review.direct_payments_due_export,
        name="direct-payments-due-export",
    ),
    path("cessations/<int:pk>/", views.cessation_detail, name="cessation"),
    path(
        "steps/<slug:kind>/<int:pk>/correct/",
        views_corrections.step_correct,
        name="step-correct",
    ),
    path(
        "steps/<slug:kind>/<int:pk>/withdraw/",
        views_corrections.step_withdraw,
        name="step-withdraw",
    ),
    path("phase-transfers/", views.phase_transfer_cohort, name="cohort"),
    path("phase-transfers.csv", views.phase_transfer_cohort_export, name="cohort-export"),
    path("phase-transfers/new/", views.phase_transfer_new, name="cohort-add"),
    path("phase-transfers/suggested/", views.phase_transfer_suggest, name="cohort-suggest"),
    path(
        "phase-transfers/suggested.csv",
        views.phase_transfer_suggest_export,
        name="cohort-suggest-export",
    ),
    path(
        "phase-transfers/<int:pk>/withdraw/",
        views.phase_transfer_withdraw,
        name="cohort-withdraw",
    ),
]
