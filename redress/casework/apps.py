from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "redress.casework"
    label = "casework"
    verbose_name = "Casework"

    def ready(self) -> None:
        from redress.casework import permissions  # noqa: F401  (registers the rules)
