"""The casefile app's tables as its models define them, written by makemigrations when the
migrations were squashed to one per app before the first production release
(docs/decisions/0189). `replaces` lists the migrations it stands for, so a database
migrated with them counts it as applied."""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

import redress.casefile.models


class Migration(migrations.Migration):
    initial = True

    replaces = [
        ("casefile", "0001_case_notes_and_contacts"),
        ("casefile", "0002_notes_go_with_the_child_at_retention"),
        ("casefile", "0003_case_documents"),
        ("casefile", "0004_casedocument_advice_request_and_more"),
        ("casefile", "0005_case_messages"),
    ]

    dependencies = [
        ("accounts", "0001_initial"),
        ("casework", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="HistoricalCaseDocument",
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
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("advice", "Advice report"),
                            ("review_report", "School's review report"),
                            ("letter_in", "Letter received"),
                            ("letter_out", "Letter sent"),
                            ("draft_plan", "Draft plan"),
                            ("decision", "Decision letter"),
                            ("other", "Other"),
                        ],
                        max_length=20,
                        verbose_name="type",
                    ),
                ),
                ("title", models.CharField(max_length=200)),
                ("dated", models.DateField(verbose_name="date of the document")),
                ("file", models.TextField(max_length=200)),
                ("original_name", models.CharField(max_length=255)),
                (
                    "audience",
                    models.CharField(
                        choices=[
                            ("staff", "The local authority's staff only"),
                            ("professionals", "Also the professionals on the case"),
                            ("family", "Also the professionals and the family"),
                        ],
                        default="staff",
                        max_length=20,
                        verbose_name="who may see it",
                    ),
                ),
                (
                    "shared_with_family_on",
                    models.DateField(
                        blank=True, null=True, verbose_name="date sent or shared with the family"
                    ),
                ),
                ("uploaded_at", models.DateTimeField(blank=True, db_index=True, editable=False)),
                ("version", models.PositiveIntegerField(default=1)),
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
                    "advice_request",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="casework.advicerequest",
                        verbose_name="the advice request it answers",
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
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "uploaded_by",
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
                "verbose_name": "historical case document",
                "verbose_name_plural": "historical case documents",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalCaseMessage",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "side",
                    models.CharField(
                        choices=[("family", "The family"), ("professional", "The professionals")],
                        max_length=12,
                    ),
                ),
                ("text", models.TextField(max_length=5000, verbose_name="message")),
                ("sent_at", models.DateTimeField(blank=True, db_index=True, editable=False)),
                ("seen_at", models.DateTimeField(blank=True, null=True)),
                ("withdrawn_at", models.DateTimeField(blank=True, null=True)),
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
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "organisation",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="accounts.organisation",
                        verbose_name="the authority or provider in the conversation",
                    ),
                ),
                (
                    "seen_by",
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
            ],
            options={
                "verbose_name": "historical case message",
                "verbose_name_plural": "historical case messages",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalCaseNote",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("note", "Case note"),
                            ("phone", "Phone call"),
                            ("email", "Email"),
                            ("meeting", "Meeting"),
                            ("letter", "Letter"),
                        ],
                        default="note",
                        max_length=10,
                    ),
                ),
                (
                    "direction",
                    models.CharField(
                        blank=True,
                        choices=[("in", "Incoming (to us)"), ("out", "Outgoing (from us)")],
                        max_length=3,
                    ),
                ),
                (
                    "with_whom",
                    models.CharField(
                        blank=True,
                        help_text="The person or organisation contacted.",
                        max_length=200,
                        verbose_name="with whom",
                    ),
                ),
                ("occurred_on", models.DateField(verbose_name="date")),
                ("text", models.TextField(max_length=10000, verbose_name="note or summary")),
                (
                    "sensitive",
                    models.BooleanField(
                        default=False,
                        help_text="Visible to the local authority's staff only, always.",
                    ),
                ),
                ("recorded_at", models.DateTimeField(blank=True, db_index=True, editable=False)),
                ("version", models.PositiveIntegerField(default=1)),
                ("corrected_at", models.DateTimeField(blank=True, null=True)),
                ("correction_reason", models.TextField(blank=True, max_length=2000)),
                ("withdrawn_at", models.DateTimeField(blank=True, null=True)),
                ("withdrawn_reason", models.TextField(blank=True, max_length=2000)),
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
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "recorded_by",
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
                "verbose_name": "historical case note",
                "verbose_name_plural": "historical case notes",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalTask",
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
                ("what", models.CharField(max_length=200, verbose_name="what needs doing")),
                (
                    "bring_forward_on",
                    models.DateField(db_index=True, verbose_name="bring forward on"),
                ),
                ("source_rule", models.CharField(blank=True, max_length=60)),
                ("source_ref", models.CharField(blank=True, max_length=60)),
                ("created_at", models.DateTimeField(blank=True, editable=False)),
                ("done_at", models.DateTimeField(blank=True, null=True)),
                ("done_note", models.CharField(blank=True, max_length=300)),
                ("version", models.PositiveIntegerField(default=1)),
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
                    "assigned_to",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="Empty while the child has no caseworker.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
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
                        help_text="Empty when Redress created the task from the deadline table.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "done_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="Empty when Redress closed the task because the step was recorded.",
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
                "verbose_name": "historical task",
                "verbose_name_plural": "historical tasks",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="CaseDocument",
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
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("advice", "Advice report"),
                            ("review_report", "School's review report"),
                            ("letter_in", "Letter received"),
                            ("letter_out", "Letter sent"),
                            ("draft_plan", "Draft plan"),
                            ("decision", "Decision letter"),
                            ("other", "Other"),
                        ],
                        max_length=20,
                        verbose_name="type",
                    ),
                ),
                ("title", models.CharField(max_length=200)),
                ("dated", models.DateField(verbose_name="date of the document")),
                (
                    "file",
                    models.FileField(
                        max_length=200, upload_to=redress.casefile.models.document_upload_to
                    ),
                ),
                ("original_name", models.CharField(max_length=255)),
                (
                    "audience",
                    models.CharField(
                        choices=[
                            ("staff", "The local authority's staff only"),
                            ("professionals", "Also the professionals on the case"),
                            ("family", "Also the professionals and the family"),
                        ],
                        default="staff",
                        max_length=20,
                        verbose_name="who may see it",
                    ),
                ),
                (
                    "shared_with_family_on",
                    models.DateField(
                        blank=True, null=True, verbose_name="date sent or shared with the family"
                    ),
                ),
                ("uploaded_at", models.DateTimeField(auto_now_add=True, db_index=True)),
                ("version", models.PositiveIntegerField(default=1)),
                (
                    "advice_request",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="documents",
                        to="casework.advicerequest",
                        verbose_name="the advice request it answers",
                    ),
                ),
                (
                    "child",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="case_documents",
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
                    "uploaded_by",
                    models.ForeignKey(
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
                "ordering": ("-dated", "-uploaded_at", "-pk"),
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(
                                ("audience", "family"), ("shared_with_family_on__isnull", False)
                            ),
                            models.Q(
                                models.Q(("audience", "family"), _negated=True),
                                ("shared_with_family_on__isnull", True),
                            ),
                            _connector="OR",
                        ),
                        name="casefile_document_shared_date_iff_family",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="CaseMessage",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "side",
                    models.CharField(
                        choices=[("family", "The family"), ("professional", "The professionals")],
                        max_length=12,
                    ),
                ),
                ("text", models.TextField(max_length=5000, verbose_name="message")),
                ("sent_at", models.DateTimeField(auto_now_add=True, db_index=True)),
                ("seen_at", models.DateTimeField(blank=True, null=True)),
                ("withdrawn_at", models.DateTimeField(blank=True, null=True)),
                (
                    "child",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="case_messages",
                        to="casework.child",
                    ),
                ),
                (
                    "organisation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="case_messages",
                        to="accounts.organisation",
                        verbose_name="the authority or provider in the conversation",
                    ),
                ),
                (
                    "seen_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "sent_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["-sent_at", "-id"],
                "indexes": [
                    models.Index(
                        condition=models.Q(
                            ("seen_at__isnull", True), ("withdrawn_at__isnull", True)
                        ),
                        fields=["organisation", "side", "child"],
                        name="case_message_unseen",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="CaseNote",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("note", "Case note"),
                            ("phone", "Phone call"),
                            ("email", "Email"),
                            ("meeting", "Meeting"),
                            ("letter", "Letter"),
                        ],
                        default="note",
                        max_length=10,
                    ),
                ),
                (
                    "direction",
                    models.CharField(
                        blank=True,
                        choices=[("in", "Incoming (to us)"), ("out", "Outgoing (from us)")],
                        max_length=3,
                    ),
                ),
                (
                    "with_whom",
                    models.CharField(
                        blank=True,
                        help_text="The person or organisation contacted.",
                        max_length=200,
                        verbose_name="with whom",
                    ),
                ),
                ("occurred_on", models.DateField(verbose_name="date")),
                ("text", models.TextField(max_length=10000, verbose_name="note or summary")),
                (
                    "sensitive",
                    models.BooleanField(
                        default=False,
                        help_text="Visible to the local authority's staff only, always.",
                    ),
                ),
                ("recorded_at", models.DateTimeField(auto_now_add=True, db_index=True)),
                ("version", models.PositiveIntegerField(default=1)),
                ("corrected_at", models.DateTimeField(blank=True, null=True)),
                ("correction_reason", models.TextField(blank=True, max_length=2000)),
                ("withdrawn_at", models.DateTimeField(blank=True, null=True)),
                ("withdrawn_reason", models.TextField(blank=True, max_length=2000)),
                (
                    "child",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="case_notes",
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
                    "recorded_by",
                    models.ForeignKey(
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
                "ordering": ("-occurred_on", "-recorded_at", "-pk"),
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("direction", ""), ("kind", "note")),
                            models.Q(("kind", "note"), _negated=True),
                            _connector="OR",
                        ),
                        name="casefile_note_has_no_direction",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="Task",
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
                ("what", models.CharField(max_length=200, verbose_name="what needs doing")),
                (
                    "bring_forward_on",
                    models.DateField(db_index=True, verbose_name="bring forward on"),
                ),
                ("source_rule", models.CharField(blank=True, max_length=60)),
                ("source_ref", models.CharField(blank=True, max_length=60)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("done_at", models.DateTimeField(blank=True, null=True)),
                ("done_note", models.CharField(blank=True, max_length=300)),
                ("version", models.PositiveIntegerField(default=1)),
                (
                    "assigned_to",
                    models.ForeignKey(
                        blank=True,
                        help_text="Empty while the child has no caseworker.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="tasks",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "child",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="tasks",
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
                        blank=True,
                        help_text="Empty when Redress created the task from the deadline table.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "done_by",
                    models.ForeignKey(
                        blank=True,
                        help_text="Empty when Redress closed the task because the step was recorded.",
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
                "ordering": ("bring_forward_on", "pk"),
                "indexes": [
                    models.Index(
                        condition=models.Q(
                            ("done_at__isnull", True), ("withdrawn_at__isnull", True)
                        ),
                        fields=["assigned_to", "bring_forward_on"],
                        name="task_open_assignee",
                    )
                ],
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(("source_rule", ""), _negated=True),
                        fields=("child", "source_rule", "source_ref"),
                        name="casefile_one_task_per_deadline",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("done_at__isnull", True),
                            ("withdrawn_at__isnull", True),
                            _connector="OR",
                        ),
                        name="casefile_task_done_or_withdrawn",
                    ),
                ],
            },
        ),
    ]
