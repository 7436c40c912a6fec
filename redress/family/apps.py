from django.apps import AppConfig


class FamilyConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "redress.family"
    label = "family"
    verbose_name = "Families"

    def ready(self) -> None:
        from redress.casework.case_page import register_case_section
        from redress.family import permissions  # noqa: F401  (registers the rules)
        from redress.family.selectors import family_contributions

        # The family's section A views, documents and requests, on the caseworker's case page.
        register_case_section("from_family", family_contributions)
