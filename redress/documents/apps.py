from redress.core.apps import DomainAppConfig


class DocumentsConfig(DomainAppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "redress.documents"
    label = "documents"
    verbose_name = "Documents"

    decision_labels = "redress.documents.decision_letters.decision_letter_labels"
