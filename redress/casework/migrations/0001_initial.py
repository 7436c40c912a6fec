"""The casework app's tables as its models define them, written by makemigrations when the
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
        ("casework", "0002_transfer_and_reassessment_steps"),
        ("casework", "0003_indexes_for_paged_lists"),
        ("casework", "0004_case_allocations_and_search_indexes"),
        ("casework", "0005_steps_corrected_or_withdrawn"),
        ("casework", "0006_declared_conflicts_register"),
        ("casework", "0007_deadline_start_event_and_choices"),
        ("casework", "0008_deadline_open_child_index"),
    ]

    dependencies = [
        ("accounts", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="AdviceRequest",
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
                    "advice_type",
                    models.CharField(
                        choices=[
                            ("health", "Health"),
                            ("social_care", "Social care"),
                            ("educational", "Educational"),
                            ("psychological", "Psychological"),
                            ("parent", "Parent or young person"),
                            ("other", "Other"),
                        ],
                        max_length=20,
                    ),
                ),
                ("date_sent", models.DateField()),
                ("date_received", models.DateField(blank=True, null=True)),
                ("document", models.FileField(blank=True, upload_to="advice/%Y/%m/")),
                (
                    "employed_by_setting",
                    models.BooleanField(
                        default=False,
                        verbose_name="employed or contracted by the child's school or setting",
                    ),
                ),
                (
                    "would_deliver_provision",
                    models.BooleanField(
                        default=False,
                        verbose_name="the advice giver or their organisation would deliver the provision",
                    ),
                ),
                ("relationship_notes", models.TextField(blank=True)),
                (
                    "conflict_reason",
                    models.TextField(
                        blank=True, verbose_name="why they were asked despite a declared conflict"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
                (
                    "commissioned_by",
                    models.ForeignKey(
                        help_text="Who asked for, and pays for, this advice.",
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="advice_commissioned",
                        to="accounts.organisation",
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
                    "paid_by",
                    models.ForeignKey(
                        blank=True,
                        help_text="Who pays the advice giver, if not the commissioner.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="accounts.organisation",
                    ),
                ),
                (
                    "recipient_organisation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="advice_requests_received",
                        to="accounts.organisation",
                    ),
                ),
                (
                    "recipient_person",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="advice_requests",
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
                "ordering": ["date_sent", "id"],
            },
        ),
        migrations.CreateModel(
            name="CaseEvent",
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
                    "type",
                    models.CharField(
                        choices=[
                            ("assessment_requested", "Request for an EHC needs assessment"),
                            ("assessment_decision", "Decision whether to assess"),
                            ("plan_decision", "Decision whether to issue a plan"),
                            ("draft_plan_issued", "Draft plan issued"),
                            ("final_plan_issued", "Final plan issued"),
                            ("exception_recorded", "Exception to a time limit"),
                            ("plan_transferred_in", "Plan transferred from another authority"),
                            ("transfer_notice_sent", "Family told of the transfer"),
                            ("reassessment_requested", "Request for a re-assessment"),
                            ("reassessment_decision", "Decision whether to re-assess"),
                            (
                                "reassessment_no_change",
                                "Decision after a re-assessment not to amend the plan",
                            ),
                        ],
                        max_length=40,
                    ),
                ),
                ("date", models.DateField()),
                (
                    "details",
                    models.JSONField(
                        blank=True,
                        default=dict,
                        help_text="The engine's fields for this event type, and more.",
                    ),
                ),
                ("reasons", models.TextField(blank=True)),
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
                "ordering": ["date", "id"],
            },
        ),
        migrations.CreateModel(
            name="AdviceWeighing",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("how_weighed", models.TextField()),
                (
                    "advice_request",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="weighings",
                        to="casework.advicerequest",
                    ),
                ),
                (
                    "decision",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="weighings",
                        to="casework.caseevent",
                    ),
                ),
            ],
        ),
        migrations.CreateModel(
            name="Child",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("first_name", models.CharField(max_length=100)),
                ("last_name", models.CharField(max_length=100)),
                ("date_of_birth", models.DateField()),
                (
                    "upn",
                    models.CharField(
                        blank=True,
                        help_text="Optional.",
                        max_length=13,
                        verbose_name="unique pupil number (UPN)",
                    ),
                ),
                (
                    "uln",
                    models.CharField(
                        blank=True,
                        help_text="Optional.",
                        max_length=10,
                        verbose_name="unique learner number (ULN)",
                    ),
                ),
                ("team", models.CharField(blank=True, max_length=100)),
                (
                    "young_person_views",
                    models.TextField(
                        blank=True,
                        help_text="From 16, the young person takes decisions for themselves.",
                        verbose_name="the young person's own views",
                    ),
                ),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "caseworker",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="caseload",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "local_authority",
                    models.ForeignKey(
                        limit_choices_to={"kind": "local_authority"},
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="children",
                        to="accounts.organisation",
                    ),
                ),
                (
                    "setting",
                    models.ForeignKey(
                        blank=True,
                        help_text="The school, college or early years setting the child attends now.",
                        limit_choices_to={"kind": "setting"},
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="pupils",
                        to="accounts.organisation",
                    ),
                ),
            ],
            options={
                "verbose_name_plural": "children and young people",
                "ordering": ["last_name", "first_name", "id"],
                "permissions": [("view_any_child", "Can see every child's record")],
            },
        ),
        migrations.AddField(
            model_name="caseevent",
            name="child",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="events",
                to="casework.child",
            ),
        ),
        migrations.CreateModel(
            name="CaseAllocation",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("allocated_at", models.DateTimeField(auto_now_add=True)),
                ("reason", models.CharField(blank=True, max_length=500)),
                (
                    "allocated_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "caseworker",
                    models.ForeignKey(
                        blank=True,
                        help_text="Empty when the child was left without a caseworker.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "previous_caseworker",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "child",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="allocations",
                        to="casework.child",
                    ),
                ),
            ],
            options={
                "ordering": ["-allocated_at", "-id"],
            },
        ),
        migrations.AddField(
            model_name="advicerequest",
            name="child",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="advice_requests",
                to="casework.child",
            ),
        ),
        migrations.CreateModel(
            name="Deadline",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("rule", models.CharField(db_index=True, max_length=60)),
                ("ref", models.CharField(blank=True, max_length=60)),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("by", "Must happen by"),
                            ("not_before", "Must not happen before"),
                        ],
                        max_length=12,
                    ),
                ),
                ("due", models.DateField(db_index=True)),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("met", "Done in time"),
                            ("ok", "Done in time"),
                            ("late", "Done late"),
                            ("excepted", "Exception recorded"),
                            ("overdue", "Overdue"),
                            ("pending", "Due"),
                            ("breached", "Too early"),
                        ],
                        db_index=True,
                        max_length=10,
                    ),
                ),
                ("met_on", models.DateField(blank=True, null=True)),
                ("actor", models.CharField(max_length=40)),
                ("citation", models.CharField(max_length=200)),
                (
                    "evidence",
                    models.CharField(
                        choices=[
                            ("primary", "Verified: primary source"),
                            ("secondary", "Verified: secondary source"),
                            ("unverified", "Unverified"),
                        ],
                        max_length=12,
                    ),
                ),
                ("explanation", models.TextField()),
                ("start_event", models.CharField(blank=True, max_length=40)),
                ("start_date", models.DateField(blank=True, null=True)),
                ("title", models.CharField(max_length=200)),
                ("informational", models.BooleanField(default=False)),
                ("computed_at", models.DateTimeField(auto_now=True)),
                (
                    "child",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="deadlines",
                        to="casework.child",
                    ),
                ),
                (
                    "organisation",
                    models.ForeignKey(
                        blank=True,
                        help_text="The organisation that must act, where Redress knows it.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="accounts.organisation",
                    ),
                ),
            ],
            options={
                "ordering": ["due", "rule", "ref"],
            },
        ),
        migrations.CreateModel(
            name="DeclaredConflict",
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
                    "description",
                    models.TextField(max_length=2000, verbose_name="the conflict, as declared"),
                ),
                ("declared_on", models.DateField()),
                ("recorded_at", models.DateTimeField(auto_now_add=True)),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
                (
                    "adviser",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="declared_conflicts",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "child",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="declared_conflicts",
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
                    "local_authority",
                    models.ForeignKey(
                        limit_choices_to={"kind": "local_authority"},
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="declared_conflicts",
                        to="accounts.organisation",
                    ),
                ),
                (
                    "organisation",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="accounts.organisation",
                    ),
                ),
                (
                    "recorded_by",
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
                "ordering": ["-declared_on", "-id"],
            },
        ),
        migrations.CreateModel(
            name="FamilyMember",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=200)),
                (
                    "relationship",
                    models.CharField(
                        choices=[
                            ("parent", "Parent"),
                            ("carer", "Carer"),
                            ("young_person", "The young person"),
                            ("other", "Other"),
                        ],
                        max_length=20,
                    ),
                ),
                ("email", models.EmailField(blank=True, max_length=254)),
                ("phone", models.CharField(blank=True, max_length=40)),
                ("address", models.TextField(blank=True)),
                (
                    "interpreter_language",
                    models.CharField(
                        blank=True,
                        help_text="Leave empty when no interpreter is needed.",
                        max_length=60,
                    ),
                ),
                (
                    "accessible_format",
                    models.CharField(
                        blank=True,
                        help_text="For example large print, Braille or Easy Read.",
                        max_length=100,
                    ),
                ),
                (
                    "child",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="family",
                        to="casework.child",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        blank=True,
                        help_text="The person's sign-in, if they have one.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="family_links",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
        ),
        migrations.CreateModel(
            name="Consent",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "scope",
                    models.CharField(default="See the case and help with it", max_length=200),
                ),
                ("given_on", models.DateField()),
                ("withdrawn_on", models.DateField(blank=True, null=True)),
                (
                    "child",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="consents",
                        to="casework.child",
                    ),
                ),
                (
                    "supporter",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="consents_received",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "supporter_organisation",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="accounts.organisation",
                    ),
                ),
                (
                    "given_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="consents",
                        to="casework.familymember",
                    ),
                ),
            ],
        ),
        migrations.CreateModel(
            name="HistoricalAdviceRequest",
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
                    "advice_type",
                    models.CharField(
                        choices=[
                            ("health", "Health"),
                            ("social_care", "Social care"),
                            ("educational", "Educational"),
                            ("psychological", "Psychological"),
                            ("parent", "Parent or young person"),
                            ("other", "Other"),
                        ],
                        max_length=20,
                    ),
                ),
                ("date_sent", models.DateField()),
                ("date_received", models.DateField(blank=True, null=True)),
                ("document", models.TextField(blank=True, max_length=100)),
                (
                    "employed_by_setting",
                    models.BooleanField(
                        default=False,
                        verbose_name="employed or contracted by the child's school or setting",
                    ),
                ),
                (
                    "would_deliver_provision",
                    models.BooleanField(
                        default=False,
                        verbose_name="the advice giver or their organisation would deliver the provision",
                    ),
                ),
                ("relationship_notes", models.TextField(blank=True)),
                (
                    "conflict_reason",
                    models.TextField(
                        blank=True, verbose_name="why they were asked despite a declared conflict"
                    ),
                ),
                ("created_at", models.DateTimeField(blank=True, editable=False)),
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
                    "commissioned_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="Who asked for, and pays for, this advice.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="accounts.organisation",
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
                    "paid_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="Who pays the advice giver, if not the commissioner.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="accounts.organisation",
                    ),
                ),
                (
                    "recipient_organisation",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="accounts.organisation",
                    ),
                ),
                (
                    "recipient_person",
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
                "verbose_name": "historical advice request",
                "verbose_name_plural": "historical advice requests",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalCaseEvent",
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
                    "type",
                    models.CharField(
                        choices=[
                            ("assessment_requested", "Request for an EHC needs assessment"),
                            ("assessment_decision", "Decision whether to assess"),
                            ("plan_decision", "Decision whether to issue a plan"),
                            ("draft_plan_issued", "Draft plan issued"),
                            ("final_plan_issued", "Final plan issued"),
                            ("exception_recorded", "Exception to a time limit"),
                            ("plan_transferred_in", "Plan transferred from another authority"),
                            ("transfer_notice_sent", "Family told of the transfer"),
                            ("reassessment_requested", "Request for a re-assessment"),
                            ("reassessment_decision", "Decision whether to re-assess"),
                            (
                                "reassessment_no_change",
                                "Decision after a re-assessment not to amend the plan",
                            ),
                        ],
                        max_length=40,
                    ),
                ),
                ("date", models.DateField()),
                (
                    "details",
                    models.JSONField(
                        blank=True,
                        default=dict,
                        help_text="The engine's fields for this event type, and more.",
                    ),
                ),
                ("reasons", models.TextField(blank=True)),
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
                "verbose_name": "historical case event",
                "verbose_name_plural": "historical case events",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalChild",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("first_name", models.CharField(max_length=100)),
                ("last_name", models.CharField(max_length=100)),
                ("date_of_birth", models.DateField()),
                (
                    "upn",
                    models.CharField(
                        blank=True,
                        help_text="Optional.",
                        max_length=13,
                        verbose_name="unique pupil number (UPN)",
                    ),
                ),
                (
                    "uln",
                    models.CharField(
                        blank=True,
                        help_text="Optional.",
                        max_length=10,
                        verbose_name="unique learner number (ULN)",
                    ),
                ),
                ("team", models.CharField(blank=True, max_length=100)),
                (
                    "young_person_views",
                    models.TextField(
                        blank=True,
                        help_text="From 16, the young person takes decisions for themselves.",
                        verbose_name="the young person's own views",
                    ),
                ),
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
                    "caseworker",
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
                    "setting",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="The school, college or early years setting the child attends now.",
                        limit_choices_to={"kind": "setting"},
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="accounts.organisation",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical child",
                "verbose_name_plural": "historical children and young people",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalConsent",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "scope",
                    models.CharField(default="See the case and help with it", max_length=200),
                ),
                ("given_on", models.DateField()),
                ("withdrawn_on", models.DateField(blank=True, null=True)),
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
                    "given_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="casework.familymember",
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
                    "supporter",
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
                    "supporter_organisation",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="accounts.organisation",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical consent",
                "verbose_name_plural": "historical consents",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalDeclaredConflict",
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
                    "description",
                    models.TextField(max_length=2000, verbose_name="the conflict, as declared"),
                ),
                ("declared_on", models.DateField()),
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
                    "adviser",
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
                    "organisation",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
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
            ],
            options={
                "verbose_name": "historical declared conflict",
                "verbose_name_plural": "historical declared conflicts",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalFamilyMember",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=200)),
                (
                    "relationship",
                    models.CharField(
                        choices=[
                            ("parent", "Parent"),
                            ("carer", "Carer"),
                            ("young_person", "The young person"),
                            ("other", "Other"),
                        ],
                        max_length=20,
                    ),
                ),
                ("email", models.EmailField(blank=True, max_length=254)),
                ("phone", models.CharField(blank=True, max_length=40)),
                ("address", models.TextField(blank=True)),
                (
                    "interpreter_language",
                    models.CharField(
                        blank=True,
                        help_text="Leave empty when no interpreter is needed.",
                        max_length=60,
                    ),
                ),
                (
                    "accessible_format",
                    models.CharField(
                        blank=True,
                        help_text="For example large print, Braille or Easy Read.",
                        max_length=100,
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
                        help_text="The person's sign-in, if they have one.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical family member",
                "verbose_name_plural": "historical family members",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalProvision",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("description", models.CharField(max_length=200)),
                (
                    "status",
                    models.CharField(
                        choices=[("current", "Provides now"), ("proposed", "Proposed")],
                        default="current",
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
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "provider_organisation",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="accounts.organisation",
                    ),
                ),
                (
                    "provider_person",
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
                "verbose_name": "historical provision",
                "verbose_name_plural": "historical provisions",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="Provision",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("description", models.CharField(max_length=200)),
                (
                    "status",
                    models.CharField(
                        choices=[("current", "Provides now"), ("proposed", "Proposed")],
                        default="current",
                        max_length=10,
                    ),
                ),
                (
                    "child",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="provisions",
                        to="casework.child",
                    ),
                ),
                (
                    "provider_organisation",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="accounts.organisation",
                    ),
                ),
                (
                    "provider_person",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
        ),
        migrations.AddIndex(
            model_name="child",
            index=models.Index(
                fields=["local_authority", "last_name", "first_name", "id"], name="child_la_name"
            ),
        ),
        migrations.AddIndex(
            model_name="child",
            index=models.Index(fields=["local_authority", "team"], name="child_la_team"),
        ),
        migrations.AddIndex(
            model_name="child",
            index=models.Index(fields=["local_authority", "date_of_birth"], name="child_la_born"),
        ),
        migrations.AddIndex(
            model_name="child",
            index=models.Index(fields=["local_authority", "upn"], name="child_la_upn"),
        ),
        migrations.AddIndex(
            model_name="child",
            index=models.Index(fields=["local_authority", "uln"], name="child_la_uln"),
        ),
        migrations.AddIndex(
            model_name="caseallocation",
            index=models.Index(fields=["child", "-allocated_at"], name="allocation_child_when"),
        ),
        migrations.AddConstraint(
            model_name="advicerequest",
            constraint=models.UniqueConstraint(
                fields=("child", "ref"), name="advice_ref_unique_per_child"
            ),
        ),
        migrations.AddIndex(
            model_name="deadline",
            index=models.Index(fields=["status", "due"], name="casework_de_status_ba4891_idx"),
        ),
        migrations.AddIndex(
            model_name="deadline",
            index=models.Index(fields=["child", "due"], name="deadline_child_due"),
        ),
        migrations.AddIndex(
            model_name="deadline",
            index=models.Index(
                condition=models.Q(
                    ("informational", False), ("kind", "by"), ("met_on__isnull", True)
                ),
                fields=["due", "child"],
                name="deadline_open_due",
            ),
        ),
        migrations.AddIndex(
            model_name="deadline",
            index=models.Index(
                condition=models.Q(
                    ("informational", False), ("kind", "by"), ("met_on__isnull", True)
                ),
                fields=["child", "due"],
                include=("organisation", "status", "actor"),
                name="deadline_open_child",
            ),
        ),
        migrations.AddConstraint(
            model_name="declaredconflict",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("child__isnull", False), ("organisation__isnull", False), _connector="OR"
                ),
                name="declared_conflict_with_someone",
            ),
        ),
    ]
