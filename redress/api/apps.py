from redress.core.apps import DomainAppConfig


class ApiConfig(DomainAppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "redress.api"
    label = "api"
    verbose_name = "The JSON API"

    permissions = "redress.api.permissions"

    skeleton_gaps = {
        "events": "API tokens start no statutory clock.",
        "demo": "The demo has no API tokens: an administrator issues one on the tokens page.",
    }
