from django.urls import path

from redress.casework import views_advice, views_advice_exception

app_name = "advice"

urlpatterns = [
    path("", views_advice.by_recipient, name="by-recipient"),
    path("mine/", views_advice.mine, name="mine"),
    path("advice-requests.csv", views_advice.export, name="export"),
    path("new/<int:child_pk>/", views_advice.new, name="new"),
    path("<int:pk>/", views_advice.detail, name="detail"),
    path("<int:pk>/received/", views_advice.received, name="received"),
    path("<int:pk>/document/", views_advice.document, name="document"),
    path("<int:pk>/exception/", views_advice_exception.exception, name="exception"),
    path(
        "<int:pk>/exception/<int:event_pk>/withdraw/",
        views_advice_exception.exception_withdraw,
        name="exception-withdraw",
    ),
]
