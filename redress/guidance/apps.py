from redress.core.apps import DomainAppConfig


class GuidanceConfig(DomainAppConfig):
    name = "redress.guidance"
    verbose_name = "Guidance library"
    default_auto_field = "django.db.models.BigAutoField"
