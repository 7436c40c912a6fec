from redress.core.apps import DomainAppConfig


class AgreementsConfig(DomainAppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "redress.agreements"
    label = "agreements"
    verbose_name = "Mediation agreements, their follow-up, expenses and the provider's dashboard"

    permissions = "redress.agreements.permissions"
    event_source = "redress.agreements.events.agreement_events"
    batch_event_source = "redress.agreements.events.agreement_events_for_children"
    message_templates = "redress.agreements.messages.AGREEMENT_TEMPLATES"
    demo_extension = "redress.agreements.demo.demo_agreements"
