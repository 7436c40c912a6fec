from django.urls import path

from redress.notifications import views

app_name = "notifications"

urlpatterns = [
    path("notifications/preferences/", views.preferences, name="preferences"),
    path("notifications/failures/", views.failures, name="failures"),
    path("notifications/failures.csv", views.failures_export, name="failures-export"),
    path("notifications/failures/<int:pk>/retry/", views.failure_retry, name="failure-retry"),
    path("calendar/", views.calendar, name="calendar"),
    path("calendar/new/", views.calendar_new, name="calendar-new"),
    path("calendar/<int:pk>/revoke/", views.calendar_revoke, name="calendar-revoke"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar-feed"),
]
