"""The notifications app's tables as its models define them, written by makemigrations when the
migrations were squashed to one per app before the first production release
(docs/decisions/0189). `replaces` lists the migrations it stands for, so a database
migrated with them counts it as applied (its own name is the old first migration's).
The rows the app needs are added by 0002_default_reminder_rules, kept as it was."""

import django.db.models.deletion
import django.utils.timezone
import simple_history.models
from django.conf import settings
from django.db import migrations, models

import redress.notifications.models


class Migration(migrations.Migration):
    initial = True

    replaces = [
        ("notifications", "0003_rule_choices_from_catalogue"),
        ("notifications", "0004_text_messages"),
    ]

    dependencies = [
        ("casework", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ReminderRule",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "rule",
                    models.CharField(
                        choices=redress.notifications.models.rule_choices,
                        max_length=60,
                        unique=True,
                    ),
                ),
                (
                    "lead_days",
                    models.PositiveSmallIntegerField(
                        default=7,
                        help_text="0 reminds on the due date only.",
                        verbose_name="remind this many days before the due date",
                    ),
                ),
                (
                    "remind_overdue",
                    models.BooleanField(
                        default=True,
                        verbose_name="remind the people responsible once when it is overdue",
                    ),
                ),
                (
                    "escalate_after_days",
                    models.PositiveSmallIntegerField(
                        default=1,
                        help_text="1 tells the manager on the first day it is overdue.",
                        verbose_name="tell the team's manager after this many days overdue",
                    ),
                ),
                (
                    "active",
                    models.BooleanField(
                        default=True, help_text="Untick to send no reminders at all."
                    ),
                ),
            ],
            options={
                "ordering": ["rule"],
            },
        ),
        migrations.CreateModel(
            name="CalendarToken",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("token_hash", models.CharField(max_length=64, unique=True)),
                (
                    "hint",
                    models.CharField(
                        help_text="The token's first characters, to tell it apart.", max_length=8
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("last_used_at", models.DateTimeField(blank=True, null=True)),
                ("revoked_at", models.DateTimeField(blank=True, null=True)),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="calendar_tokens",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["-created_at"],
            },
        ),
        migrations.CreateModel(
            name="CaseSnapshot",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("fingerprint", models.CharField(max_length=64)),
                ("version", models.PositiveIntegerField(default=1)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "child",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="notification_snapshot",
                        to="casework.child",
                    ),
                ),
            ],
        ),
        migrations.CreateModel(
            name="HistoricalNotificationPreference",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "delivery",
                    models.CharField(
                        choices=[
                            ("single", "A message for each reminder"),
                            ("digest", "One message a day with all my reminders"),
                        ],
                        default="single",
                        max_length=10,
                    ),
                ),
                (
                    "channels",
                    models.CharField(
                        choices=[
                            ("email", "By email"),
                            ("sms", "By text message"),
                            ("both", "By email and text message"),
                        ],
                        default="email",
                        max_length=10,
                    ),
                ),
                ("mobile_number", models.CharField(blank=True, max_length=11)),
                (
                    "lead_weeks",
                    models.PositiveSmallIntegerField(
                        blank=True,
                        choices=[
                            (1, "1 week before"),
                            (2, "2 weeks before"),
                            (4, "4 weeks before"),
                        ],
                        null=True,
                    ),
                ),
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
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "user",
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
                "verbose_name": "historical notification preference",
                "verbose_name_plural": "historical notification preferences",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="NotificationPreference",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "delivery",
                    models.CharField(
                        choices=[
                            ("single", "A message for each reminder"),
                            ("digest", "One message a day with all my reminders"),
                        ],
                        default="single",
                        max_length=10,
                    ),
                ),
                (
                    "channels",
                    models.CharField(
                        choices=[
                            ("email", "By email"),
                            ("sms", "By text message"),
                            ("both", "By email and text message"),
                        ],
                        default="email",
                        max_length=10,
                    ),
                ),
                ("mobile_number", models.CharField(blank=True, max_length=11)),
                (
                    "lead_weeks",
                    models.PositiveSmallIntegerField(
                        blank=True,
                        choices=[
                            (1, "1 week before"),
                            (2, "2 weeks before"),
                            (4, "4 weeks before"),
                        ],
                        null=True,
                    ),
                ),
                (
                    "user",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="notification_preference",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
        ),
        migrations.CreateModel(
            name="Message",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("dedupe_key", models.CharField(max_length=255, unique=True)),
                ("template", models.CharField(max_length=60)),
                (
                    "channel",
                    models.CharField(
                        choices=[
                            ("email", "Email (SMTP)"),
                            ("notify", "GOV.UK Notify"),
                            ("sms", "Text message (GOV.UK Notify)"),
                        ],
                        max_length=10,
                    ),
                ),
                ("to_address", models.CharField(max_length=254)),
                ("personalisation", models.JSONField(blank=True, default=dict)),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("pending", "Waiting to be sent"),
                            ("sending", "Being sent"),
                            ("sent", "Sent"),
                            ("failed", "Failed (no more retries)"),
                            ("held", "Held for the daily digest"),
                            ("digested", "Sent in a daily digest"),
                            ("cancelled", "Cancelled"),
                        ],
                        db_index=True,
                        default="pending",
                        max_length=10,
                    ),
                ),
                ("attempts", models.PositiveSmallIntegerField(default=0)),
                (
                    "next_attempt_at",
                    models.DateTimeField(db_index=True, default=django.utils.timezone.now),
                ),
                ("last_error", models.TextField(blank=True)),
                ("claimed_by", models.CharField(blank=True, max_length=100)),
                ("claimed_at", models.DateTimeField(blank=True, null=True)),
                ("sent_at", models.DateTimeField(blank=True, null=True)),
                ("provider_reference", models.CharField(blank=True, max_length=100)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "child",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="casework.child",
                    ),
                ),
                (
                    "digest",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="items",
                        to="notifications.message",
                    ),
                ),
                (
                    "recipient",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="messages_received",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["-created_at", "-id"],
                "indexes": [
                    models.Index(
                        fields=["status", "next_attempt_at"], name="notificatio_status_6a7b94_idx"
                    )
                ],
            },
        ),
    ]
