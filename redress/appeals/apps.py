from redress.core.apps import DomainAppConfig


class AppealsConfig(DomainAppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "redress.appeals"
    label = "appeals"
    verbose_name = "Tribunal appeals, orders and health and social care recommendations"

    permissions = "redress.appeals.permissions"
    event_source = "redress.appeals.events.appeal_events"
    batch_event_source = "redress.appeals.events.appeal_events_for_children"
    # The body asked to respond to a recommendation is the organisation that must act.
    deadline_organisations = {
        "recommendation.response": "redress.appeals.events.recommendation_organisations"
    }
    demo_extension = "redress.appeals.demo.demo_appeals"
    # Agreements, below appeals, shows the live appeal and counts mediations appealed after.
    lookups = {
        "live_appeal": "redress.appeals.selectors.live_appeal_for_child",
        "latest_appeal_lodged": "redress.appeals.selectors.latest_appeal_lodged",
    }
