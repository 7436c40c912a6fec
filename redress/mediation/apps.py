from redress.core.apps import DomainAppConfig


class MediationConfig(DomainAppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "redress.mediation"
    label = "mediation"
    verbose_name = "Mediation: information and advice, certificates, arranging and running"

    permissions = "redress.mediation.permissions"
    message_templates = "redress.mediation.messages.MEDIATION_TEMPLATES"
    event_source = "redress.mediation.events.mediation_events"
    batch_event_source = "redress.mediation.events.mediation_events_for_children"
    decision_labels = "redress.mediation.selectors.mediation_decision_labels"
    demo_extension = "redress.mediation.demo.demo_mediation"
    calendar_source = "redress.mediation.schedule.mediator_meeting_events"
