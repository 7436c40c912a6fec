# The child's authority, caseworker and team copied on each deadline row (decision 0207).

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def copy_owners(apps, schema_editor):
    """Every stored row takes its child's authority, caseworker and team, in one statement
    (UPDATE … FROM: PostgreSQL, and SQLite from 3.33)."""
    Child = apps.get_model("casework", "Child")
    Deadline = apps.get_model("casework", "Deadline")
    quote = schema_editor.quote_name
    deadline, child = quote(Deadline._meta.db_table), quote(Child._meta.db_table)
    sql = (
        f"UPDATE {deadline} SET local_authority_id = c.local_authority_id, "  # noqa: S608 - our tables
        f"caseworker_id = c.caseworker_id, team = c.team "
        f"FROM {child} AS c WHERE c.id = {deadline}.child_id"
    )
    schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("casework", "0004_deadline_child_index_in_child_due"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="deadline",
            name="local_authority",
            field=models.ForeignKey(
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="accounts.organisation",
            ),
        ),
        migrations.AddField(
            model_name="deadline",
            name="caseworker",
            field=models.ForeignKey(
                blank=True,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="deadline",
            name="team",
            field=models.CharField(blank=True, default="", max_length=100),
            preserve_default=False,
        ),
        migrations.RunPython(copy_owners, migrations.RunPython.noop, elidable=True),
    ]
