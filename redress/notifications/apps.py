from redress.core.apps import DomainAppConfig


class NotificationsConfig(DomainAppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "redress.notifications"
    label = "notifications"
    verbose_name = "Notifications and reminders"
