from django.apps import AppConfig


class ReportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "redress.reports"
    label = "reports"
    verbose_name = "Reports and published statistics"

    def ready(self) -> None:
        from redress.casework.demo import register_demo_extension
        from redress.reports import permissions  # noqa: F401  (registers the rules)
        from redress.reports.demo import demo_reports

        register_demo_extension(demo_reports)
