"""The agreements app's tables as its models define them, written by makemigrations when the
migrations were squashed to one per app before the first production release
(docs/decisions/0189). `replaces` lists the migrations it stands for, so a database
migrated with them counts it as applied (its own name is the old first migration's)."""

from decimal import Decimal

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    replaces = [
        ("agreements", "0002_action_owner_undo_and_rates"),
        ("agreements", "0003_steps_corrected_or_withdrawn"),
    ]

    dependencies = [
        ("accounts", "0001_initial"),
        ("family", "0001_initial"),
        ("mediation", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="AgreedAction",
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
                ("ref", models.CharField(editable=False, max_length=40, unique=True)),
                ("what", models.TextField(verbose_name="what will be done")),
                ("who", models.CharField(max_length=200, verbose_name="who will do it")),
                (
                    "measure",
                    models.TextField(verbose_name="how the parties will know it has been done"),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("assess", "Carry out an EHC needs assessment"),
                            ("make_plan", "Make and maintain an EHC plan"),
                            ("amend_contents", "Amend the contents of the EHC plan"),
                            ("amend_school", "Amend the school or institution named (section I)"),
                            ("continue", "Continue to maintain the EHC plan"),
                            (
                                "other",
                                "Something else (for example health or social care provision)",
                            ),
                        ],
                        max_length=20,
                        verbose_name="kind of action",
                    ),
                ),
                (
                    "timing",
                    models.CharField(
                        choices=[
                            ("agreed", "By a date the parties agreed in writing (reg 42(5))"),
                            (
                                "statutory",
                                "Within the time the law allows for this kind of action (reg 42)",
                            ),
                        ],
                        max_length=10,
                        verbose_name="by when",
                    ),
                ),
                (
                    "agreed_due",
                    models.DateField(blank=True, null=True, verbose_name="the date agreed"),
                ),
                (
                    "plan_section",
                    models.CharField(
                        choices=[
                            (
                                "A",
                                "Section A: The views, interests and aspirations of the child and their parents, or the young person",
                            ),
                            ("B", "Section B: Special educational needs"),
                            (
                                "C",
                                "Section C: Health care needs which relate to their special educational needs",
                            ),
                            (
                                "D",
                                "Section D: Social care needs which relate to their special educational needs or to a disability",
                            ),
                            ("E", "Section E: The outcomes sought"),
                            ("F", "Section F: Special educational provision"),
                            ("G", "Section G: Health care provision"),
                            (
                                "H1",
                                "Section H1: Social care provision under section 2 of the Chronically Sick and Disabled Persons Act 1970",
                            ),
                            ("H2", "Section H2: Other social care provision"),
                            ("I", "Section I: Placement"),
                            ("J", "Section J: Personal budget and direct payments"),
                            ("K", "Section K: Advice and information"),
                            ("none", "It does not change the plan"),
                        ],
                        max_length=4,
                        verbose_name="the plan section it changes",
                    ),
                ),
                (
                    "owed_by",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("family", "The parent or young person"),
                            ("local_authority", "The local authority"),
                            ("health_commissioner", "The health commissioner"),
                        ],
                        help_text="Only this party's staff, or the provider's case manager, record it as done. Left blank on older actions: the local authority owes an action about the plan.",
                        max_length=30,
                        verbose_name="the party that owes it",
                    ),
                ),
                (
                    "done_on",
                    models.DateField(blank=True, null=True, verbose_name="the day it was done"),
                ),
                (
                    "done_recorded_at",
                    models.DateTimeField(
                        blank=True, null=True, verbose_name="when it was recorded as done"
                    ),
                ),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
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
                    "done_recorded_by",
                    models.ForeignKey(
                        blank=True,
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
                "ordering": ["id"],
            },
        ),
        migrations.CreateModel(
            name="ActionReport",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("text", models.TextField(verbose_name="what has not happened")),
                ("reported_on", models.DateField()),
                ("case_manager_alerted", models.BooleanField(default=False)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "family_request",
                    models.ForeignKey(
                        blank=True,
                        help_text="The same report as the local authority's list of family requests shows it.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="family.familyrequest",
                    ),
                ),
                (
                    "reported_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "action",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="reports",
                        to="agreements.agreedaction",
                    ),
                ),
            ],
            options={
                "ordering": ["-created_at", "-id"],
            },
        ),
        migrations.CreateModel(
            name="ActionDoneUndo",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "was_done_on",
                    models.DateField(verbose_name="the day it had been recorded as done"),
                ),
                ("undone_at", models.DateTimeField(auto_now_add=True)),
                ("reason", models.TextField(verbose_name="why it is not done after all")),
                (
                    "undone_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "was_recorded_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "action",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="undos",
                        to="agreements.agreedaction",
                    ),
                ),
            ],
            options={
                "ordering": ["undone_at", "id"],
            },
        ),
        migrations.CreateModel(
            name="ExpensesClaim",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "claimant_name",
                    models.CharField(max_length=200, verbose_name="who incurred the expense"),
                ),
                (
                    "category",
                    models.CharField(
                        choices=[
                            ("travel", "Travel (fares, mileage, parking)"),
                            ("childcare", "Care for the child or other dependants"),
                            ("subsistence", "Meals and refreshments"),
                            ("other", "Other expenses of attending"),
                        ],
                        max_length=20,
                    ),
                ),
                ("description", models.CharField(max_length=300, verbose_name="what it was for")),
                (
                    "amount",
                    models.DecimalField(
                        decimal_places=2, max_digits=8, verbose_name="amount in pounds"
                    ),
                ),
                ("incurred_on", models.DateField(verbose_name="the day it was spent")),
                (
                    "payer",
                    models.CharField(
                        choices=[
                            ("local_authority", "The local authority"),
                            ("health_commissioner", "The health commissioner"),
                        ],
                        max_length=30,
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("submitted", "Waiting for a decision"),
                            ("approved", "Approved"),
                            ("refused", "Refused"),
                        ],
                        default="submitted",
                        max_length=10,
                    ),
                ),
                ("reasons", models.TextField(blank=True, verbose_name="reasons for the decision")),
                ("decided_on", models.DateField(blank=True, null=True)),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "case",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="expenses_claims",
                        to="mediation.mediationcase",
                    ),
                ),
                (
                    "decided_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "submitted_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["-incurred_on", "-id"],
            },
        ),
        migrations.CreateModel(
            name="HistoricalActionReport",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("text", models.TextField(verbose_name="what has not happened")),
                ("reported_on", models.DateField()),
                ("case_manager_alerted", models.BooleanField(default=False)),
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
                    "action",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="agreements.agreedaction",
                    ),
                ),
                (
                    "family_request",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="The same report as the local authority's list of family requests shows it.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="family.familyrequest",
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
                    "reported_by",
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
                "verbose_name": "historical action report",
                "verbose_name_plural": "historical action reports",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalExpensesClaim",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "claimant_name",
                    models.CharField(max_length=200, verbose_name="who incurred the expense"),
                ),
                (
                    "category",
                    models.CharField(
                        choices=[
                            ("travel", "Travel (fares, mileage, parking)"),
                            ("childcare", "Care for the child or other dependants"),
                            ("subsistence", "Meals and refreshments"),
                            ("other", "Other expenses of attending"),
                        ],
                        max_length=20,
                    ),
                ),
                ("description", models.CharField(max_length=300, verbose_name="what it was for")),
                (
                    "amount",
                    models.DecimalField(
                        decimal_places=2, max_digits=8, verbose_name="amount in pounds"
                    ),
                ),
                ("incurred_on", models.DateField(verbose_name="the day it was spent")),
                (
                    "payer",
                    models.CharField(
                        choices=[
                            ("local_authority", "The local authority"),
                            ("health_commissioner", "The health commissioner"),
                        ],
                        max_length=30,
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("submitted", "Waiting for a decision"),
                            ("approved", "Approved"),
                            ("refused", "Refused"),
                        ],
                        default="submitted",
                        max_length=10,
                    ),
                ),
                ("reasons", models.TextField(blank=True, verbose_name="reasons for the decision")),
                ("decided_on", models.DateField(blank=True, null=True)),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
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
                    "case",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="mediation.mediationcase",
                    ),
                ),
                (
                    "decided_by",
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
                    "submitted_by",
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
                "verbose_name": "historical expenses claim",
                "verbose_name_plural": "historical expenses claims",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalMediationAgreement",
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
                    "made_on",
                    models.DateField(
                        help_text="The day the parties reached the agreement; the time for each action runs from here (reg 42).",
                        verbose_name="the date of the agreement",
                    ),
                ),
                (
                    "la_party",
                    models.BooleanField(
                        default=True,
                        help_text="Not a party only when the mediation was about health care provision alone.",
                        verbose_name="the local authority is a party",
                    ),
                ),
                (
                    "future_disagreements",
                    models.TextField(
                        blank=True,
                        help_text="Issues the parties did not settle, or that may need to be talked about again.",
                        verbose_name="areas of possible future disagreement",
                    ),
                ),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
                ("correction_version", models.PositiveIntegerField(default=1, editable=False)),
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
                    "case",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="mediation.mediationcase",
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
                        verbose_name="the health commissioner that is a party",
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
                "verbose_name": "historical mediation agreement",
                "verbose_name_plural": "historical mediation agreements",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalProviderRates",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "per_case",
                    models.DecimalField(
                        decimal_places=2,
                        default=Decimal("0"),
                        max_digits=9,
                        verbose_name="per case (each case with a certificate or a meeting)",
                    ),
                ),
                (
                    "per_session",
                    models.DecimalField(
                        decimal_places=2,
                        default=Decimal("0"),
                        max_digits=9,
                        verbose_name="per mediation session held",
                    ),
                ),
                (
                    "per_hour",
                    models.DecimalField(
                        decimal_places=2,
                        default=Decimal("0"),
                        max_digits=9,
                        verbose_name="per hour of mediation held",
                    ),
                ),
                (
                    "cancellation_fee",
                    models.DecimalField(
                        decimal_places=2,
                        default=Decimal("0"),
                        max_digits=9,
                        verbose_name="per meeting cancelled or moved",
                    ),
                ),
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
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "local_authority",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        limit_choices_to={"kind": "local_authority"},
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="accounts.organisation",
                    ),
                ),
                (
                    "provider",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        limit_choices_to={"kind": "mediation_provider"},
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="accounts.organisation",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical provider rates",
                "verbose_name_plural": "historical provider rates",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="MediationAgreement",
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
                    "made_on",
                    models.DateField(
                        help_text="The day the parties reached the agreement; the time for each action runs from here (reg 42).",
                        verbose_name="the date of the agreement",
                    ),
                ),
                (
                    "la_party",
                    models.BooleanField(
                        default=True,
                        help_text="Not a party only when the mediation was about health care provision alone.",
                        verbose_name="the local authority is a party",
                    ),
                ),
                (
                    "future_disagreements",
                    models.TextField(
                        blank=True,
                        help_text="Issues the parties did not settle, or that may need to be talked about again.",
                        verbose_name="areas of possible future disagreement",
                    ),
                ),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
                ("correction_version", models.PositiveIntegerField(default=1, editable=False)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "case",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="agreement",
                        to="mediation.mediationcase",
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
                        related_name="mediation_agreements",
                        to="accounts.organisation",
                        verbose_name="the health commissioner that is a party",
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
                "ordering": ["-made_on", "id"],
            },
        ),
        migrations.CreateModel(
            name="HistoricalWordingDecision",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("field", models.CharField(max_length=40)),
                ("word", models.CharField(max_length=60)),
                ("suggestion", models.CharField(max_length=200)),
                ("decided_at", models.DateTimeField(blank=True, editable=False)),
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
                    "action",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="agreements.agreedaction",
                    ),
                ),
                (
                    "decided_by",
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
                    "agreement",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="agreements.mediationagreement",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical wording decision",
                "verbose_name_plural": "historical wording decisions",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalAgreedAction",
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
                ("ref", models.CharField(db_index=True, editable=False, max_length=40)),
                ("what", models.TextField(verbose_name="what will be done")),
                ("who", models.CharField(max_length=200, verbose_name="who will do it")),
                (
                    "measure",
                    models.TextField(verbose_name="how the parties will know it has been done"),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("assess", "Carry out an EHC needs assessment"),
                            ("make_plan", "Make and maintain an EHC plan"),
                            ("amend_contents", "Amend the contents of the EHC plan"),
                            ("amend_school", "Amend the school or institution named (section I)"),
                            ("continue", "Continue to maintain the EHC plan"),
                            (
                                "other",
                                "Something else (for example health or social care provision)",
                            ),
                        ],
                        max_length=20,
                        verbose_name="kind of action",
                    ),
                ),
                (
                    "timing",
                    models.CharField(
                        choices=[
                            ("agreed", "By a date the parties agreed in writing (reg 42(5))"),
                            (
                                "statutory",
                                "Within the time the law allows for this kind of action (reg 42)",
                            ),
                        ],
                        max_length=10,
                        verbose_name="by when",
                    ),
                ),
                (
                    "agreed_due",
                    models.DateField(blank=True, null=True, verbose_name="the date agreed"),
                ),
                (
                    "plan_section",
                    models.CharField(
                        choices=[
                            (
                                "A",
                                "Section A: The views, interests and aspirations of the child and their parents, or the young person",
                            ),
                            ("B", "Section B: Special educational needs"),
                            (
                                "C",
                                "Section C: Health care needs which relate to their special educational needs",
                            ),
                            (
                                "D",
                                "Section D: Social care needs which relate to their special educational needs or to a disability",
                            ),
                            ("E", "Section E: The outcomes sought"),
                            ("F", "Section F: Special educational provision"),
                            ("G", "Section G: Health care provision"),
                            (
                                "H1",
                                "Section H1: Social care provision under section 2 of the Chronically Sick and Disabled Persons Act 1970",
                            ),
                            ("H2", "Section H2: Other social care provision"),
                            ("I", "Section I: Placement"),
                            ("J", "Section J: Personal budget and direct payments"),
                            ("K", "Section K: Advice and information"),
                            ("none", "It does not change the plan"),
                        ],
                        max_length=4,
                        verbose_name="the plan section it changes",
                    ),
                ),
                (
                    "owed_by",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("family", "The parent or young person"),
                            ("local_authority", "The local authority"),
                            ("health_commissioner", "The health commissioner"),
                        ],
                        help_text="Only this party's staff, or the provider's case manager, record it as done. Left blank on older actions: the local authority owes an action about the plan.",
                        max_length=30,
                        verbose_name="the party that owes it",
                    ),
                ),
                (
                    "done_on",
                    models.DateField(blank=True, null=True, verbose_name="the day it was done"),
                ),
                (
                    "done_recorded_at",
                    models.DateTimeField(
                        blank=True, null=True, verbose_name="when it was recorded as done"
                    ),
                ),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
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
                    "done_recorded_by",
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
                    "agreement",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="agreements.mediationagreement",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical agreed action",
                "verbose_name_plural": "historical agreed actions",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalAcceptance",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "party",
                    models.CharField(
                        choices=[
                            ("family", "The parent or young person"),
                            ("local_authority", "The local authority"),
                            ("health_commissioner", "The health commissioner"),
                        ],
                        max_length=30,
                    ),
                ),
                (
                    "accepted_by_name",
                    models.CharField(
                        max_length=200, verbose_name="the name of the person who accepted"
                    ),
                ),
                ("accepted_on", models.DateField(verbose_name="the day they accepted")),
                ("agreement_version", models.PositiveIntegerField(editable=False)),
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
                    "agreement",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="agreements.mediationagreement",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical acceptance",
                "verbose_name_plural": "historical acceptances",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.AddField(
            model_name="agreedaction",
            name="agreement",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="actions",
                to="agreements.mediationagreement",
            ),
        ),
        migrations.CreateModel(
            name="WordingDecision",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("field", models.CharField(max_length=40)),
                ("word", models.CharField(max_length=60)),
                ("suggestion", models.CharField(max_length=200)),
                ("decided_at", models.DateTimeField(auto_now_add=True)),
                (
                    "action",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="agreements.agreedaction",
                    ),
                ),
                (
                    "agreement",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="wording_decisions",
                        to="agreements.mediationagreement",
                    ),
                ),
                (
                    "decided_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["decided_at", "id"],
            },
        ),
        migrations.CreateModel(
            name="Acceptance",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "party",
                    models.CharField(
                        choices=[
                            ("family", "The parent or young person"),
                            ("local_authority", "The local authority"),
                            ("health_commissioner", "The health commissioner"),
                        ],
                        max_length=30,
                    ),
                ),
                (
                    "accepted_by_name",
                    models.CharField(
                        max_length=200, verbose_name="the name of the person who accepted"
                    ),
                ),
                ("accepted_on", models.DateField(verbose_name="the day they accepted")),
                ("agreement_version", models.PositiveIntegerField(editable=False)),
                ("recorded_at", models.DateTimeField(auto_now_add=True)),
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
                    "agreement",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="acceptances",
                        to="agreements.mediationagreement",
                    ),
                ),
            ],
            options={
                "ordering": ["recorded_at", "id"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("agreement", "party"), name="one_acceptance_per_party"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="ProviderRates",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "per_case",
                    models.DecimalField(
                        decimal_places=2,
                        default=Decimal("0"),
                        max_digits=9,
                        verbose_name="per case (each case with a certificate or a meeting)",
                    ),
                ),
                (
                    "per_session",
                    models.DecimalField(
                        decimal_places=2,
                        default=Decimal("0"),
                        max_digits=9,
                        verbose_name="per mediation session held",
                    ),
                ),
                (
                    "per_hour",
                    models.DecimalField(
                        decimal_places=2,
                        default=Decimal("0"),
                        max_digits=9,
                        verbose_name="per hour of mediation held",
                    ),
                ),
                (
                    "cancellation_fee",
                    models.DecimalField(
                        decimal_places=2,
                        default=Decimal("0"),
                        max_digits=9,
                        verbose_name="per meeting cancelled or moved",
                    ),
                ),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "local_authority",
                    models.ForeignKey(
                        blank=True,
                        limit_choices_to={"kind": "local_authority"},
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="accounts.organisation",
                    ),
                ),
                (
                    "provider",
                    models.ForeignKey(
                        limit_choices_to={"kind": "mediation_provider"},
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="mediation_rates",
                        to="accounts.organisation",
                    ),
                ),
            ],
            options={
                "verbose_name_plural": "provider rates",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("provider", "local_authority"), name="agreements_one_rate_card"
                    )
                ],
            },
        ),
    ]
