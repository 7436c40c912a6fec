from redress.core.apps import DomainAppConfig


class ApiConfig(DomainAppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "redress.api"
    label = "api"
    verbose_name = "The JSON API"

    permissions = "redress.api.permissions"
