from django.apps import AppConfig


class FamilyConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "redress.family"
    label = "family"
    verbose_name = "Families"

    def ready(self) -> None:
        from redress.family import permissions  # noqa: F401  (registers the rules)
