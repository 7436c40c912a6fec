from django.apps import AppConfig


class AgreementsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "redress.agreements"
    label = "agreements"
    verbose_name = "Mediation agreements, their follow-up, expenses and the provider's dashboard"

    def ready(self) -> None:
        from redress.agreements import permissions  # noqa: F401  (registers the rules)
        from redress.agreements.demo import demo_agreements
        from redress.agreements.events import agreement_events, agreement_events_for_children
        from redress.agreements.messages import register_message_templates
        from redress.casework.deadlines import register_event_source
        from redress.casework.demo import register_demo_extension

        register_event_source(agreement_events, batch=agreement_events_for_children)
        register_message_templates()
        register_demo_extension(demo_agreements)
