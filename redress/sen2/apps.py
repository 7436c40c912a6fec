from redress.core.apps import DomainAppConfig


class Sen2Config(DomainAppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "redress.sen2"
    label = "sen2"
    verbose_name = "The SEN2 return"

    demo_extension = "redress.sen2.demo.demo_sen2_items"

    skeleton_gaps = {
        "permissions": (
            "The return is for the authority's managers (their role, checked by "
            "authority_for_manager)."
        ),
        "events": "The return reads the deadlines; it starts none.",
    }
