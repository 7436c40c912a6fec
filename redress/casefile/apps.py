from redress.core.apps import DomainAppConfig


class CasefileConfig(DomainAppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "redress.casefile"
    label = "casefile"
    verbose_name = "Case notes, documents and tasks"

    permissions = "redress.casefile.permissions"
    # A step recorded brings its task forward, or closes it, as it is recorded.
    recomputed_hook = "redress.casefile.services_tasks.tasks_after_recompute"
    # A child reallocated takes their open tasks to the new caseworker.
    allocated_hook = "redress.casefile.services_tasks.tasks_follow_allocation"
    # The plan's section K links each piece of advice received to the documents kept as it.
    lookups = {"advice_documents": "redress.casefile.selectors.advice_documents"}
    # The caseworker's dashboard counts their own open tasks and the families' new messages.
    dashboard_parts = {
        "my_tasks": "redress.casefile.selectors_tasks.dashboard_my_tasks",
        "unseen_messages": "redress.casefile.selectors.dashboard_unseen_messages",
    }

    skeleton_gaps = {
        "events": "Notes, documents, messages and tasks follow the deadlines; none starts one.",
        "demo": (
            "The demo's case files start empty: notes, documents and messages are added as one "
            "tries it."
        ),
    }
