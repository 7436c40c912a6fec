from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "redress.documents"
    label = "documents"
    verbose_name = "Documents"

    def ready(self) -> None:
        from redress.casework.case_page import register_decision_labels
        from redress.documents.decision_letters import decision_letter_labels

        register_decision_labels(decision_letter_labels)
