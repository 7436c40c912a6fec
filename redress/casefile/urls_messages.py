"""Included by `redress.casework.urls` under cases/<pk>/messages/, so the names are
`casework:…`."""

from django.urls import path

from redress.casefile import views_messages

urlpatterns = [
    path("", views_messages.staff_messages, name="messages"),
    path("export/", views_messages.staff_messages_export, name="messages-export"),
    path(
        "<int:message_pk>/withdraw/",
        views_messages.staff_message_withdraw,
        name="message-withdraw",
    ),
]
