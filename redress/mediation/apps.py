from django.apps import AppConfig


class MediationConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "redress.mediation"
    label = "mediation"
    verbose_name = "Mediation: information and advice, certificates, arranging and running"

    def ready(self) -> None:
        from redress.mediation import permissions  # noqa: F401  (registers the rules)
        from redress.mediation.messages import register_templates

        register_templates()

        from redress.casework.deadlines import register_event_source
        from redress.mediation.events import mediation_events, mediation_events_for_children

        register_event_source(mediation_events, batch=mediation_events_for_children)

        from redress.casework.case_page import register_decision_labels
        from redress.mediation.selectors import mediation_decision_labels

        register_decision_labels(mediation_decision_labels)

        from redress.casework.demo import register_demo_extension
        from redress.mediation.demo import demo_mediation

        register_demo_extension(demo_mediation)

        from redress.mediation.schedule import mediator_meeting_events
        from redress.notifications.calendar_feed import register_calendar_source

        register_calendar_source(mediator_meeting_events)
