from redress.core.apps import DomainAppConfig


class AccountsConfig(DomainAppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "redress.accounts"
    label = "accounts"
    verbose_name = "People and organisations"

    skeleton_gaps = {
        "permissions": (
            "Who may manage people is the administrator's role and Django's staff flag "
            "(accounts/selectors.py), not an object rule."
        ),
        "events": "People and organisations start no statutory clock.",
        "demo": (
            "The demo's organisations and people are casework's demo (casework/demo.py), which "
            "every other app's demo builds on."
        ),
    }
