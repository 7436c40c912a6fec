from django.urls import path

from redress.bankholidays import views

app_name = "bankholidays"

urlpatterns = [
    path("", views.override_list, name="list"),
]
