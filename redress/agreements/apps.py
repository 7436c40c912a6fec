from django.apps import AppConfig


class AgreementsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "redress.agreements"
    label = "agreements"
    verbose_name = "Mediation agreements, their follow-up, expenses and the provider's dashboard"
