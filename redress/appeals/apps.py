from django.apps import AppConfig


class AppealsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "redress.appeals"
    label = "appeals"
    verbose_name = "Tribunal appeals, orders and health and social care recommendations"

    def ready(self) -> None:
        from redress.appeals import permissions  # noqa: F401  (registers the rules)
        from redress.appeals.events import (
            appeal_events,
            appeal_events_for_children,
            recommendation_organisations,
        )
        from redress.casework import deadlines
        from redress.casework.deadlines import register_event_source

        register_event_source(appeal_events, batch=appeal_events_for_children)
        # The body asked to respond to a recommendation is the organisation that must act.
        register_organisation = getattr(deadlines, "register_deadline_organisation", None)
        if register_organisation is not None:
            register_organisation("recommendation.response", recommendation_organisations)

        from redress.appeals.demo import demo_appeals
        from redress.casework.demo import register_demo_extension

        register_demo_extension(demo_appeals)
