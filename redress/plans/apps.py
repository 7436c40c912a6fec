from redress.core.apps import DomainAppConfig


class PlansConfig(DomainAppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "redress.plans"
    label = "plans"
    verbose_name = "EHC plans, reviews and phase transfers"

    permissions = "redress.plans.permissions"
    event_source = "redress.plans.events.plan_events"
    batch_event_source = "redress.plans.events.plan_events_for_children"
    calendar_source = "redress.plans.calendar_feed.review_meetings"
    demo_extension = "redress.plans.demo.demo_plans"
