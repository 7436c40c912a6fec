from redress.core.apps import DomainAppConfig


class GuidanceConfig(DomainAppConfig):
    name = "redress.guidance"
    verbose_name = "Guidance library"
    default_auto_field = "django.db.models.BigAutoField"

    skeleton_gaps = {
        "permissions": (
            "Editors hold Django model permissions through the Guidance editors group; the library"
            " is public."
        ),
        "events": "The guidance library starts no statutory clock.",
    }
