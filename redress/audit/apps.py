from redress.core.apps import DomainAppConfig


class AuditConfig(DomainAppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "redress.audit"
    label = "audit"
    verbose_name = "Audit log"
