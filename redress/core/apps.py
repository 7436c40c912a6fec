from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "redress.core"
    verbose_name = "Redress"

    def ready(self) -> None:
        from redress.core.form_messages import install

        install()  # GOV.UK error messages in place of Django's defaults (decision 0123)
