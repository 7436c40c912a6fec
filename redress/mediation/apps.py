from django.apps import AppConfig


class MediationConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "redress.mediation"
    label = "mediation"
    verbose_name = "Mediation: information and advice, certificates, arranging and running"
