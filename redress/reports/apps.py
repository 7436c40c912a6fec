from redress.core.apps import DomainAppConfig


class ReportsConfig(DomainAppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "redress.reports"
    label = "reports"
    verbose_name = "Reports and published statistics"

    permissions = "redress.reports.permissions"
    demo_extension = "redress.reports.demo.demo_reports"

    skeleton_gaps = {
        "events": "Reports read the deadlines; they start none.",
    }
