from redress.core.apps import DomainAppConfig


class NotificationsConfig(DomainAppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "redress.notifications"
    label = "notifications"
    verbose_name = "Notifications and reminders"

    skeleton_gaps = {
        "permissions": (
            "A person's reminder choices are their own; the outbox page is for administrators "
            "(their role)."
        ),
        "events": "Reminders follow deadlines; they start none.",
        "demo": "The demo's reminders are planned by the nightly job from its deadlines.",
    }
