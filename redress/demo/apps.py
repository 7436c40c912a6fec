from redress.core.apps import DomainAppConfig


class DemoConfig(DomainAppConfig):
    """Made-up data for trying Redress and measuring it: `redress load_demo_data` and
    `redress load_scale_data`. It sits above every app, so it may read and write any of them;
    no app imports it."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "redress.demo"
    label = "demo"
    verbose_name = "Demo and scale data"

    skeleton_gaps = {
        "models": "It loads other apps' records and has none of its own.",
        "services": "It writes through the other apps' services.",
        "selectors": "It reads nothing for a page.",
        "permissions": "It has no pages.",
        "events": "It starts no statutory clock.",
        "demo": "It is the demo: load_demo_data and load_scale_data.",
        "forms": "It has no pages.",
        "views": "It has no pages.",
        "urls": "It has no pages.",
        "templates": "It has no pages.",
    }
