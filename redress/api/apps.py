from django.apps import AppConfig


class ApiConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "redress.api"
    label = "api"
    verbose_name = "The JSON API"

    def ready(self) -> None:
        from redress.api import permissions  # noqa: F401  (registers the rules)
