from django.urls import path

from redress.guidance import views

app_name = "guidance"

urlpatterns = [
    path("", views.index, name="index"),
    path("search/", views.search, name="search"),
    path("q/<slug:slug>/", views.question_detail, name="question"),
    path("a/<int:pk>/", views.answer_detail, name="answer"),
    path("changes/", views.changes, name="changes"),
    path("subscribe/", views.subscribe, name="subscribe"),
    path("subscribe/<str:token>/", views.subscribe_confirm, name="subscribe-confirm"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("digest/", views.digest, name="digest"),
    path("digest.html", views.digest_download, {"fmt": "html"}, name="digest-html"),
    path("digest.md", views.digest_download, {"fmt": "md"}, name="digest-md"),
    path("editor/", views.editor_home, name="editor"),
    path("editor/questions/new/", views.question_new, name="question-new"),
    path("editor/q/<slug:slug>/", views.editor_question, name="editor-question"),
    path("editor/q/<slug:slug>/publish/", views.question_publish, name="question-publish"),
    path("editor/q/<slug:slug>/answers/new/", views.answer_edit, name="answer-new"),
    path("editor/q/<slug:slug>/answers/<int:pk>/", views.answer_edit, name="answer-edit"),
    path("editor/answers/<int:pk>/submit/", views.answer_submit, name="answer-submit"),
    path("editor/answers/<int:pk>/publish/", views.answer_publish, name="answer-publish"),
]
