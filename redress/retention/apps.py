from redress.core.apps import DomainAppConfig


class RetentionConfig(DomainAppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "redress.retention"
    label = "retention"
    verbose_name = "Retention of records"

    skeleton_gaps = {
        "models": (
            "It deletes other apps' records and keeps none of its own (the audit records what "
            "went)."
        ),
        "selectors": "Its command lists what would go; it has no pages.",
        "permissions": "It is a command run by the operator, with no pages.",
        "events": "It starts no statutory clock.",
        "demo": "Nothing in the demo is old enough to go.",
        "forms": "It has no pages.",
        "views": "It has no pages.",
        "urls": "It has no pages.",
        "templates": "It has no pages.",
    }
