from redress.core.apps import DomainAppConfig


class ImportsConfig(DomainAppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "redress.imports"
    label = "imports"
    verbose_name = "Bringing a caseload in"
