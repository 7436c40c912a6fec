from django.apps import AppConfig


class RetentionConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "redress.retention"
    label = "retention"
    verbose_name = "Retention of records"
