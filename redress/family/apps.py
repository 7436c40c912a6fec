from redress.core.apps import DomainAppConfig


class FamilyConfig(DomainAppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "redress.family"
    label = "family"
    verbose_name = "Families"

    permissions = "redress.family.permissions"
    # The family's section A views, documents and requests, on the caseworker's case page.
    case_sections = {"from_family": "redress.family.selectors.family_contributions"}
    # Agreements, below the family's app, records a family's report as one of their requests;
    # the notifications and calendar feeds, below too, tell a family their dates in its words.
    lookups = {
        "family_request_make": "redress.family.services.family_request_make",
        "explain_for_family": "redress.family.plain.explain",
        # Mediation shows its provider the family's own "Ask for mediation" requests.
        "family_mediation_requests": "redress.family.selectors.mediation_requests_for_child",
    }

    skeleton_gaps = {
        "events": (
            "The family's requests and comments start no clock: mediation and plans record the "
            "steps that do."
        ),
        "demo": (
            "The demo's families are casework's demo; their requests and comments are made as one "
            "tries it."
        ),
    }
