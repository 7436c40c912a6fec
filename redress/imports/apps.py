from django.apps import AppConfig


class ImportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "redress.imports"
    label = "imports"
    verbose_name = "Bringing a caseload in"
