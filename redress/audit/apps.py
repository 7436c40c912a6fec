from redress.core.apps import DomainAppConfig


class AuditConfig(DomainAppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "redress.audit"
    label = "audit"
    verbose_name = "Audit log"

    skeleton_gaps = {
        "permissions": (
            "Who may read a child's audit trail is casework's rule (casework.view_audit_trail)."
        ),
        "events": "The audit trail records what was done; it starts no statutory clock.",
        "demo": "The demo's audit rows are written by the services its loading calls.",
        "views": (
            "The audit trail's pages are casework's (casework/views_audit.py), beside the case."
        ),
        "urls": (
            "The audit trail's pages are casework's (casework/views_audit.py), beside the case."
        ),
        "templates": (
            "The audit trail's pages are casework's (casework/views_audit.py), beside the case."
        ),
    }
