from redress.core.apps import DomainAppConfig


class AccountsConfig(DomainAppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "redress.accounts"
    label = "accounts"
    verbose_name = "People and organisations"
