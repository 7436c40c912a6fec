from django.apps import AppConfig


class CasefileConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "redress.casefile"
    label = "casefile"
    verbose_name = "Case notes and contacts"

    def ready(self) -> None:
        from redress.casefile import permissions  # noqa: F401  (registers the rules)
