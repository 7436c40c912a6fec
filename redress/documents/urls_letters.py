"""The letters pages, joined to casework's URLs in redress/urls.py so their names are
`casework:letters`, `casework:letter-send` and so on, beside the case's other pages."""

from django.urls import path

from redress.documents import views_letters

urlpatterns = [
    path("cases/<int:pk>/letters/", views_letters.letters, name="letters"),
    path("cases/<int:pk>/letters/export/", views_letters.letters_export, name="letters-export"),
    path(
        "cases/<int:pk>/letters/send/<str:kind>/",
        views_letters.letter_send_page,
        name="letter-send",
    ),
    path(
        "cases/<int:pk>/letters/<int:letter_pk>/withdraw/",
        views_letters.letter_withdraw,
        name="letter-withdraw",
    ),
    path("print-batch/", views_letters.print_batch, name="letters-print-batch"),
    path(
        "print-batch/export/",
        views_letters.print_batch_export,
        name="letters-print-batch-export",
    ),
    path(
        "review-invitations/",
        views_letters.review_invitations,
        name="letters-review-invitations",
    ),
    path(
        "review-invitations/export/",
        views_letters.review_invitations_export,
        name="letters-review-invitations-export",
    ),
]
