"""Included by `redress.casework.urls` under cases/<pk>/documents/, so the names are
`casework:…`, like the notes' (`redress.casefile.urls`)."""

from django.urls import path

from redress.casefile import views_documents as views

urlpatterns = [
    path("", views.documents, name="documents"),
    path("documents.csv", views.documents_export, name="documents-export"),
    path("new/", views.document_new, name="document-new"),
    path("<int:document_pk>/download/", views.document_download, name="document-download"),
    path("<int:document_pk>/correct/", views.document_correct, name="document-correct"),
    path("<int:document_pk>/withdraw/", views.document_withdraw, name="document-withdraw"),
]
