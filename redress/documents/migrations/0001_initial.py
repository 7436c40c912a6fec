"""The documents app's tables as its models define them, written by makemigrations when the
migrations were squashed to one per app before the first production release
(docs/decisions/0189). `replaces` lists the migrations it stands for, so a database
migrated with them counts it as applied."""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    replaces = [
        ("documents", "0001_sent_letters"),
    ]

    dependencies = [
        ("accounts", "0001_initial"),
        ("casefile", "0001_initial"),
        ("casework", "0001_initial"),
        ("notifications", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="HistoricalSentLetter",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("corrected_at", models.DateTimeField(blank=True, null=True)),
                ("correction_reason", models.TextField(blank=True, max_length=2000)),
                ("withdrawn_at", models.DateTimeField(blank=True, null=True)),
                ("withdrawn_reason", models.TextField(blank=True, max_length=2000)),
                ("kind", models.CharField(max_length=40)),
                ("title", models.CharField(max_length=200)),
                ("addressee_name", models.CharField(max_length=300)),
                ("addressee_address", models.TextField(blank=True)),
                ("addressee_email", models.EmailField(blank=True, max_length=254)),
                (
                    "method",
                    models.CharField(
                        choices=[("email", "By email"), ("post", "By post")], max_length=10
                    ),
                ),
                ("large_print", models.BooleanField(default=False)),
                (
                    "status",
                    models.CharField(
                        choices=[("to_post", "Waiting to be posted"), ("sent", "Sent")],
                        db_index=True,
                        max_length=10,
                    ),
                ),
                ("created_at", models.DateTimeField(blank=True, db_index=True, editable=False)),
                (
                    "sent_on",
                    models.DateField(
                        blank=True, null=True, verbose_name="the day it was sent or posted"
                    ),
                ),
                ("sent_at", models.DateTimeField(blank=True, null=True)),
                ("step_ref", models.CharField(blank=True, max_length=60)),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "child",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="casework.child",
                    ),
                ),
                (
                    "corrected_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "document",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="casefile.casedocument",
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "message",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="notifications.message",
                    ),
                ),
                (
                    "organisation",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="The adviser or school written to; empty for a letter to the family.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="accounts.organisation",
                    ),
                ),
                (
                    "sent_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "withdrawn_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical sent letter",
                "verbose_name_plural": "historical sent letters",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="SentLetter",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("corrected_at", models.DateTimeField(blank=True, null=True)),
                ("correction_reason", models.TextField(blank=True, max_length=2000)),
                ("withdrawn_at", models.DateTimeField(blank=True, null=True)),
                ("withdrawn_reason", models.TextField(blank=True, max_length=2000)),
                ("kind", models.CharField(max_length=40)),
                ("title", models.CharField(max_length=200)),
                ("addressee_name", models.CharField(max_length=300)),
                ("addressee_address", models.TextField(blank=True)),
                ("addressee_email", models.EmailField(blank=True, max_length=254)),
                (
                    "method",
                    models.CharField(
                        choices=[("email", "By email"), ("post", "By post")], max_length=10
                    ),
                ),
                ("large_print", models.BooleanField(default=False)),
                (
                    "status",
                    models.CharField(
                        choices=[("to_post", "Waiting to be posted"), ("sent", "Sent")],
                        db_index=True,
                        max_length=10,
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, db_index=True)),
                (
                    "sent_on",
                    models.DateField(
                        blank=True, null=True, verbose_name="the day it was sent or posted"
                    ),
                ),
                ("sent_at", models.DateTimeField(blank=True, null=True)),
                ("step_ref", models.CharField(blank=True, max_length=60)),
                (
                    "child",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="sent_letters",
                        to="casework.child",
                    ),
                ),
                (
                    "corrected_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "document",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="casefile.casedocument",
                    ),
                ),
                (
                    "message",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="notifications.message",
                    ),
                ),
                (
                    "organisation",
                    models.ForeignKey(
                        blank=True,
                        help_text="The adviser or school written to; empty for a letter to the family.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="accounts.organisation",
                    ),
                ),
                (
                    "sent_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "withdrawn_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ("-created_at", "-pk"),
                "indexes": [
                    models.Index(fields=["status", "created_at"], name="sent_letter_to_post")
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("method", "post"), ("status", "to_post")),
                            ("status", "sent"),
                            _connector="OR",
                        ),
                        name="documents_only_post_waits",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("sent_on__isnull", True), ("status", "to_post")),
                            models.Q(("sent_on__isnull", False), ("status", "sent")),
                            _connector="OR",
                        ),
                        name="documents_sent_has_date",
                    ),
                ],
            },
        ),
    ]
