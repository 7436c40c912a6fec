from redress.core.apps import DomainAppConfig


class DemoConfig(DomainAppConfig):
    """Made-up data for trying Redress and measuring it: `redress load_demo_data` and
    `redress load_scale_data`. It sits above every app, so it may read and write any of them;
    no app imports it."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "redress.demo"
    label = "demo"
    verbose_name = "Demo and scale data"
