from django.urls import path

from redress.casework import views

app_name = "casework"

urlpatterns = [
    path("home/", views.home, name="home"),
]
