from django.apps import AppConfig


class AppealsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "redress.appeals"
    label = "appeals"
    verbose_name = "Tribunal appeals, orders and health and social care recommendations"
