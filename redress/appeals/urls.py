"""Tribunal appeals, their orders and the national trial's health and social care
recommendations."""

from django.urls import path

from redress.appeals import views, views_lists

app_name = "appeals"

urlpatterns = [
    path("appeal-window/", views.appeal_window_page, name="appeal-window"),
    path("recommendations/", views_lists.recommendation_board, name="recommendation-board"),
    path(
        "recommendations/export/",
        views_lists.recommendation_board_export,
        name="recommendation-board-export",
    ),
    path(
        "recommendations/directions/export/",
        views_lists.directions_export,
        name="directions-export",
    ),
    path("compliance/", views_lists.compliance_board, name="compliance-board"),
    path("compliance/export/", views_lists.compliance_board_export, name="compliance-board-export"),
    path("live/export/", views_lists.live_appeals_export, name="live-appeals-export"),
    path("child/<int:child_pk>/", views.child_appeals, name="child-appeals"),
    path("child/<int:child_pk>/new/", views.appeal_new, name="new"),
    path("<int:pk>/", views.appeal_detail, name="detail"),
    path("<int:pk>/progress/", views.appeal_progress, name="progress"),
    path("<int:pk>/not-opposed/", views.appeal_not_opposed, name="not-opposed"),
    path("<int:pk>/hearing/", views.appeal_hearing, name="hearing"),
    path("<int:pk>/decision/", views.appeal_decision, name="decision"),
    path(
        "<int:pk>/orders/<int:order_pk>/steps/new/",
        views.compliance_step_new,
        name="compliance-step-new",
    ),
    path("<int:pk>/documents/new/", views.document_new, name="document-new"),
    path("documents/<int:pk>/", views.document_download, name="document-download"),
    path("steps/<int:pk>/document/", views.step_document_download, name="step-document"),
    path("<int:pk>/sent-to-bodies/", views.sent_to_bodies, name="sent-to-bodies"),
    path("<int:pk>/directions/new/", views.direction_new, name="direction-new"),
    path("directions/<int:pk>/provided/", views.direction_provided, name="direction-provided"),
    path("<int:pk>/recommendations/new/", views.recommendation_new, name="recommendation-new"),
    path(
        "recommendations/<int:pk>/respond/",
        views.recommendation_respond,
        name="recommendation-respond",
    ),
    path("<int:pk>/correct/<slug:step>/", views.step_correct, name="step-correct"),
    path("orders/<int:pk>/correct/", views.order_correct, name="order-correct"),
    path(
        "recommendations/<int:pk>/correct/",
        views.recommendation_correct,
        name="recommendation-correct",
    ),
    path(
        "recommendations/<int:pk>/response/correct/",
        views.recommendation_response_correct,
        name="recommendation-response-correct",
    ),
    path(
        "compliance-steps/<int:pk>/correct/",
        views.compliance_step_correct,
        name="compliance-step-correct",
    ),
    path("<int:pk>/hearing/correct/", views.hearing_correct, name="hearing-correct"),
    path("directions/<int:pk>/correct/", views.direction_correct, name="direction-correct"),
    path("<int:pk>/settlement/", views.settlement_new, name="settlement-new"),
    path("<int:pk>/settlement/sent/", views.settlement_mark_sent, name="settlement-sent"),
]
