from django.apps import AppConfig


class GuidanceConfig(AppConfig):
    name = "redress.guidance"
    verbose_name = "Guidance library"
    default_auto_field = "django.db.models.BigAutoField"
