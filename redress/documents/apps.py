from redress.core.apps import DomainAppConfig


class DocumentsConfig(DomainAppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "redress.documents"
    label = "documents"
    verbose_name = "Documents"

    decision_labels = "redress.documents.decision_letters.decision_letter_labels"

    skeleton_gaps = {
        "permissions": (
            "Letters are sent for a child by those who may record the child's steps (casework's "
            "rules); the escalation letter by casework.escalate_advicerequest."
        ),
        "events": (
            "A letter records the step it sends through that step's own service; the letter starts"
            " no clock."
        ),
        "demo": "The demo's letters are made from its decisions on request, never stored ahead.",
    }
