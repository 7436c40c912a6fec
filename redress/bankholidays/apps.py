from redress.core.apps import DomainAppConfig


class BankHolidaysConfig(DomainAppConfig):
    name = "redress.bankholidays"
    verbose_name = "Bank holidays"

    skeleton_gaps = {
        "services": (
            "Overrides are changed in Django admin (bankholidays/admin.py), which audits them."
        ),
        "permissions": "Django's model permissions for the admin; the calendar itself is public.",
        "events": "The calendar moves deadlines; it starts none.",
        "demo": (
            "The demo uses England's bank holidays from the holidays package, with no overrides."
        ),
        "forms": "Overrides are changed in Django admin, with its forms.",
    }
