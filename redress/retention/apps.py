from redress.core.apps import DomainAppConfig


class RetentionConfig(DomainAppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "redress.retention"
    label = "retention"
    verbose_name = "Retention of records"
