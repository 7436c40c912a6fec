"""Included by `redress.casework.urls` under cases/<pk>/notes/, so the names are `casework:…`."""

from django.urls import path

from redress.casefile import views

urlpatterns = [
    path("", views.notes, name="notes"),
    path("notes.csv", views.notes_export, name="notes-export"),
    path("new/", views.note_new, name="note-new"),
    path("contacts/new/", views.contact_new, name="contact-new"),
    path("<int:note_pk>/", views.note_detail, name="note-detail"),
    path("<int:note_pk>/correct/", views.note_correct, name="note-correct"),
    path("<int:note_pk>/withdraw/", views.note_withdraw, name="note-withdraw"),
]
