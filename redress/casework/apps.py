from redress.core.apps import DomainAppConfig


class CaseworkConfig(DomainAppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "redress.casework"
    label = "casework"
    verbose_name = "Casework"

    permissions = "redress.casework.permissions"
