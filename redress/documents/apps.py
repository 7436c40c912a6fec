from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "redress.documents"
    label = "documents"
    verbose_name = "Documents"
