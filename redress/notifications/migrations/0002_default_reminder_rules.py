"""Starting lead times for reminders. Administrators change them in Django admin.

Written by hand and kept, by its old name, when the migrations were squashed
(docs/decisions/0189): the reminders need these rows and makemigrations writes no data."""

from django.db import migrations

DEFAULTS = [
    # rule, days before due, escalate after days overdue
    ("*", 7, 1),
    ("advice.response", 10, 1),
    ("plan.final", 14, 1),
    ("plan.draft_comments", 5, 1),
    ("mediation.contact_adviser", 14, 1),
    ("appeal.lodge", 14, 1),
]


def add_defaults(apps, schema_editor):
    ReminderRule = apps.get_model("notifications", "ReminderRule")
    for rule, lead, escalate in DEFAULTS:
        ReminderRule.objects.get_or_create(
            rule=rule, defaults={"lead_days": lead, "escalate_after_days": escalate}
        )


class Migration(migrations.Migration):
    dependencies = [("notifications", "0001_initial")]

    operations = [migrations.RunPython(add_defaults, migrations.RunPython.noop)]
