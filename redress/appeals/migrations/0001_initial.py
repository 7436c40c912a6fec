"""The appeals app's tables as its models define them, written by makemigrations when the
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
        ("appeals", "0002_appeal_decision_ref"),
        ("appeals", "0003_give_appeals_their_decision_refs"),
        ("appeals", "0004_steps_corrected_or_withdrawn"),
        ("appeals", "0005_compliance_steps_and_directions_corrected"),
        ("appeals", "0006_recommendation_response_document"),
    ]

    dependencies = [
        ("accounts", "0001_initial"),
        ("casefile", "0001_initial"),
        ("casework", "0001_initial"),
        ("mediation", "0001_initial"),
        ("plans", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Appeal",
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
                    "tribunal_reference",
                    models.CharField(
                        blank=True,
                        help_text="Optional, for example EH123/26/00456.",
                        max_length=40,
                        verbose_name="Tribunal reference",
                    ),
                ),
                (
                    "decision",
                    models.CharField(
                        choices=[
                            ("not_assess", "Not to carry out an EHC needs assessment (s.51(2)(a))"),
                            ("not_issue", "Not to issue an EHC plan after assessment (s.51(2)(b))"),
                            ("plan_contents", "The contents of the EHC plan (s.51(2)(c))"),
                            ("amended_plan", "The contents of the amended EHC plan (s.51(2)(c))"),
                            ("not_reassess", "Not to carry out a re-assessment (s.51(2)(d))"),
                            ("not_amend", "Not to amend the plan after a review (s.51(2)(e))"),
                            ("cease", "To cease to maintain the plan (s.51(2)(f))"),
                        ],
                        max_length=20,
                        verbose_name="the decision appealed",
                    ),
                ),
                (
                    "decision_notice_date",
                    models.DateField(verbose_name="the date of the decision letter"),
                ),
                (
                    "decision_ref",
                    models.CharField(
                        blank=True,
                        help_text="The decision's ref (for example 'plan-7'), when the authority's decision is recorded in Redress; empty when it is not.",
                        max_length=60,
                        verbose_name="the recorded decision appealed",
                    ),
                ),
                (
                    "challenges_section_b",
                    models.BooleanField(
                        default=False, verbose_name="section B: special educational needs"
                    ),
                ),
                (
                    "challenges_section_f",
                    models.BooleanField(
                        default=False, verbose_name="section F: special educational provision"
                    ),
                ),
                (
                    "challenges_section_i",
                    models.BooleanField(
                        default=False, verbose_name="section I: the school or other institution"
                    ),
                ),
                (
                    "no_certificate_reason",
                    models.CharField(
                        blank=True,
                        choices=[
                            (
                                "section_i_only",
                                "The appeal is only about the school or other institution named (section I)",
                            )
                        ],
                        max_length=20,
                        verbose_name="why no mediation certificate is needed",
                    ),
                ),
                (
                    "recommendations_section_c",
                    models.BooleanField(default=False, verbose_name="section C: health care needs"),
                ),
                (
                    "recommendations_section_d",
                    models.BooleanField(default=False, verbose_name="section D: social care needs"),
                ),
                (
                    "recommendations_section_g",
                    models.BooleanField(
                        default=False, verbose_name="section G: health care provision"
                    ),
                ),
                (
                    "recommendations_section_h1",
                    models.BooleanField(
                        default=False,
                        verbose_name="section H1: social care provision under the Chronically Sick and Disabled Persons Act 1970 s.2",
                    ),
                ),
                (
                    "recommendations_section_h2",
                    models.BooleanField(
                        default=False, verbose_name="section H2: other social care provision"
                    ),
                ),
                (
                    "sent_to_health_on",
                    models.DateField(
                        blank=True,
                        null=True,
                        verbose_name="the day the local authority sent the appeal to the health commissioner",
                    ),
                ),
                (
                    "sent_to_social_care_on",
                    models.DateField(
                        blank=True,
                        null=True,
                        verbose_name="the day the local authority sent the appeal to social care",
                    ),
                ),
                (
                    "lodged_on",
                    models.DateField(
                        verbose_name="the day the appeal was lodged with the Tribunal"
                    ),
                ),
                (
                    "sent_to_la_on",
                    models.DateField(
                        blank=True,
                        null=True,
                        verbose_name="the day the Tribunal sent the appeal to the local authority",
                    ),
                ),
                (
                    "response_directed_on",
                    models.DateField(
                        blank=True,
                        null=True,
                        verbose_name="the day the Tribunal directed a date for the response",
                    ),
                ),
                (
                    "response_directed_due",
                    models.DateField(
                        blank=True,
                        null=True,
                        verbose_name="the date the Tribunal directed for the response",
                    ),
                ),
                (
                    "la_response",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("oppose", "Opposes the appeal"),
                            ("not_oppose", "Does not oppose the appeal"),
                        ],
                        max_length=12,
                        verbose_name="the local authority's response",
                    ),
                ),
                (
                    "la_response_sent_on",
                    models.DateField(
                        blank=True,
                        null=True,
                        verbose_name="the day the local authority sent its response",
                    ),
                ),
                (
                    "not_opposed_on",
                    models.DateField(
                        blank=True,
                        help_text="Before its response this ends the appeal (reg 45); after it, the parties ask for a consent order.",
                        null=True,
                        verbose_name="the day the local authority told the Tribunal it would not oppose",
                    ),
                ),
                (
                    "hearing_on",
                    models.DateField(blank=True, null=True, verbose_name="the hearing date"),
                ),
                (
                    "hearing_format",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("in_person", "In person"),
                            ("video", "By video"),
                            ("hybrid", "Some in person, some by video"),
                            ("paper", "On the papers, without a hearing"),
                        ],
                        max_length=12,
                    ),
                ),
                ("hearing_venue", models.CharField(blank=True, max_length=200)),
                (
                    "hearing_arrangements",
                    models.TextField(
                        blank=True,
                        help_text="Attendees, witnesses, interpreters and reasonable adjustments.",
                    ),
                ),
                (
                    "outcome",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("upheld", "Appeal upheld"),
                            ("partly_upheld", "Appeal upheld in part"),
                            ("dismissed", "Appeal dismissed"),
                            ("unopposed", "Not opposed by the local authority (reg 45)"),
                            ("consent_order", "Decided by consent order"),
                            ("withdrawn", "Withdrawn by the family"),
                            ("struck_out", "Struck out"),
                        ],
                        max_length=20,
                    ),
                ),
                (
                    "outcome_on",
                    models.DateField(
                        blank=True, null=True, verbose_name="the day of the decision or withdrawal"
                    ),
                ),
                ("outcome_notes", models.TextField(blank=True)),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "cessation",
                    models.ForeignKey(
                        blank=True,
                        help_text="The decision to cease this appeal is against, when the plans app records it.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="appeals",
                        to="plans.cessation",
                    ),
                ),
                (
                    "child",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="appeals",
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
                    "health_commissioner",
                    models.ForeignKey(
                        blank=True,
                        limit_choices_to={"kind": "health_commissioner"},
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="appeals_as_commissioner",
                        to="accounts.organisation",
                    ),
                ),
                (
                    "mediation_certificate",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="appeals",
                        to="mediation.mediationcertificate",
                    ),
                ),
                (
                    "social_care",
                    models.ForeignKey(
                        blank=True,
                        limit_choices_to={"kind": "social_care"},
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="appeals_as_social_care",
                        to="accounts.organisation",
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
                "ordering": ["-lodged_on", "-id"],
            },
        ),
        migrations.CreateModel(
            name="AppealDocument",
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
                            ("appeal_form", "Appeal form (SEND35 or SEND35a)"),
                            ("directions", "Tribunal directions or registration letter"),
                            ("la_response", "Local authority's response"),
                            ("evidence", "Evidence"),
                            ("working_document", "Working document"),
                            ("decision", "Tribunal decision or order"),
                            ("consent_order", "Consent order (SEND46)"),
                            ("other", "Other"),
                        ],
                        max_length=20,
                    ),
                ),
                ("description", models.CharField(max_length=200)),
                ("document", models.FileField(upload_to="appeals/%Y/%m/")),
                ("original_name", models.CharField(max_length=255)),
                ("uploaded_at", models.DateTimeField(auto_now_add=True)),
                (
                    "appeal",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="documents",
                        to="appeals.appeal",
                    ),
                ),
                (
                    "uploaded_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["-uploaded_at", "-id"],
            },
        ),
        migrations.CreateModel(
            name="EvidenceDirection",
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
                    "body",
                    models.CharField(
                        choices=[("health", "Health commissioner"), ("social_care", "Social care")],
                        max_length=12,
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("evidence", "Written evidence"),
                            ("witness", "A witness at the hearing"),
                        ],
                        max_length=10,
                    ),
                ),
                ("description", models.CharField(max_length=200)),
                ("directed_by", models.DateField(verbose_name="the date the Tribunal directed")),
                ("provided_on", models.DateField(blank=True, null=True)),
                ("witness_name", models.CharField(blank=True, max_length=200)),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
                (
                    "appeal",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="directions",
                        to="appeals.appeal",
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
                "ordering": ["directed_by", "id"],
            },
        ),
        migrations.CreateModel(
            name="HistoricalAppeal",
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
                    "tribunal_reference",
                    models.CharField(
                        blank=True,
                        help_text="Optional, for example EH123/26/00456.",
                        max_length=40,
                        verbose_name="Tribunal reference",
                    ),
                ),
                (
                    "decision",
                    models.CharField(
                        choices=[
                            ("not_assess", "Not to carry out an EHC needs assessment (s.51(2)(a))"),
                            ("not_issue", "Not to issue an EHC plan after assessment (s.51(2)(b))"),
                            ("plan_contents", "The contents of the EHC plan (s.51(2)(c))"),
                            ("amended_plan", "The contents of the amended EHC plan (s.51(2)(c))"),
                            ("not_reassess", "Not to carry out a re-assessment (s.51(2)(d))"),
                            ("not_amend", "Not to amend the plan after a review (s.51(2)(e))"),
                            ("cease", "To cease to maintain the plan (s.51(2)(f))"),
                        ],
                        max_length=20,
                        verbose_name="the decision appealed",
                    ),
                ),
                (
                    "decision_notice_date",
                    models.DateField(verbose_name="the date of the decision letter"),
                ),
                (
                    "decision_ref",
                    models.CharField(
                        blank=True,
                        help_text="The decision's ref (for example 'plan-7'), when the authority's decision is recorded in Redress; empty when it is not.",
                        max_length=60,
                        verbose_name="the recorded decision appealed",
                    ),
                ),
                (
                    "challenges_section_b",
                    models.BooleanField(
                        default=False, verbose_name="section B: special educational needs"
                    ),
                ),
                (
                    "challenges_section_f",
                    models.BooleanField(
                        default=False, verbose_name="section F: special educational provision"
                    ),
                ),
                (
                    "challenges_section_i",
                    models.BooleanField(
                        default=False, verbose_name="section I: the school or other institution"
                    ),
                ),
                (
                    "no_certificate_reason",
                    models.CharField(
                        blank=True,
                        choices=[
                            (
                                "section_i_only",
                                "The appeal is only about the school or other institution named (section I)",
                            )
                        ],
                        max_length=20,
                        verbose_name="why no mediation certificate is needed",
                    ),
                ),
                (
                    "recommendations_section_c",
                    models.BooleanField(default=False, verbose_name="section C: health care needs"),
                ),
                (
                    "recommendations_section_d",
                    models.BooleanField(default=False, verbose_name="section D: social care needs"),
                ),
                (
                    "recommendations_section_g",
                    models.BooleanField(
                        default=False, verbose_name="section G: health care provision"
                    ),
                ),
                (
                    "recommendations_section_h1",
                    models.BooleanField(
                        default=False,
                        verbose_name="section H1: social care provision under the Chronically Sick and Disabled Persons Act 1970 s.2",
                    ),
                ),
                (
                    "recommendations_section_h2",
                    models.BooleanField(
                        default=False, verbose_name="section H2: other social care provision"
                    ),
                ),
                (
                    "sent_to_health_on",
                    models.DateField(
                        blank=True,
                        null=True,
                        verbose_name="the day the local authority sent the appeal to the health commissioner",
                    ),
                ),
                (
                    "sent_to_social_care_on",
                    models.DateField(
                        blank=True,
                        null=True,
                        verbose_name="the day the local authority sent the appeal to social care",
                    ),
                ),
                (
                    "lodged_on",
                    models.DateField(
                        verbose_name="the day the appeal was lodged with the Tribunal"
                    ),
                ),
                (
                    "sent_to_la_on",
                    models.DateField(
                        blank=True,
                        null=True,
                        verbose_name="the day the Tribunal sent the appeal to the local authority",
                    ),
                ),
                (
                    "response_directed_on",
                    models.DateField(
                        blank=True,
                        null=True,
                        verbose_name="the day the Tribunal directed a date for the response",
                    ),
                ),
                (
                    "response_directed_due",
                    models.DateField(
                        blank=True,
                        null=True,
                        verbose_name="the date the Tribunal directed for the response",
                    ),
                ),
                (
                    "la_response",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("oppose", "Opposes the appeal"),
                            ("not_oppose", "Does not oppose the appeal"),
                        ],
                        max_length=12,
                        verbose_name="the local authority's response",
                    ),
                ),
                (
                    "la_response_sent_on",
                    models.DateField(
                        blank=True,
                        null=True,
                        verbose_name="the day the local authority sent its response",
                    ),
                ),
                (
                    "not_opposed_on",
                    models.DateField(
                        blank=True,
                        help_text="Before its response this ends the appeal (reg 45); after it, the parties ask for a consent order.",
                        null=True,
                        verbose_name="the day the local authority told the Tribunal it would not oppose",
                    ),
                ),
                (
                    "hearing_on",
                    models.DateField(blank=True, null=True, verbose_name="the hearing date"),
                ),
                (
                    "hearing_format",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("in_person", "In person"),
                            ("video", "By video"),
                            ("hybrid", "Some in person, some by video"),
                            ("paper", "On the papers, without a hearing"),
                        ],
                        max_length=12,
                    ),
                ),
                ("hearing_venue", models.CharField(blank=True, max_length=200)),
                (
                    "hearing_arrangements",
                    models.TextField(
                        blank=True,
                        help_text="Attendees, witnesses, interpreters and reasonable adjustments.",
                    ),
                ),
                (
                    "outcome",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("upheld", "Appeal upheld"),
                            ("partly_upheld", "Appeal upheld in part"),
                            ("dismissed", "Appeal dismissed"),
                            ("unopposed", "Not opposed by the local authority (reg 45)"),
                            ("consent_order", "Decided by consent order"),
                            ("withdrawn", "Withdrawn by the family"),
                            ("struck_out", "Struck out"),
                        ],
                        max_length=20,
                    ),
                ),
                (
                    "outcome_on",
                    models.DateField(
                        blank=True, null=True, verbose_name="the day of the decision or withdrawal"
                    ),
                ),
                ("outcome_notes", models.TextField(blank=True)),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
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
                    "cessation",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="The decision to cease this appeal is against, when the plans app records it.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="plans.cessation",
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
                    "health_commissioner",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        limit_choices_to={"kind": "health_commissioner"},
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="accounts.organisation",
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
                    "mediation_certificate",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="mediation.mediationcertificate",
                    ),
                ),
                (
                    "social_care",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        limit_choices_to={"kind": "social_care"},
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="accounts.organisation",
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
                "verbose_name": "historical appeal",
                "verbose_name_plural": "historical appeals",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalAppealDocument",
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
                            ("appeal_form", "Appeal form (SEND35 or SEND35a)"),
                            ("directions", "Tribunal directions or registration letter"),
                            ("la_response", "Local authority's response"),
                            ("evidence", "Evidence"),
                            ("working_document", "Working document"),
                            ("decision", "Tribunal decision or order"),
                            ("consent_order", "Consent order (SEND46)"),
                            ("other", "Other"),
                        ],
                        max_length=20,
                    ),
                ),
                ("description", models.CharField(max_length=200)),
                ("document", models.TextField(max_length=100)),
                ("original_name", models.CharField(max_length=255)),
                ("uploaded_at", models.DateTimeField(blank=True, editable=False)),
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
                    "appeal",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="appeals.appeal",
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
            ],
            options={
                "verbose_name": "historical appeal document",
                "verbose_name_plural": "historical appeal documents",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalEvidenceDirection",
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
                    "body",
                    models.CharField(
                        choices=[("health", "Health commissioner"), ("social_care", "Social care")],
                        max_length=12,
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("evidence", "Written evidence"),
                            ("witness", "A witness at the hearing"),
                        ],
                        max_length=10,
                    ),
                ),
                ("description", models.CharField(max_length=200)),
                ("directed_by", models.DateField(verbose_name="the date the Tribunal directed")),
                ("provided_on", models.DateField(blank=True, null=True)),
                ("witness_name", models.CharField(blank=True, max_length=200)),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
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
                    "appeal",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="appeals.appeal",
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
                "verbose_name": "historical evidence direction",
                "verbose_name_plural": "historical evidence directions",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalOrder",
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
                            ("assess", "Carry out an EHC needs assessment (or re-assessment)"),
                            ("make_plan", "Make and maintain an EHC plan"),
                            ("amend_contents", "Amend the needs or provision (sections B or F)"),
                            ("amend_school", "Change the school or institution named (section I)"),
                            ("continue", "Continue to maintain the plan"),
                        ],
                        max_length=20,
                    ),
                ),
                (
                    "source",
                    models.CharField(
                        choices=[
                            ("tribunal", "The Tribunal's decision (reg 44)"),
                            ("consent", "A consent order (reg 44)"),
                            ("unopposed", "The local authority did not oppose the appeal (reg 45)"),
                        ],
                        max_length=12,
                    ),
                ),
                (
                    "made_on",
                    models.DateField(
                        verbose_name="the day the order was made, or the local authority told the Tribunal it would not oppose"
                    ),
                ),
                (
                    "sent_on",
                    models.DateField(
                        blank=True,
                        help_text="Kept beside the order date: the Regulations count from the order.",
                        null=True,
                        verbose_name="the day the Tribunal sent the order",
                    ),
                ),
                ("details", models.TextField(blank=True)),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
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
                    "appeal",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="appeals.appeal",
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
                "verbose_name": "historical order",
                "verbose_name_plural": "historical orders",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalRecommendation",
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
                ("ref", models.CharField(editable=False, max_length=40)),
                (
                    "section",
                    models.CharField(
                        choices=[
                            ("C", "Section C: health care needs"),
                            ("D", "Section D: social care needs"),
                            ("G", "Section G: health care provision"),
                            ("H1", "Section H1: social care provision (CSDPA 1970 s.2)"),
                            ("H2", "Section H2: other social care provision"),
                        ],
                        max_length=2,
                    ),
                ),
                (
                    "body",
                    models.CharField(
                        choices=[("health", "Health commissioner"), ("social_care", "Social care")],
                        max_length=12,
                    ),
                ),
                (
                    "made_on",
                    models.DateField(verbose_name="the day the Tribunal made the recommendation"),
                ),
                ("text", models.TextField(verbose_name="the recommendation")),
                (
                    "response_sent_on",
                    models.DateField(
                        blank=True, null=True, verbose_name="the day the written response was sent"
                    ),
                ),
                (
                    "response_decision",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("follows", "Will follow the recommendation"),
                            ("follows_in_part", "Will follow the recommendation in part"),
                            ("declines", "Will not follow the recommendation"),
                        ],
                        max_length=20,
                    ),
                ),
                (
                    "response_steps",
                    models.TextField(blank=True, verbose_name="the steps the body will take"),
                ),
                (
                    "response_reasons",
                    models.TextField(
                        blank=True, verbose_name="reasons for not following the recommendation"
                    ),
                ),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
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
                    "appeal",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="appeals.appeal",
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
                    "organisation",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="The health commissioner or social care team that must respond.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="accounts.organisation",
                    ),
                ),
                (
                    "responded_by",
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
                    "response_document",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="casefile.casedocument",
                        verbose_name="the written response as sent",
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
                "verbose_name": "historical recommendation",
                "verbose_name_plural": "historical recommendations",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalSettlement",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("agreed_on", models.DateField()),
                (
                    "route",
                    models.CharField(
                        choices=[
                            ("mediation", "In mediation"),
                            ("direct", "Directly between the family and the local authority"),
                        ],
                        max_length=12,
                    ),
                ),
                (
                    "ending",
                    models.CharField(
                        choices=[
                            ("withdraw", "The family withdraws the appeal"),
                            ("consent_order", "The parties ask the Tribunal for a consent order"),
                        ],
                        max_length=16,
                    ),
                ),
                ("terms", models.TextField(verbose_name="what was agreed")),
                (
                    "agreement_id",
                    models.PositiveBigIntegerField(
                        blank=True,
                        help_text="The written mediation agreement in the agreements app, when there is one.",
                        null=True,
                    ),
                ),
                (
                    "sent_to_tribunal_on",
                    models.DateField(
                        blank=True,
                        null=True,
                        verbose_name="the day the withdrawal or the consent order request was sent to the Tribunal",
                    ),
                ),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
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
                    "appeal",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="appeals.appeal",
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
            ],
            options={
                "verbose_name": "historical settlement",
                "verbose_name_plural": "historical settlements",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="Order",
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
                            ("assess", "Carry out an EHC needs assessment (or re-assessment)"),
                            ("make_plan", "Make and maintain an EHC plan"),
                            ("amend_contents", "Amend the needs or provision (sections B or F)"),
                            ("amend_school", "Change the school or institution named (section I)"),
                            ("continue", "Continue to maintain the plan"),
                        ],
                        max_length=20,
                    ),
                ),
                (
                    "source",
                    models.CharField(
                        choices=[
                            ("tribunal", "The Tribunal's decision (reg 44)"),
                            ("consent", "A consent order (reg 44)"),
                            ("unopposed", "The local authority did not oppose the appeal (reg 45)"),
                        ],
                        max_length=12,
                    ),
                ),
                (
                    "made_on",
                    models.DateField(
                        verbose_name="the day the order was made, or the local authority told the Tribunal it would not oppose"
                    ),
                ),
                (
                    "sent_on",
                    models.DateField(
                        blank=True,
                        help_text="Kept beside the order date: the Regulations count from the order.",
                        null=True,
                        verbose_name="the day the Tribunal sent the order",
                    ),
                ),
                ("details", models.TextField(blank=True)),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
                (
                    "appeal",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="orders",
                        to="appeals.appeal",
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
            ],
            options={
                "ordering": ["made_on", "id"],
            },
        ),
        migrations.CreateModel(
            name="HistoricalComplianceStep",
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
                    "step",
                    models.CharField(
                        choices=[
                            ("assess_notice", "Told the family it will assess"),
                            (
                                "plan_decision",
                                "Decided whether to make a plan after the assessment",
                            ),
                            ("draft_plan", "Issued the draft plan"),
                            ("final_plan", "Issued the final plan"),
                            ("amended_plan", "Issued the amended plan"),
                        ],
                        max_length=20,
                    ),
                ),
                ("done_on", models.DateField()),
                (
                    "note",
                    models.TextField(
                        help_text="What was done and how it can be checked.",
                        verbose_name="evidence",
                    ),
                ),
                ("document", models.TextField(blank=True, max_length=100)),
                ("original_name", models.CharField(blank=True, max_length=255)),
                ("recorded_at", models.DateTimeField(blank=True, editable=False)),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
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
                    "order",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="appeals.order",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical compliance step",
                "verbose_name_plural": "historical compliance steps",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="Settlement",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("agreed_on", models.DateField()),
                (
                    "route",
                    models.CharField(
                        choices=[
                            ("mediation", "In mediation"),
                            ("direct", "Directly between the family and the local authority"),
                        ],
                        max_length=12,
                    ),
                ),
                (
                    "ending",
                    models.CharField(
                        choices=[
                            ("withdraw", "The family withdraws the appeal"),
                            ("consent_order", "The parties ask the Tribunal for a consent order"),
                        ],
                        max_length=16,
                    ),
                ),
                ("terms", models.TextField(verbose_name="what was agreed")),
                (
                    "agreement_id",
                    models.PositiveBigIntegerField(
                        blank=True,
                        help_text="The written mediation agreement in the agreements app, when there is one.",
                        null=True,
                    ),
                ),
                (
                    "sent_to_tribunal_on",
                    models.DateField(
                        blank=True,
                        null=True,
                        verbose_name="the day the withdrawal or the consent order request was sent to the Tribunal",
                    ),
                ),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
                (
                    "appeal",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="settlement",
                        to="appeals.appeal",
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
            ],
        ),
        migrations.CreateModel(
            name="ComplianceStep",
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
                    "step",
                    models.CharField(
                        choices=[
                            ("assess_notice", "Told the family it will assess"),
                            (
                                "plan_decision",
                                "Decided whether to make a plan after the assessment",
                            ),
                            ("draft_plan", "Issued the draft plan"),
                            ("final_plan", "Issued the final plan"),
                            ("amended_plan", "Issued the amended plan"),
                        ],
                        max_length=20,
                    ),
                ),
                ("done_on", models.DateField()),
                (
                    "note",
                    models.TextField(
                        help_text="What was done and how it can be checked.",
                        verbose_name="evidence",
                    ),
                ),
                ("document", models.FileField(blank=True, upload_to="appeals/compliance/%Y/%m/")),
                ("original_name", models.CharField(blank=True, max_length=255)),
                ("recorded_at", models.DateTimeField(auto_now_add=True)),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
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
                    "order",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="steps",
                        to="appeals.order",
                    ),
                ),
            ],
            options={
                "ordering": ["done_on", "id"],
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(("withdrawn_at__isnull", True)),
                        fields=("order", "step"),
                        name="one_standing_compliance_step_per_order",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="Recommendation",
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
                ("ref", models.CharField(editable=False, max_length=40)),
                (
                    "section",
                    models.CharField(
                        choices=[
                            ("C", "Section C: health care needs"),
                            ("D", "Section D: social care needs"),
                            ("G", "Section G: health care provision"),
                            ("H1", "Section H1: social care provision (CSDPA 1970 s.2)"),
                            ("H2", "Section H2: other social care provision"),
                        ],
                        max_length=2,
                    ),
                ),
                (
                    "body",
                    models.CharField(
                        choices=[("health", "Health commissioner"), ("social_care", "Social care")],
                        max_length=12,
                    ),
                ),
                (
                    "made_on",
                    models.DateField(verbose_name="the day the Tribunal made the recommendation"),
                ),
                ("text", models.TextField(verbose_name="the recommendation")),
                (
                    "response_sent_on",
                    models.DateField(
                        blank=True, null=True, verbose_name="the day the written response was sent"
                    ),
                ),
                (
                    "response_decision",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("follows", "Will follow the recommendation"),
                            ("follows_in_part", "Will follow the recommendation in part"),
                            ("declines", "Will not follow the recommendation"),
                        ],
                        max_length=20,
                    ),
                ),
                (
                    "response_steps",
                    models.TextField(blank=True, verbose_name="the steps the body will take"),
                ),
                (
                    "response_reasons",
                    models.TextField(
                        blank=True, verbose_name="reasons for not following the recommendation"
                    ),
                ),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
                (
                    "appeal",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="recommendations",
                        to="appeals.appeal",
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
                    "organisation",
                    models.ForeignKey(
                        help_text="The health commissioner or social care team that must respond.",
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="recommendations_received",
                        to="accounts.organisation",
                    ),
                ),
                (
                    "responded_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "response_document",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="casefile.casedocument",
                        verbose_name="the written response as sent",
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
                "ordering": ["made_on", "section", "id"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("appeal", "ref"), name="recommendation_ref_unique_per_appeal"
                    )
                ],
            },
        ),
    ]
