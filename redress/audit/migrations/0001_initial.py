"""The audit app's tables as its models define them, written by makemigrations when the
migrations were squashed to one per app before the first production release
(docs/decisions/0189). `replaces` lists the migrations it stands for, so a database
migrated with them counts it as applied (its own name is the old first migration's)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    replaces = [
        ("audit", "0002_more_actions"),
        ("audit", "0003_confidential_rows_and_page"),
    ]

    dependencies = [
        ("accounts", "0001_initial"),
        ("casework", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="AuditEntry",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("at", models.DateTimeField(auto_now_add=True, db_index=True)),
                (
                    "action",
                    models.CharField(
                        choices=[
                            ("view", "Viewed"),
                            ("create", "Created"),
                            ("update", "Changed"),
                            ("delete", "Deleted"),
                            ("generate", "Generated a document"),
                            ("upload", "Uploaded a document"),
                            ("download", "Downloaded a document"),
                            ("withdraw", "Withdrew consent"),
                            ("revoke", "Revoked access"),
                            ("retry", "Asked to send again"),
                            ("sign-in", "Signed in"),
                            ("refused", "Was refused"),
                        ],
                        max_length=10,
                    ),
                ),
                ("object_type", models.CharField(max_length=60)),
                ("object_id", models.CharField(blank=True, max_length=40)),
                ("summary", models.CharField(max_length=300)),
                ("page", models.CharField(blank=True, max_length=100)),
                (
                    "actor",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "child",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="casework.child",
                    ),
                ),
                (
                    "confidential_to",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="accounts.organisation",
                    ),
                ),
            ],
            options={
                "verbose_name_plural": "audit entries",
                "ordering": ["-at", "-id"],
            },
        ),
    ]
