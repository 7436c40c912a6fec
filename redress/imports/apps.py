from redress.core.apps import DomainAppConfig


class ImportsConfig(DomainAppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "redress.imports"
    label = "imports"
    verbose_name = "Bringing a caseload in"

    skeleton_gaps = {
        "selectors": "An import reads the file it is given, not the database, for its page.",
        "permissions": "Importing is for administrators (their role, checked on the page).",
        "events": "Imported steps start their clocks through casework's events once recorded.",
        "demo": "A sample file is in imports/sample/ instead of rows in the demo.",
    }
