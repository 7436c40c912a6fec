from django.urls import path

from redress.casefile import views_messages
from redress.family import (
    mediation_request,
    views,
    views_display,
    views_draft,
    views_invitations,
    views_supporter,
    views_tasks,
)

app_name = "family"

urlpatterns = [
    path("account/code/", views.code_request, name="code-request"),
    path("account/code/enter/", views.code_enter, name="code-enter"),
    path("family/invitation/<str:token>/", views_invitations.invitation, name="invitation"),
    path(
        "family/cases/<int:pk>/members/<int:member_pk>/invite/",
        views_invitations.invite,
        name="invite",
    ),
    path(
        "family/cases/<int:pk>/members/<int:member_pk>/stop/",
        views_invitations.access_stop,
        name="access-stop",
    ),
    path("family/requests/", views_tasks.task_list, name="tasks"),
    path("family/requests.csv", views_tasks.task_list_export, name="tasks-export"),
    path("family/requests/<int:pk>/", views_tasks.task_detail, name="task"),
    path("family/", views.home, name="home"),
    path("family/supporting/", views_supporter.supporter_caseload, name="supporter-caseload"),
    path(
        "family/supporting.csv",
        views_supporter.supporter_caseload_export,
        name="supporter-caseload-export",
    ),
    path("family/cases/<int:pk>/", views.case, name="case"),
    path("family/cases/<int:pk>/easy-read/", views_display.easy_read, name="easy-read"),
    path("family/display/", views_display.display, name="display"),
    path("family/cases/<int:pk>/views/", views.section_a, name="section-a"),
    path("family/cases/<int:pk>/documents/new/", views.document_upload, name="document-upload"),
    path(
        "family/cases/<int:pk>/documents/<int:document_pk>/",
        views.document_download,
        name="document-download",
    ),
    path(
        "family/cases/<int:pk>/shared-documents/",
        views.shared_documents,
        name="shared-documents",
    ),
    path(
        "family/cases/<int:pk>/shared-documents/<int:document_pk>/",
        views.shared_document_download,
        name="shared-document-download",
    ),
    path(
        "family/cases/<int:pk>/shared-documents/<int:document_pk>/large-print/",
        views_display.shared_document_large_print,
        name="shared-document-large-print",
    ),
    path(
        "family/cases/<int:pk>/ask/mediation/",
        mediation_request.mediation_request,
        name="mediation-request",
    ),
    path("family/cases/<int:pk>/ask/<slug:kind>/", views.family_request, name="request"),
    path(
        "family/cases/<int:pk>/draft-plan/comments/",
        views_draft.draft_comments,
        name="draft-comments",
    ),
    path(
        "family/cases/<int:pk>/draft-plan/comments/<int:comment_pk>/withdraw/",
        views_draft.draft_comment_withdraw,
        name="draft-comment-withdraw",
    ),
    path(
        "family/cases/<int:pk>/draft-plan/comments/<int:comment_pk>/answer/",
        views_draft.draft_comment_answer,
        name="draft-comment-answer",
    ),
    path("family/cases/<int:pk>/messages/", views_messages.family_messages, name="messages"),
    path(
        "family/cases/<int:pk>/messages/<int:message_pk>/withdraw/",
        views_messages.family_message_withdraw,
        name="message-withdraw",
    ),
    path("family/cases/<int:pk>/consents/new/", views_draft.consent_give, name="consent-give"),
    path(
        "family/cases/<int:pk>/consents/<int:consent_pk>/withdraw/",
        views.consent_withdraw,
        name="consent-withdraw",
    ),
]
