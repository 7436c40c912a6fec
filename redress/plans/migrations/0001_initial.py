"""The plans app's tables as its models define them, written by makemigrations when the
migrations were squashed to one per app before the first production release
(docs/decisions/0189). `replaces` lists the migrations it stands for, so a database
migrated with them counts it as applied (its own name is the old first migration's)."""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    replaces = [
        ("plans", "0002_review_meeting_and_cessation_appeal"),
        ("plans", "0003_decisions_not_to_amend_and_post16_moves"),
        ("plans", "0004_steps_corrected_or_withdrawn"),
        ("plans", "0005_section_i_preference_and_consultations"),
        ("plans", "0006_amendment_made_for_a_phase_transfer"),
        ("plans", "0007_cessation_ground_and_personal_budget"),
        ("plans", "0008_review_attendance_documents_views_progress_and_direct_payment_reviews"),
        ("plans", "0009_phase_transfer_first_middle_and_move_date_help"),
    ]

    dependencies = [
        ("accounts", "0001_initial"),
        ("casefile", "0001_initial"),
        ("casework", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="HistoricalPhaseTransfer",
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
                            ("into_school", "Early years into school"),
                            ("infant_junior", "Infant to junior school"),
                            ("first_middle", "First to middle school"),
                            ("primary_secondary", "Primary (or middle) to secondary school"),
                            ("post16", "Secondary school to post-16"),
                            ("post16_move", "From one post-16 institution to another"),
                        ],
                        max_length=20,
                    ),
                ),
                (
                    "year",
                    models.PositiveIntegerField(help_text="The calendar year of the transfer."),
                ),
                (
                    "identified_on",
                    models.DateField(
                        help_text="The day the transfer was identified: amended plans from this day count."
                    ),
                ),
                (
                    "move_date",
                    models.DateField(
                        blank=True,
                        help_text="A move between post-16 institutions only: the engine works out from it when the amended plan is due (reg 18(2)).",
                        null=True,
                        verbose_name="the day the young person moves",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("active", "In the cohort"),
                            ("withdrawn", "Withdrawn (for example the family moved away)"),
                        ],
                        default="active",
                        max_length=10,
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
                "verbose_name": "historical phase transfer",
                "verbose_name_plural": "historical phase transfers",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="PersonalBudget",
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
                    "requested_on",
                    models.DateField(verbose_name="the day the personal budget was asked for"),
                ),
                (
                    "requested_by",
                    models.CharField(
                        choices=[
                            ("parent", "The child's parent"),
                            ("young_person", "The young person"),
                        ],
                        max_length=12,
                    ),
                ),
                (
                    "requested_by_name",
                    models.CharField(blank=True, max_length=200, verbose_name="name of who asked"),
                ),
                (
                    "decision",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("", "Not decided yet"),
                            ("agreed", "Agreed"),
                            ("refused", "Refused"),
                        ],
                        default="",
                        max_length=8,
                    ),
                ),
                (
                    "decided_on",
                    models.DateField(
                        blank=True, null=True, verbose_name="the day the authority decided"
                    ),
                ),
                (
                    "decision_reasons",
                    models.TextField(
                        blank=True, max_length=5000, verbose_name="reasons for the decision"
                    ),
                ),
                (
                    "education_amount",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        max_digits=9,
                        null=True,
                        verbose_name="education (special educational provision)",
                    ),
                ),
                (
                    "health_amount",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        max_digits=9,
                        null=True,
                        verbose_name="health care provision",
                    ),
                ),
                (
                    "social_care_amount",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        max_digits=9,
                        null=True,
                        verbose_name="social care provision",
                    ),
                ),
                (
                    "direct_payments",
                    models.BooleanField(
                        default=False, verbose_name="paid in part or whole as direct payments"
                    ),
                ),
                (
                    "direct_payments_provision",
                    models.TextField(
                        blank=True,
                        max_length=5000,
                        verbose_name="the needs and outcomes the direct payments are to meet",
                    ),
                ),
                (
                    "direct_payments_review_on",
                    models.DateField(
                        blank=True,
                        null=True,
                        verbose_name="the day the direct payments are next reviewed",
                    ),
                ),
                ("recorded_at", models.DateTimeField(auto_now_add=True)),
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
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["requested_on", "id"],
            },
        ),
        migrations.CreateModel(
            name="HistoricalDirectPaymentReview",
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
                    "reviewed_on",
                    models.DateField(verbose_name="the day the direct payments were reviewed"),
                ),
                (
                    "outcome",
                    models.CharField(
                        choices=[
                            ("continue", "Continue as they are"),
                            ("changed", "Continue, with a changed amount or conditions"),
                            ("stopped", "Stop the direct payments"),
                        ],
                        max_length=10,
                    ),
                ),
                (
                    "notes",
                    models.TextField(
                        blank=True, max_length=5000, verbose_name="what the review found"
                    ),
                ),
                (
                    "was_due_on",
                    models.DateField(
                        blank=True,
                        help_text="Restored to the budget if this review is withdrawn as recorded in error.",
                        null=True,
                        verbose_name="the review date set before this review",
                    ),
                ),
                (
                    "next_review_on",
                    models.DateField(
                        blank=True, null=True, verbose_name="the day they are next reviewed"
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
                (
                    "budget",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="plans.personalbudget",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical direct payment review",
                "verbose_name_plural": "historical direct payment reviews",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="DirectPaymentReview",
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
                    "reviewed_on",
                    models.DateField(verbose_name="the day the direct payments were reviewed"),
                ),
                (
                    "outcome",
                    models.CharField(
                        choices=[
                            ("continue", "Continue as they are"),
                            ("changed", "Continue, with a changed amount or conditions"),
                            ("stopped", "Stop the direct payments"),
                        ],
                        max_length=10,
                    ),
                ),
                (
                    "notes",
                    models.TextField(
                        blank=True, max_length=5000, verbose_name="what the review found"
                    ),
                ),
                (
                    "was_due_on",
                    models.DateField(
                        blank=True,
                        help_text="Restored to the budget if this review is withdrawn as recorded in error.",
                        null=True,
                        verbose_name="the review date set before this review",
                    ),
                ),
                (
                    "next_review_on",
                    models.DateField(
                        blank=True, null=True, verbose_name="the day they are next reviewed"
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
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "budget",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="direct_payment_reviews",
                        to="plans.personalbudget",
                    ),
                ),
            ],
            options={
                "ordering": ["reviewed_on", "id"],
            },
        ),
        migrations.CreateModel(
            name="PhaseTransfer",
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
                            ("into_school", "Early years into school"),
                            ("infant_junior", "Infant to junior school"),
                            ("first_middle", "First to middle school"),
                            ("primary_secondary", "Primary (or middle) to secondary school"),
                            ("post16", "Secondary school to post-16"),
                            ("post16_move", "From one post-16 institution to another"),
                        ],
                        max_length=20,
                    ),
                ),
                (
                    "year",
                    models.PositiveIntegerField(help_text="The calendar year of the transfer."),
                ),
                (
                    "identified_on",
                    models.DateField(
                        help_text="The day the transfer was identified: amended plans from this day count."
                    ),
                ),
                (
                    "move_date",
                    models.DateField(
                        blank=True,
                        help_text="A move between post-16 institutions only: the engine works out from it when the amended plan is due (reg 18(2)).",
                        null=True,
                        verbose_name="the day the young person moves",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("active", "In the cohort"),
                            ("withdrawn", "Withdrawn (for example the family moved away)"),
                        ],
                        default="active",
                        max_length=10,
                    ),
                ),
                (
                    "child",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="phase_transfers",
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
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["year", "child"],
            },
        ),
        migrations.CreateModel(
            name="Plan",
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
                ("version_number", models.PositiveIntegerField(default=1)),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("draft", "Draft"),
                            ("final", "Final"),
                            ("amended", "Amended (final)"),
                            ("ceased", "Ceased"),
                            ("lapsed", "Lapsed (the plan it amended ceased)"),
                            ("not_made", "Not made (the authority decided not to amend)"),
                        ],
                        default="draft",
                        max_length=10,
                    ),
                ),
                (
                    "draft_issued_on",
                    models.DateField(
                        blank=True,
                        help_text="A first plan: the day the draft was served. An amended version: the day the amendment notice with the proposed amendments was issued.",
                        null=True,
                    ),
                ),
                (
                    "issued_on",
                    models.DateField(
                        blank=True,
                        help_text="The day the final (or amended final) plan was issued.",
                        null=True,
                    ),
                ),
                (
                    "not_amended_on",
                    models.DateField(
                        blank=True,
                        help_text="An amended version only: after the amendment notice, the authority decided not to amend the plan (SEND Regulations 2014 reg 22(4)).",
                        null=True,
                        verbose_name="the day the family was told the plan will not be amended",
                    ),
                ),
                ("not_amended_reasons", models.TextField(blank=True)),
                (
                    "nc_year_override",
                    models.SmallIntegerField(
                        blank=True,
                        help_text="Leave empty to use the year worked out from the date of birth.",
                        null=True,
                        verbose_name="national curriculum year, when taught out of their age group",
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "child",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="plans",
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
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "phase_transfer",
                    models.ForeignKey(
                        blank=True,
                        help_text="An amended version only: the phase transfer it was made for. Only such an amendment meets the transfer's deadline (reg 18).",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="amendments",
                        to="plans.phasetransfer",
                    ),
                ),
                (
                    "supersedes",
                    models.ForeignKey(
                        blank=True,
                        help_text="The version this one amends.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="superseded_by",
                        to="plans.plan",
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
                "ordering": ["child", "version_number"],
            },
        ),
        migrations.CreateModel(
            name="Placement",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "institution_name",
                    models.CharField(
                        blank=True,
                        help_text="When the institution is not in Redress.",
                        max_length=200,
                    ),
                ),
                (
                    "institution_type",
                    models.CharField(
                        help_text="For example 'maintained mainstream secondary school'.",
                        max_length=200,
                        verbose_name="type of school or institution",
                    ),
                ),
                (
                    "family_preference",
                    models.CharField(
                        blank=True,
                        max_length=200,
                        verbose_name="the school or institution the family asked to be named",
                    ),
                ),
                (
                    "preference_requested_on",
                    models.DateField(
                        blank=True, null=True, verbose_name="the day the family asked"
                    ),
                ),
                (
                    "institution",
                    models.ForeignKey(
                        blank=True,
                        limit_choices_to={"kind": "setting"},
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="accounts.organisation",
                    ),
                ),
                (
                    "plan",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="placement",
                        to="plans.plan",
                    ),
                ),
            ],
        ),
        migrations.AddField(
            model_name="personalbudget",
            name="plan",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="personal_budgets",
                to="plans.plan",
            ),
        ),
        migrations.CreateModel(
            name="Outcome",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("text", models.TextField(verbose_name="the outcome sought")),
                (
                    "by_when",
                    models.CharField(
                        blank=True, help_text="For example 'by the end of year 10'.", max_length=100
                    ),
                ),
                (
                    "preparing_for_adulthood",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("employment", "Higher education or employment"),
                            ("independent_living", "Independent living"),
                            (
                                "community",
                                "Participating in society (friends, relationships, community)",
                            ),
                            ("health", "Being as healthy as possible in adult life"),
                        ],
                        help_text="Leave empty when the outcome is not about preparing for adulthood.",
                        max_length=20,
                        verbose_name="preparing for adulthood area",
                    ),
                ),
                ("position", models.PositiveIntegerField(default=0)),
                (
                    "plan",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="outcomes",
                        to="plans.plan",
                    ),
                ),
            ],
            options={
                "ordering": ["position", "id"],
            },
        ),
        migrations.CreateModel(
            name="HistoricalReviewCycle",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("meeting_planned_for", models.DateField(blank=True, null=True)),
                (
                    "meeting_arranged_on",
                    models.DateField(
                        blank=True,
                        help_text="The day the meeting date was set: the engine counts its notice and advice deadlines back from the meeting date.",
                        null=True,
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
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "plan",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="plans.plan",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical review cycle",
                "verbose_name_plural": "historical review cycles",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalProvisionItem",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "section",
                    models.CharField(
                        choices=[
                            ("F", "Section F"),
                            ("G", "Section G"),
                            ("H1", "Section H1"),
                            ("H2", "Section H2"),
                        ],
                        max_length=2,
                    ),
                ),
                ("what", models.TextField(verbose_name="what the provision is")),
                ("who", models.CharField(max_length=200, verbose_name="who provides it")),
                ("how_often", models.CharField(max_length=200, verbose_name="how often")),
                ("how_long", models.CharField(max_length=200, verbose_name="for how long")),
                (
                    "preparing_for_adulthood",
                    models.BooleanField(
                        default=False,
                        verbose_name="helps prepare for adulthood and independent living",
                    ),
                ),
                ("position", models.PositiveIntegerField(default=0)),
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
                    "plan",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="plans.plan",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical provision item",
                "verbose_name_plural": "historical provision items",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalPlanSection",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "code",
                    models.CharField(
                        choices=[
                            ("A", "Section A"),
                            ("B", "Section B"),
                            ("C", "Section C"),
                            ("D", "Section D"),
                            ("E", "Section E"),
                            ("F", "Section F"),
                            ("G", "Section G"),
                            ("H1", "Section H1"),
                            ("H2", "Section H2"),
                            ("I", "Section I"),
                            ("J", "Section J"),
                            ("K", "Section K"),
                        ],
                        max_length=2,
                    ),
                ),
                ("text", models.TextField(blank=True)),
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
                    "plan",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="plans.plan",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical plan section",
                "verbose_name_plural": "historical plan sections",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalPlacement",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "institution_name",
                    models.CharField(
                        blank=True,
                        help_text="When the institution is not in Redress.",
                        max_length=200,
                    ),
                ),
                (
                    "institution_type",
                    models.CharField(
                        help_text="For example 'maintained mainstream secondary school'.",
                        max_length=200,
                        verbose_name="type of school or institution",
                    ),
                ),
                (
                    "family_preference",
                    models.CharField(
                        blank=True,
                        max_length=200,
                        verbose_name="the school or institution the family asked to be named",
                    ),
                ),
                (
                    "preference_requested_on",
                    models.DateField(
                        blank=True, null=True, verbose_name="the day the family asked"
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
                    "institution",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        limit_choices_to={"kind": "setting"},
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="accounts.organisation",
                    ),
                ),
                (
                    "plan",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="plans.plan",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical placement",
                "verbose_name_plural": "historical placements",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalPersonalBudget",
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
                    "requested_on",
                    models.DateField(verbose_name="the day the personal budget was asked for"),
                ),
                (
                    "requested_by",
                    models.CharField(
                        choices=[
                            ("parent", "The child's parent"),
                            ("young_person", "The young person"),
                        ],
                        max_length=12,
                    ),
                ),
                (
                    "requested_by_name",
                    models.CharField(blank=True, max_length=200, verbose_name="name of who asked"),
                ),
                (
                    "decision",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("", "Not decided yet"),
                            ("agreed", "Agreed"),
                            ("refused", "Refused"),
                        ],
                        default="",
                        max_length=8,
                    ),
                ),
                (
                    "decided_on",
                    models.DateField(
                        blank=True, null=True, verbose_name="the day the authority decided"
                    ),
                ),
                (
                    "decision_reasons",
                    models.TextField(
                        blank=True, max_length=5000, verbose_name="reasons for the decision"
                    ),
                ),
                (
                    "education_amount",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        max_digits=9,
                        null=True,
                        verbose_name="education (special educational provision)",
                    ),
                ),
                (
                    "health_amount",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        max_digits=9,
                        null=True,
                        verbose_name="health care provision",
                    ),
                ),
                (
                    "social_care_amount",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        max_digits=9,
                        null=True,
                        verbose_name="social care provision",
                    ),
                ),
                (
                    "direct_payments",
                    models.BooleanField(
                        default=False, verbose_name="paid in part or whole as direct payments"
                    ),
                ),
                (
                    "direct_payments_provision",
                    models.TextField(
                        blank=True,
                        max_length=5000,
                        verbose_name="the needs and outcomes the direct payments are to meet",
                    ),
                ),
                (
                    "direct_payments_review_on",
                    models.DateField(
                        blank=True,
                        null=True,
                        verbose_name="the day the direct payments are next reviewed",
                    ),
                ),
                ("recorded_at", models.DateTimeField(blank=True, editable=False)),
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
                (
                    "plan",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="plans.plan",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical personal budget",
                "verbose_name_plural": "historical personal budgets",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalOutcome",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("text", models.TextField(verbose_name="the outcome sought")),
                (
                    "by_when",
                    models.CharField(
                        blank=True, help_text="For example 'by the end of year 10'.", max_length=100
                    ),
                ),
                (
                    "preparing_for_adulthood",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("employment", "Higher education or employment"),
                            ("independent_living", "Independent living"),
                            (
                                "community",
                                "Participating in society (friends, relationships, community)",
                            ),
                            ("health", "Being as healthy as possible in adult life"),
                        ],
                        help_text="Leave empty when the outcome is not about preparing for adulthood.",
                        max_length=20,
                        verbose_name="preparing for adulthood area",
                    ),
                ),
                ("position", models.PositiveIntegerField(default=0)),
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
                    "plan",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="plans.plan",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical outcome",
                "verbose_name_plural": "historical outcomes",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalConsultation",
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
                    "institution_name",
                    models.CharField(
                        blank=True,
                        help_text="When the institution is not in Redress.",
                        max_length=200,
                    ),
                ),
                (
                    "consulted_on",
                    models.DateField(verbose_name="the day the institution was consulted"),
                ),
                (
                    "responded_on",
                    models.DateField(
                        blank=True, null=True, verbose_name="the day the institution replied"
                    ),
                ),
                (
                    "response",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("agrees", "Agrees to be named"),
                            ("objects", "Objects to being named"),
                            ("other", "Other reply"),
                        ],
                        max_length=10,
                    ),
                ),
                ("response_details", models.TextField(blank=True, max_length=5000)),
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
                    "institution",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        limit_choices_to={"kind": "setting"},
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="accounts.organisation",
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
                (
                    "plan",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="plans.plan",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical consultation",
                "verbose_name_plural": "historical consultations",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalCessationConsultation",
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
                    "consultee",
                    models.CharField(
                        choices=[
                            ("family", "The child's parent or the young person"),
                            ("institution", "The head teacher or principal of the institution"),
                        ],
                        max_length=12,
                    ),
                ),
                ("name", models.CharField(max_length=200, verbose_name="who was consulted")),
                ("consulted_on", models.DateField(verbose_name="the day they were consulted")),
                (
                    "responded_on",
                    models.DateField(blank=True, null=True, verbose_name="the day they replied"),
                ),
                (
                    "response",
                    models.TextField(blank=True, max_length=5000, verbose_name="their reply"),
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
                (
                    "plan",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="plans.plan",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical cessation consultation",
                "verbose_name_plural": "historical cessation consultations",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="Consultation",
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
                    "institution_name",
                    models.CharField(
                        blank=True,
                        help_text="When the institution is not in Redress.",
                        max_length=200,
                    ),
                ),
                (
                    "consulted_on",
                    models.DateField(verbose_name="the day the institution was consulted"),
                ),
                (
                    "responded_on",
                    models.DateField(
                        blank=True, null=True, verbose_name="the day the institution replied"
                    ),
                ),
                (
                    "response",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("agrees", "Agrees to be named"),
                            ("objects", "Objects to being named"),
                            ("other", "Other reply"),
                        ],
                        max_length=10,
                    ),
                ),
                ("response_details", models.TextField(blank=True, max_length=5000)),
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
                    "institution",
                    models.ForeignKey(
                        blank=True,
                        limit_choices_to={"kind": "setting"},
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="accounts.organisation",
                    ),
                ),
                (
                    "recorded_by",
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
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "plan",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="consultations",
                        to="plans.plan",
                    ),
                ),
            ],
            options={
                "ordering": ["consulted_on", "id"],
            },
        ),
        migrations.CreateModel(
            name="CessationConsultation",
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
                    "consultee",
                    models.CharField(
                        choices=[
                            ("family", "The child's parent or the young person"),
                            ("institution", "The head teacher or principal of the institution"),
                        ],
                        max_length=12,
                    ),
                ),
                ("name", models.CharField(max_length=200, verbose_name="who was consulted")),
                ("consulted_on", models.DateField(verbose_name="the day they were consulted")),
                (
                    "responded_on",
                    models.DateField(blank=True, null=True, verbose_name="the day they replied"),
                ),
                (
                    "response",
                    models.TextField(blank=True, max_length=5000, verbose_name="their reply"),
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
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "plan",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="cessation_consultations",
                        to="plans.plan",
                    ),
                ),
            ],
            options={
                "ordering": ["consulted_on", "id"],
            },
        ),
        migrations.CreateModel(
            name="Appendix",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("title", models.CharField(blank=True, max_length=200)),
                (
                    "advice_request",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="casework.advicerequest",
                    ),
                ),
                (
                    "plan",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="appendices",
                        to="plans.plan",
                    ),
                ),
            ],
            options={
                "verbose_name_plural": "appendices",
                "ordering": ["id"],
            },
        ),
        migrations.CreateModel(
            name="PlanSection",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "code",
                    models.CharField(
                        choices=[
                            ("A", "Section A"),
                            ("B", "Section B"),
                            ("C", "Section C"),
                            ("D", "Section D"),
                            ("E", "Section E"),
                            ("F", "Section F"),
                            ("G", "Section G"),
                            ("H1", "Section H1"),
                            ("H2", "Section H2"),
                            ("I", "Section I"),
                            ("J", "Section J"),
                            ("K", "Section K"),
                        ],
                        max_length=2,
                    ),
                ),
                ("text", models.TextField(blank=True)),
                (
                    "plan",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="sections",
                        to="plans.plan",
                    ),
                ),
            ],
        ),
        migrations.CreateModel(
            name="ProvisionItem",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "section",
                    models.CharField(
                        choices=[
                            ("F", "Section F"),
                            ("G", "Section G"),
                            ("H1", "Section H1"),
                            ("H2", "Section H2"),
                        ],
                        max_length=2,
                    ),
                ),
                ("what", models.TextField(verbose_name="what the provision is")),
                ("who", models.CharField(max_length=200, verbose_name="who provides it")),
                ("how_often", models.CharField(max_length=200, verbose_name="how often")),
                ("how_long", models.CharField(max_length=200, verbose_name="for how long")),
                (
                    "preparing_for_adulthood",
                    models.BooleanField(
                        default=False,
                        verbose_name="helps prepare for adulthood and independent living",
                    ),
                ),
                ("position", models.PositiveIntegerField(default=0)),
                (
                    "plan",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="provision_items",
                        to="plans.plan",
                    ),
                ),
            ],
            options={
                "ordering": ["section", "position", "id"],
            },
        ),
        migrations.CreateModel(
            name="ReviewCycle",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("meeting_planned_for", models.DateField(blank=True, null=True)),
                (
                    "meeting_arranged_on",
                    models.DateField(
                        blank=True,
                        help_text="The day the meeting date was set: the engine counts its notice and advice deadlines back from the meeting date.",
                        null=True,
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "child",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="review_cycles",
                        to="casework.child",
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "plan",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="reviews",
                        to="plans.plan",
                    ),
                ),
            ],
            options={
                "ordering": ["child", "created_at", "id"],
            },
        ),
        migrations.AddField(
            model_name="plan",
            name="review",
            field=models.ForeignKey(
                blank=True,
                help_text="The review whose decision to amend this version carries out, if any.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="amended_plans",
                to="plans.reviewcycle",
            ),
        ),
        migrations.CreateModel(
            name="OutcomeProgress",
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
                    "progress",
                    models.CharField(
                        choices=[
                            ("achieved", "Achieved"),
                            ("on_track", "On track"),
                            ("some", "Some progress"),
                            ("none", "No progress yet"),
                            ("change", "No longer right: the outcome should change"),
                        ],
                        max_length=10,
                    ),
                ),
                (
                    "evidence",
                    models.TextField(
                        blank=True, max_length=5000, verbose_name="what shows the progress"
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
                    "outcome",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.RESTRICT,
                        related_name="progress",
                        to="plans.outcome",
                    ),
                ),
                (
                    "recorded_by",
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
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "cycle",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="progress",
                        to="plans.reviewcycle",
                    ),
                ),
            ],
            options={
                "ordering": ["outcome__position", "outcome_id", "id"],
            },
        ),
        migrations.CreateModel(
            name="HistoricalReviewView",
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
                    "whose",
                    models.CharField(
                        choices=[
                            ("child", "The child"),
                            ("young_person", "The young person"),
                            ("parent", "The child's parent"),
                        ],
                        max_length=12,
                    ),
                ),
                (
                    "how",
                    models.CharField(
                        choices=[
                            ("at_meeting", "Said at the meeting"),
                            ("before", "Talked with someone before the meeting"),
                            ("written", "Written down or drawn"),
                            ("advocate", "Through an advocate or someone who knows them well"),
                            ("other", "Another way"),
                        ],
                        max_length=12,
                        verbose_name="how the views were given",
                    ),
                ),
                ("gathered_on", models.DateField(verbose_name="the day the views were given")),
                (
                    "text",
                    models.TextField(
                        max_length=10000, verbose_name="their views, wishes and feelings"
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
                (
                    "cycle",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="plans.reviewcycle",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical review view",
                "verbose_name_plural": "historical review views",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalReviewStep",
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
                            ("invitations_sent", "Invitations sent"),
                            ("advice_circulated", "Advice circulated"),
                            ("meeting_held", "Review meeting held"),
                            ("report_sent", "Review report sent"),
                            ("decision", "Decision notified"),
                        ],
                        max_length=20,
                    ),
                ),
                ("date", models.DateField()),
                (
                    "decision",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("maintain", "Maintain the plan as it is"),
                            ("amend", "Amend the plan"),
                            ("cease", "Cease to maintain the plan"),
                        ],
                        max_length=10,
                    ),
                ),
                ("proposed_amendments", models.TextField(blank=True)),
                ("reasons", models.TextField(blank=True)),
                ("recorded_at", models.DateTimeField(blank=True, editable=False)),
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
                (
                    "cycle",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="plans.reviewcycle",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical review step",
                "verbose_name_plural": "historical review steps",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalReviewParticipant",
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
                    "role",
                    models.CharField(
                        choices=[
                            ("family", "The child's parent or the young person (reg 20(2)(a))"),
                            (
                                "institution",
                                "The head teacher, principal or provider (reg 20(2)(b))",
                            ),
                            (
                                "authority",
                                "An officer for the authority's SEN functions (reg 20(2)(c))",
                            ),
                            ("health", "A health care professional (reg 20(2)(d))"),
                            (
                                "social_care",
                                "An officer for social services functions (reg 20(2)(e))",
                            ),
                            ("other", "Someone else the authority or family asked"),
                        ],
                        max_length=12,
                    ),
                ),
                ("name", models.CharField(max_length=200, verbose_name="their name")),
                (
                    "organisation",
                    models.CharField(
                        blank=True, max_length=200, verbose_name="their organisation or role"
                    ),
                ),
                (
                    "invited_on",
                    models.DateField(
                        blank=True, null=True, verbose_name="the day they were invited"
                    ),
                ),
                (
                    "attendance",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("", "Not recorded yet"),
                            ("attended", "Attended"),
                            ("advice_only", "Did not attend: sent advice or a report"),
                            ("absent", "Did not attend"),
                        ],
                        default="",
                        max_length=12,
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
                (
                    "cycle",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="plans.reviewcycle",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical review participant",
                "verbose_name_plural": "historical review participants",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalReviewDocument",
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
                ("circulated_on", models.DateField(verbose_name="the day it was circulated")),
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
                (
                    "cycle",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="plans.reviewcycle",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical review document",
                "verbose_name_plural": "historical review documents",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalPlan",
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
                ("version_number", models.PositiveIntegerField(default=1)),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("draft", "Draft"),
                            ("final", "Final"),
                            ("amended", "Amended (final)"),
                            ("ceased", "Ceased"),
                            ("lapsed", "Lapsed (the plan it amended ceased)"),
                            ("not_made", "Not made (the authority decided not to amend)"),
                        ],
                        default="draft",
                        max_length=10,
                    ),
                ),
                (
                    "draft_issued_on",
                    models.DateField(
                        blank=True,
                        help_text="A first plan: the day the draft was served. An amended version: the day the amendment notice with the proposed amendments was issued.",
                        null=True,
                    ),
                ),
                (
                    "issued_on",
                    models.DateField(
                        blank=True,
                        help_text="The day the final (or amended final) plan was issued.",
                        null=True,
                    ),
                ),
                (
                    "not_amended_on",
                    models.DateField(
                        blank=True,
                        help_text="An amended version only: after the amendment notice, the authority decided not to amend the plan (SEND Regulations 2014 reg 22(4)).",
                        null=True,
                        verbose_name="the day the family was told the plan will not be amended",
                    ),
                ),
                ("not_amended_reasons", models.TextField(blank=True)),
                (
                    "nc_year_override",
                    models.SmallIntegerField(
                        blank=True,
                        help_text="Leave empty to use the year worked out from the date of birth.",
                        null=True,
                        verbose_name="national curriculum year, when taught out of their age group",
                    ),
                ),
                ("created_at", models.DateTimeField(blank=True, editable=False)),
                ("updated_at", models.DateTimeField(blank=True, editable=False)),
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
                (
                    "phase_transfer",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="An amended version only: the phase transfer it was made for. Only such an amendment meets the transfer's deadline (reg 18).",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="plans.phasetransfer",
                    ),
                ),
                (
                    "supersedes",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="The version this one amends.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="plans.plan",
                    ),
                ),
                (
                    "review",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="The review whose decision to amend this version carries out, if any.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="plans.reviewcycle",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical plan",
                "verbose_name_plural": "historical plans",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalOutcomeProgress",
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
                    "progress",
                    models.CharField(
                        choices=[
                            ("achieved", "Achieved"),
                            ("on_track", "On track"),
                            ("some", "Some progress"),
                            ("none", "No progress yet"),
                            ("change", "No longer right: the outcome should change"),
                        ],
                        max_length=10,
                    ),
                ),
                (
                    "evidence",
                    models.TextField(
                        blank=True, max_length=5000, verbose_name="what shows the progress"
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
                (
                    "outcome",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="plans.outcome",
                    ),
                ),
                (
                    "cycle",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="plans.reviewcycle",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical outcome progress",
                "verbose_name_plural": "historical outcome progresss",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalCessation",
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
                ("decided_on", models.DateField()),
                (
                    "notice_sent_on",
                    models.DateField(help_text="The day the decision notice was sent."),
                ),
                (
                    "ground",
                    models.CharField(
                        choices=[
                            (
                                "moved_area",
                                "No longer responsible: moved to another local authority's area",
                            ),
                            ("higher_education", "No longer responsible: started higher education"),
                            (
                                "employment",
                                "No longer responsible: left education for paid employment (not an apprenticeship)",
                            ),
                            ("adult_custody", "No longer responsible: detained in adult custody"),
                            (
                                "not_needed",
                                "No longer necessary: special educational provision not needed",
                            ),
                            (
                                "outcomes_achieved",
                                "No longer necessary: aged 18 or over, no longer needs the provision, its outcomes achieved",
                            ),
                            (
                                "left_education_18",
                                "No longer necessary: aged 18 or over, left education and does not wish to return",
                            ),
                            ("not_recorded", "Not recorded (decided before grounds were kept)"),
                        ],
                        default="not_recorded",
                        help_text="The ground in CFA 2014 s.45(1) the decision rests on.",
                        max_length=20,
                    ),
                ),
                ("reasons", models.TextField()),
                ("appeal_lodged_on", models.DateField(blank=True, null=True)),
                ("appeal_concluded_on", models.DateField(blank=True, null=True)),
                (
                    "appeal_outcome",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("upheld", "Appeal upheld: the plan is maintained"),
                            ("dismissed", "Appeal dismissed: the plan may cease"),
                            ("withdrawn", "Appeal withdrawn: the plan may cease"),
                        ],
                        default="",
                        max_length=10,
                    ),
                ),
                ("ceased_on", models.DateField(blank=True, null=True)),
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
                (
                    "plan",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="plans.plan",
                    ),
                ),
                (
                    "review",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="plans.reviewcycle",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical cessation",
                "verbose_name_plural": "historical cessations",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="Cessation",
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
                ("decided_on", models.DateField()),
                (
                    "notice_sent_on",
                    models.DateField(help_text="The day the decision notice was sent."),
                ),
                (
                    "ground",
                    models.CharField(
                        choices=[
                            (
                                "moved_area",
                                "No longer responsible: moved to another local authority's area",
                            ),
                            ("higher_education", "No longer responsible: started higher education"),
                            (
                                "employment",
                                "No longer responsible: left education for paid employment (not an apprenticeship)",
                            ),
                            ("adult_custody", "No longer responsible: detained in adult custody"),
                            (
                                "not_needed",
                                "No longer necessary: special educational provision not needed",
                            ),
                            (
                                "outcomes_achieved",
                                "No longer necessary: aged 18 or over, no longer needs the provision, its outcomes achieved",
                            ),
                            (
                                "left_education_18",
                                "No longer necessary: aged 18 or over, left education and does not wish to return",
                            ),
                            ("not_recorded", "Not recorded (decided before grounds were kept)"),
                        ],
                        default="not_recorded",
                        help_text="The ground in CFA 2014 s.45(1) the decision rests on.",
                        max_length=20,
                    ),
                ),
                ("reasons", models.TextField()),
                ("appeal_lodged_on", models.DateField(blank=True, null=True)),
                ("appeal_concluded_on", models.DateField(blank=True, null=True)),
                (
                    "appeal_outcome",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("upheld", "Appeal upheld: the plan is maintained"),
                            ("dismissed", "Appeal dismissed: the plan may cease"),
                            ("withdrawn", "Appeal withdrawn: the plan may cease"),
                        ],
                        default="",
                        max_length=10,
                    ),
                ),
                ("ceased_on", models.DateField(blank=True, null=True)),
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
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "plan",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="cessations",
                        to="plans.plan",
                    ),
                ),
                (
                    "review",
                    models.OneToOneField(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="cessation",
                        to="plans.reviewcycle",
                    ),
                ),
            ],
            options={
                "ordering": ["decided_on", "id"],
            },
        ),
        migrations.CreateModel(
            name="ReviewDocument",
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
                ("circulated_on", models.DateField(verbose_name="the day it was circulated")),
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
                    "cycle",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="documents",
                        to="plans.reviewcycle",
                    ),
                ),
                (
                    "document",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.RESTRICT,
                        related_name="+",
                        to="casefile.casedocument",
                    ),
                ),
                (
                    "recorded_by",
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
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["circulated_on", "id"],
            },
        ),
        migrations.CreateModel(
            name="ReviewParticipant",
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
                    "role",
                    models.CharField(
                        choices=[
                            ("family", "The child's parent or the young person (reg 20(2)(a))"),
                            (
                                "institution",
                                "The head teacher, principal or provider (reg 20(2)(b))",
                            ),
                            (
                                "authority",
                                "An officer for the authority's SEN functions (reg 20(2)(c))",
                            ),
                            ("health", "A health care professional (reg 20(2)(d))"),
                            (
                                "social_care",
                                "An officer for social services functions (reg 20(2)(e))",
                            ),
                            ("other", "Someone else the authority or family asked"),
                        ],
                        max_length=12,
                    ),
                ),
                ("name", models.CharField(max_length=200, verbose_name="their name")),
                (
                    "organisation",
                    models.CharField(
                        blank=True, max_length=200, verbose_name="their organisation or role"
                    ),
                ),
                (
                    "invited_on",
                    models.DateField(
                        blank=True, null=True, verbose_name="the day they were invited"
                    ),
                ),
                (
                    "attendance",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("", "Not recorded yet"),
                            ("attended", "Attended"),
                            ("advice_only", "Did not attend: sent advice or a report"),
                            ("absent", "Did not attend"),
                        ],
                        default="",
                        max_length=12,
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
                    "cycle",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="participants",
                        to="plans.reviewcycle",
                    ),
                ),
                (
                    "recorded_by",
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
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["cycle", "id"],
            },
        ),
        migrations.CreateModel(
            name="ReviewStep",
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
                            ("invitations_sent", "Invitations sent"),
                            ("advice_circulated", "Advice circulated"),
                            ("meeting_held", "Review meeting held"),
                            ("report_sent", "Review report sent"),
                            ("decision", "Decision notified"),
                        ],
                        max_length=20,
                    ),
                ),
                ("date", models.DateField()),
                (
                    "decision",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("maintain", "Maintain the plan as it is"),
                            ("amend", "Amend the plan"),
                            ("cease", "Cease to maintain the plan"),
                        ],
                        max_length=10,
                    ),
                ),
                ("proposed_amendments", models.TextField(blank=True)),
                ("reasons", models.TextField(blank=True)),
                ("recorded_at", models.DateTimeField(auto_now_add=True)),
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
                    "cycle",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="steps",
                        to="plans.reviewcycle",
                    ),
                ),
                (
                    "recorded_by",
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
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["date", "id"],
            },
        ),
        migrations.CreateModel(
            name="ReviewView",
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
                    "whose",
                    models.CharField(
                        choices=[
                            ("child", "The child"),
                            ("young_person", "The young person"),
                            ("parent", "The child's parent"),
                        ],
                        max_length=12,
                    ),
                ),
                (
                    "how",
                    models.CharField(
                        choices=[
                            ("at_meeting", "Said at the meeting"),
                            ("before", "Talked with someone before the meeting"),
                            ("written", "Written down or drawn"),
                            ("advocate", "Through an advocate or someone who knows them well"),
                            ("other", "Another way"),
                        ],
                        max_length=12,
                        verbose_name="how the views were given",
                    ),
                ),
                ("gathered_on", models.DateField(verbose_name="the day the views were given")),
                (
                    "text",
                    models.TextField(
                        max_length=10000, verbose_name="their views, wishes and feelings"
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
                    "cycle",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="views",
                        to="plans.reviewcycle",
                    ),
                ),
                (
                    "recorded_by",
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
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["gathered_on", "id"],
            },
        ),
        migrations.AddConstraint(
            model_name="phasetransfer",
            constraint=models.UniqueConstraint(
                condition=models.Q(("withdrawn_at__isnull", True)),
                fields=("child", "year"),
                name="phase_transfer_once_per_year",
            ),
        ),
        migrations.AddConstraint(
            model_name="plansection",
            constraint=models.UniqueConstraint(fields=("plan", "code"), name="plan_section_unique"),
        ),
        migrations.AddConstraint(
            model_name="plan",
            constraint=models.UniqueConstraint(
                fields=("child", "version_number"), name="plan_version_unique_per_child"
            ),
        ),
        migrations.AddConstraint(
            model_name="outcomeprogress",
            constraint=models.UniqueConstraint(
                condition=models.Q(("withdrawn_at__isnull", True)),
                fields=("cycle", "outcome"),
                name="outcome_progress_once_per_cycle",
            ),
        ),
        migrations.AddConstraint(
            model_name="reviewdocument",
            constraint=models.UniqueConstraint(
                condition=models.Q(("withdrawn_at__isnull", True)),
                fields=("cycle", "document"),
                name="review_document_once_per_cycle",
            ),
        ),
        migrations.AddConstraint(
            model_name="reviewstep",
            constraint=models.UniqueConstraint(
                condition=models.Q(("withdrawn_at__isnull", True)),
                fields=("cycle", "kind"),
                name="review_step_once_per_cycle",
            ),
        ),
    ]
