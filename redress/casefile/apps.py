from django.apps import AppConfig


class CasefileConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "redress.casefile"
    label = "casefile"
    verbose_name = "Case notes, documents and tasks"

    def ready(self) -> None:
        from redress.casefile import permissions  # noqa: F401  (registers the rules)
        from redress.casefile.services_tasks import tasks_after_recompute, tasks_follow_allocation
        from redress.casework.deadlines import register_recomputed_hook
        from redress.casework.services import register_allocated_hook

        # A step recorded brings its task forward, or closes it, as it is recorded.
        register_recomputed_hook(tasks_after_recompute)
        # A child reallocated takes their open tasks to the new caseworker.
        register_allocated_hook(tasks_follow_allocation)
