# The copies are required and indexed once every row has them (decision 0207). A migration of
# its own: PostgreSQL alters no table with the previous step's deferred checks still pending.

import django.db.models.deletion
from django.db import migrations, models

OPEN = models.Q(informational=False, kind="by", met_on__isnull=True) & ~models.Q(
    actor="parent_or_young_person"
)


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0005_deadline_owner_copies"),
    ]

    operations = [
        migrations.AlterField(
            model_name="deadline",
            name="local_authority",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="accounts.organisation",
            ),
        ),
        migrations.AddIndex(
            model_name="deadline",
            index=models.Index(
                condition=OPEN,
                fields=["caseworker", "due"],
                include=("local_authority", "status", "organisation", "rule"),
                name="deadline_open_caseworker",
            ),
        ),
        migrations.AddIndex(
            model_name="deadline",
            index=models.Index(
                condition=OPEN,
                fields=["local_authority", "due"],
                include=("team", "status", "organisation", "rule"),
                name="deadline_open_authority",
            ),
        ),
    ]
