from django.apps import AppConfig


class PlansConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "redress.plans"
    label = "plans"
    verbose_name = "EHC plans, reviews and phase transfers"

    def ready(self) -> None:
        from redress.casework.deadlines import register_event_source
        from redress.plans import permissions  # noqa: F401  (registers the rules)
        from redress.plans.events import plan_events, plan_events_for_children

        register_event_source(plan_events, batch=plan_events_for_children)

        from redress.notifications.calendar_feed import register_calendar_source
        from redress.plans.calendar_feed import review_meetings

        register_calendar_source(review_meetings)

        from redress.casework.demo import register_demo_extension
        from redress.plans.demo import demo_plans

        register_demo_extension(demo_plans)
