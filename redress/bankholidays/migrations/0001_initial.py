"""The bankholidays app's tables as its models define them, written by makemigrations when the
migrations were squashed to one per app before the first production release
(docs/decisions/0189)."""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="BankHolidayOverride",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "date",
                    models.DateField(
                        help_text="The day affected. Only one change may be recorded for each date.",
                        unique=True,
                    ),
                ),
                (
                    "action",
                    models.CharField(
                        choices=[
                            ("add", "Add: this date is a bank holiday"),
                            ("remove", "Remove: this date is a working day after all"),
                        ],
                        help_text="Add a newly proclaimed bank holiday, or remove one the built-in calendar lists that will not be a holiday after all.",
                        max_length=6,
                    ),
                ),
                (
                    "name",
                    models.CharField(
                        blank=True,
                        help_text="The holiday's name as it should appear in deadline explanations, for example “Bank holiday for the coronation of King Charles III”.",
                        max_length=100,
                    ),
                ),
                (
                    "reason",
                    models.TextField(
                        help_text="Why the calendar changes and where that is published, for example the proclamation and its date, or a link to the GOV.UK announcement."
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "bank holiday change",
                "verbose_name_plural": "bank holiday changes",
                "ordering": ["date"],
            },
        ),
        migrations.CreateModel(
            name="HistoricalBankHolidayOverride",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "date",
                    models.DateField(
                        db_index=True,
                        help_text="The day affected. Only one change may be recorded for each date.",
                    ),
                ),
                (
                    "action",
                    models.CharField(
                        choices=[
                            ("add", "Add: this date is a bank holiday"),
                            ("remove", "Remove: this date is a working day after all"),
                        ],
                        help_text="Add a newly proclaimed bank holiday, or remove one the built-in calendar lists that will not be a holiday after all.",
                        max_length=6,
                    ),
                ),
                (
                    "name",
                    models.CharField(
                        blank=True,
                        help_text="The holiday's name as it should appear in deadline explanations, for example “Bank holiday for the coronation of King Charles III”.",
                        max_length=100,
                    ),
                ),
                (
                    "reason",
                    models.TextField(
                        help_text="Why the calendar changes and where that is published, for example the proclamation and its date, or a link to the GOV.UK announcement."
                    ),
                ),
                ("created_at", models.DateTimeField(blank=True, editable=False)),
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
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
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
            ],
            options={
                "verbose_name": "historical bank holiday change",
                "verbose_name_plural": "historical bank holiday changes",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
    ]
