"""The mediation app's tables as its models define them, written by makemigrations when the
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
        ("mediation", "0002_steps_attendees_meetings"),
        ("mediation", "0003_recording_decided_by_optional"),
        ("mediation", "0004_case_decision_ref"),
        ("mediation", "0005_give_cases_their_decision_refs"),
        ("mediation", "0006_notes_belong_to_their_author"),
        ("mediation", "0007_meeting_day_and_certificate_sending"),
        ("mediation", "0008_steps_corrected_or_withdrawn"),
        ("mediation", "0009_mediationcase_mediation_case_updated_and_more"),
    ]

    dependencies = [
        ("accounts", "0001_initial"),
        ("casework", "0001_initial"),
        ("family", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="HistoricalMediationCase",
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
                    "decision",
                    models.CharField(
                        choices=[
                            ("not_assess", "Not to carry out an EHC needs assessment"),
                            ("not_issue", "Not to issue an EHC plan after assessment"),
                            ("plan_contents", "The contents of the EHC plan"),
                            ("amended_plan", "The contents of the amended EHC plan"),
                            ("not_amend", "Not to amend the plan after a review or re-assessment"),
                            ("not_reassess", "Not to carry out a re-assessment"),
                            ("cease", "To cease to maintain the plan"),
                        ],
                        max_length=20,
                        verbose_name="the decision the family may appeal",
                    ),
                ),
                (
                    "decision_notice_date",
                    models.DateField(verbose_name="the date of the decision notice"),
                ),
                (
                    "decision_ref",
                    models.CharField(
                        blank=True,
                        help_text="The decision's ref (for example 'cessation-12'), when the authority's decision is recorded in Redress; empty when it is not.",
                        max_length=60,
                        verbose_name="the recorded decision the case is about",
                    ),
                ),
                (
                    "adviser_contacted_on",
                    models.DateField(
                        blank=True,
                        null=True,
                        verbose_name="the day the family contacted the mediation adviser",
                    ),
                ),
                (
                    "family_choice",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("", "Not decided yet"),
                            ("wishes", "Wishes to mediate"),
                            ("declined", "Does not wish to mediate"),
                        ],
                        default="",
                        max_length=10,
                        verbose_name="the family's choice about mediation",
                    ),
                ),
                (
                    "family_choice_on",
                    models.DateField(
                        blank=True,
                        null=True,
                        verbose_name="the day the family told the adviser their choice",
                    ),
                ),
                (
                    "exemption",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("", "No exemption: a certificate is needed to appeal"),
                            (
                                "school_only",
                                "The appeal is only about the school or institution named (section I)",
                            ),
                            ("disability_discrimination", "A disability discrimination claim"),
                        ],
                        default="",
                        max_length=30,
                        verbose_name="exemption from the need for a certificate",
                    ),
                ),
                (
                    "exemption_recorded_on",
                    models.DateField(
                        blank=True, null=True, verbose_name="the day the exemption was recorded"
                    ),
                ),
                (
                    "la_told_on",
                    models.DateField(
                        blank=True,
                        null=True,
                        verbose_name="the day the family told the local authority they wish to mediate",
                    ),
                ),
                (
                    "health_notified_on",
                    models.DateField(
                        blank=True,
                        null=True,
                        verbose_name="the day the health commissioner was told of the mediation",
                    ),
                ),
                (
                    "not_arranged_on",
                    models.DateField(
                        blank=True,
                        null=True,
                        verbose_name="the day the adviser was told mediation cannot be arranged in time",
                    ),
                ),
                (
                    "not_arranged_reason",
                    models.TextField(blank=True, verbose_name="why it cannot be arranged in time"),
                ),
                ("child_views", models.TextField(blank=True, verbose_name="the child's views")),
                (
                    "child_views_gathered_on",
                    models.DateField(
                        blank=True,
                        null=True,
                        verbose_name="the day the child's views were gathered",
                    ),
                ),
                (
                    "child_attends_parent_agrees",
                    models.BooleanField(
                        default=False,
                        verbose_name="the parent or young person agrees to the child attending",
                    ),
                ),
                (
                    "child_attends_mediator_agrees",
                    models.BooleanField(
                        default=False, verbose_name="the mediator agrees to the child attending"
                    ),
                ),
                (
                    "concluded_on",
                    models.DateField(
                        blank=True, null=True, verbose_name="the day mediation concluded"
                    ),
                ),
                (
                    "outcome",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("agreement", "Agreement reached on every issue"),
                            ("partial", "Agreement on some issues"),
                            ("no_agreement", "No agreement"),
                            ("withdrawn", "A party withdrew from the mediation"),
                        ],
                        default="",
                        max_length=20,
                        verbose_name="the outcome",
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
                    "case_manager",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="the provider's case manager",
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
                    "family_request",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="family.familyrequest",
                        verbose_name="the family's request that started the case",
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
                        verbose_name="the health commissioner (ICB) that is a party",
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
                    "mediator",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="the mediator assigned",
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
                "verbose_name": "historical mediation case",
                "verbose_name_plural": "historical mediation cases",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalMediationPolicy",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "follows_up_agreements",
                    models.BooleanField(
                        default=True,
                        help_text="When set, the case manager is alerted when a family reports an agreed action not done.",
                        verbose_name="follows up agreements after the meeting",
                    ),
                ),
                (
                    "pre_mediation_call_required",
                    models.BooleanField(
                        default=True,
                        verbose_name="a pre-mediation call with each party is required",
                    ),
                ),
                (
                    "attendee_agreement",
                    models.CharField(
                        choices=[
                            (
                                "mediator_with_each_party",
                                "The mediator agrees attendees with each party in the pre-mediation call",
                            ),
                            (
                                "case_manager_confirms",
                                "The case manager collects each party's consent to each attendee in writing",
                            ),
                        ],
                        default="mediator_with_each_party",
                        max_length=30,
                        verbose_name="how attendees are agreed",
                    ),
                ),
                (
                    "case_manager_sees_notes",
                    models.BooleanField(
                        default=False, verbose_name="the case manager may read the mediator's notes"
                    ),
                ),
                ("notes_policy_since", models.DateTimeField(blank=True, editable=False, null=True)),
                (
                    "recording_wording",
                    models.TextField(
                        blank=True,
                        help_text="Shown in the agreement to mediate and the confirmation of the meeting.",
                        verbose_name="standard wording on recordings",
                    ),
                ),
                (
                    "confidentiality_wording",
                    models.TextField(
                        blank=True,
                        help_text="Shown in the agreement to mediate and the confirmation of the meeting.",
                        verbose_name="standard wording on confidentiality",
                    ),
                ),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
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
                "verbose_name": "historical mediation policy",
                "verbose_name_plural": "historical mediation policies",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalMediatorAvailability",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "weekday",
                    models.PositiveSmallIntegerField(
                        choices=[
                            (0, "Monday"),
                            (1, "Tuesday"),
                            (2, "Wednesday"),
                            (3, "Thursday"),
                            (4, "Friday"),
                            (5, "Saturday"),
                            (6, "Sunday"),
                        ]
                    ),
                ),
                ("start_time", models.TimeField(verbose_name="from")),
                ("end_time", models.TimeField(verbose_name="until")),
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
                    "mediator",
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
                "verbose_name": "historical mediator availability",
                "verbose_name_plural": "historical mediator availability",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="MediationAttendee",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "role",
                    models.CharField(
                        choices=[
                            ("parent_or_young_person", "Parent or young person"),
                            ("la_officer", "Local authority officer"),
                            ("health_commissioner", "Health commissioner"),
                            ("education_provider", "Education provider"),
                            ("supporter", "Supporter (SENDIASS, a friend or family member)"),
                            ("professional_expert", "Professional expert (for example an OT)"),
                            ("lawyer", "Lawyer"),
                            ("mediator", "Mediator"),
                            ("child", "The child"),
                        ],
                        max_length=30,
                    ),
                ),
                ("name", models.CharField(max_length=200)),
                (
                    "organisation_name",
                    models.CharField(
                        blank=True,
                        max_length=200,
                        verbose_name="organisation (when not in Redress)",
                    ),
                ),
                ("email", models.EmailField(blank=True, max_length=254)),
                (
                    "address",
                    models.TextField(
                        blank=True, verbose_name="postal address (for a printed letter)"
                    ),
                ),
                (
                    "party",
                    models.CharField(
                        choices=[
                            ("family", "The parent or young person"),
                            ("local_authority", "The local authority"),
                            ("health_commissioner", "The health commissioner"),
                            ("none", "No party"),
                        ],
                        default="none",
                        max_length=30,
                        verbose_name="the party they attend for",
                    ),
                ),
                (
                    "proposed_by",
                    models.CharField(
                        choices=[
                            ("family", "The parent or young person"),
                            ("local_authority", "The local authority"),
                            ("health_commissioner", "The health commissioner"),
                            ("none", "No party"),
                        ],
                        default="none",
                        max_length=30,
                        verbose_name="the party who proposed them",
                    ),
                ),
                ("proposed_on", models.DateField(verbose_name="the day they were proposed")),
                (
                    "authority_confirmation",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("", "Not confirmed"),
                            ("pre_mediation_agreement", "Agreed in the pre-mediation call"),
                            ("delegated", "Delegated authority to agree"),
                            (
                                "decision_maker_by_phone",
                                "The decision maker can be reached by phone during the meeting",
                            ),
                        ],
                        default="",
                        max_length=30,
                        verbose_name="how their authority to settle was confirmed",
                    ),
                ),
                (
                    "authority_confirmed_on",
                    models.DateField(
                        blank=True, null=True, verbose_name="the day authority was confirmed"
                    ),
                ),
                (
                    "authority_detail",
                    models.CharField(
                        blank=True,
                        max_length=300,
                        verbose_name="who holds the authority (for example the decision maker's name and number)",
                    ),
                ),
                (
                    "mediator_decision",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("", "No decision needed"),
                            ("may_attend", "May attend"),
                            ("may_not_attend", "May not attend"),
                        ],
                        default="",
                        max_length=20,
                        verbose_name="the mediator's decision where the parties disagree (reg 38)",
                    ),
                ),
                (
                    "mediator_decision_reasons",
                    models.TextField(blank=True, verbose_name="the mediator's reasons"),
                ),
                ("mediator_decided_on", models.DateField(blank=True, null=True)),
                (
                    "withdrawn_on",
                    models.DateField(
                        blank=True, null=True, verbose_name="the day they were withdrawn"
                    ),
                ),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "organisation",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="accounts.organisation",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="mediation_attendances",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["id"],
            },
        ),
        migrations.CreateModel(
            name="HistoricalAttendeeConsent",
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
                            ("none", "No party"),
                        ],
                        max_length=30,
                    ),
                ),
                (
                    "answer",
                    models.CharField(
                        choices=[("agrees", "Agrees"), ("objects", "Objects")], max_length=10
                    ),
                ),
                ("reason", models.TextField(blank=True, verbose_name="reason given")),
                ("recorded_on", models.DateField()),
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
                    "attendee",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="mediation.mediationattendee",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical attendee consent",
                "verbose_name_plural": "historical attendee consents",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="MediationCase",
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
                    "decision",
                    models.CharField(
                        choices=[
                            ("not_assess", "Not to carry out an EHC needs assessment"),
                            ("not_issue", "Not to issue an EHC plan after assessment"),
                            ("plan_contents", "The contents of the EHC plan"),
                            ("amended_plan", "The contents of the amended EHC plan"),
                            ("not_amend", "Not to amend the plan after a review or re-assessment"),
                            ("not_reassess", "Not to carry out a re-assessment"),
                            ("cease", "To cease to maintain the plan"),
                        ],
                        max_length=20,
                        verbose_name="the decision the family may appeal",
                    ),
                ),
                (
                    "decision_notice_date",
                    models.DateField(verbose_name="the date of the decision notice"),
                ),
                (
                    "decision_ref",
                    models.CharField(
                        blank=True,
                        help_text="The decision's ref (for example 'cessation-12'), when the authority's decision is recorded in Redress; empty when it is not.",
                        max_length=60,
                        verbose_name="the recorded decision the case is about",
                    ),
                ),
                (
                    "adviser_contacted_on",
                    models.DateField(
                        blank=True,
                        null=True,
                        verbose_name="the day the family contacted the mediation adviser",
                    ),
                ),
                (
                    "family_choice",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("", "Not decided yet"),
                            ("wishes", "Wishes to mediate"),
                            ("declined", "Does not wish to mediate"),
                        ],
                        default="",
                        max_length=10,
                        verbose_name="the family's choice about mediation",
                    ),
                ),
                (
                    "family_choice_on",
                    models.DateField(
                        blank=True,
                        null=True,
                        verbose_name="the day the family told the adviser their choice",
                    ),
                ),
                (
                    "exemption",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("", "No exemption: a certificate is needed to appeal"),
                            (
                                "school_only",
                                "The appeal is only about the school or institution named (section I)",
                            ),
                            ("disability_discrimination", "A disability discrimination claim"),
                        ],
                        default="",
                        max_length=30,
                        verbose_name="exemption from the need for a certificate",
                    ),
                ),
                (
                    "exemption_recorded_on",
                    models.DateField(
                        blank=True, null=True, verbose_name="the day the exemption was recorded"
                    ),
                ),
                (
                    "la_told_on",
                    models.DateField(
                        blank=True,
                        null=True,
                        verbose_name="the day the family told the local authority they wish to mediate",
                    ),
                ),
                (
                    "health_notified_on",
                    models.DateField(
                        blank=True,
                        null=True,
                        verbose_name="the day the health commissioner was told of the mediation",
                    ),
                ),
                (
                    "not_arranged_on",
                    models.DateField(
                        blank=True,
                        null=True,
                        verbose_name="the day the adviser was told mediation cannot be arranged in time",
                    ),
                ),
                (
                    "not_arranged_reason",
                    models.TextField(blank=True, verbose_name="why it cannot be arranged in time"),
                ),
                ("child_views", models.TextField(blank=True, verbose_name="the child's views")),
                (
                    "child_views_gathered_on",
                    models.DateField(
                        blank=True,
                        null=True,
                        verbose_name="the day the child's views were gathered",
                    ),
                ),
                (
                    "child_attends_parent_agrees",
                    models.BooleanField(
                        default=False,
                        verbose_name="the parent or young person agrees to the child attending",
                    ),
                ),
                (
                    "child_attends_mediator_agrees",
                    models.BooleanField(
                        default=False, verbose_name="the mediator agrees to the child attending"
                    ),
                ),
                (
                    "concluded_on",
                    models.DateField(
                        blank=True, null=True, verbose_name="the day mediation concluded"
                    ),
                ),
                (
                    "outcome",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("agreement", "Agreement reached on every issue"),
                            ("partial", "Agreement on some issues"),
                            ("no_agreement", "No agreement"),
                            ("withdrawn", "A party withdrew from the mediation"),
                        ],
                        default="",
                        max_length=20,
                        verbose_name="the outcome",
                    ),
                ),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "adviser",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="mediation_cases_advised",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "case_manager",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="mediation_cases_managed",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="the provider's case manager",
                    ),
                ),
                (
                    "child",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="mediation_cases",
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
                    "family_request",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="mediation_cases",
                        to="family.familyrequest",
                        verbose_name="the family's request that started the case",
                    ),
                ),
                (
                    "health_commissioner",
                    models.ForeignKey(
                        blank=True,
                        limit_choices_to={"kind": "health_commissioner"},
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="mediation_cases_as_commissioner",
                        to="accounts.organisation",
                        verbose_name="the health commissioner (ICB) that is a party",
                    ),
                ),
                (
                    "mediator",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="mediation_cases_mediated",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="the mediator assigned",
                    ),
                ),
                (
                    "provider",
                    models.ForeignKey(
                        limit_choices_to={"kind": "mediation_provider"},
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="mediation_cases",
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
                "ordering": ["-decision_notice_date", "id"],
            },
        ),
        migrations.AddField(
            model_name="mediationattendee",
            name="case",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="attendees",
                to="mediation.mediationcase",
            ),
        ),
        migrations.CreateModel(
            name="HistoricalSharedDocument",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("title", models.CharField(max_length=300)),
                ("document", models.TextField(blank=True, max_length=100)),
                ("shared_on", models.DateField(verbose_name="the day it was shared")),
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
                    "shared_by",
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
            ],
            options={
                "verbose_name": "historical shared document",
                "verbose_name_plural": "historical shared documents",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalRecordingRequest",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "requested_by",
                    models.CharField(
                        choices=[
                            ("family", "The parent or young person"),
                            ("local_authority", "The local authority"),
                            ("health_commissioner", "The health commissioner"),
                            ("none", "No party"),
                        ],
                        default="family",
                        max_length=30,
                        verbose_name="the party asking",
                    ),
                ),
                ("requested_on", models.DateField()),
                (
                    "reasonable_adjustment",
                    models.BooleanField(
                        default=False, verbose_name="asked for as a reasonable adjustment"
                    ),
                ),
                (
                    "adjustment_reason",
                    models.TextField(blank=True, verbose_name="why it is needed"),
                ),
                (
                    "other_party_consents",
                    models.BooleanField(default=False, verbose_name="the other party consents"),
                ),
                (
                    "mediator_approves",
                    models.BooleanField(default=False, verbose_name="the mediator approves"),
                ),
                ("purpose", models.TextField(blank=True, verbose_name="what the recording is for")),
                (
                    "who_may_access",
                    models.TextField(blank=True, verbose_name="who may listen to or see it"),
                ),
                (
                    "retention",
                    models.CharField(
                        blank=True, max_length=200, verbose_name="how long it is kept"
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("refused", "Refused"),
                            ("allowed", "Allowed as a reasonable adjustment"),
                        ],
                        default="refused",
                        max_length=10,
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
            ],
            options={
                "verbose_name": "historical recording request",
                "verbose_name_plural": "historical recording requests",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalPreMediationCall",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "call_with",
                    models.CharField(
                        choices=[
                            ("family", "The parent or young person"),
                            ("local_authority", "The local authority"),
                            ("health_commissioner", "The health commissioner"),
                            ("family_lawyer", "The family's lawyer"),
                        ],
                        max_length=30,
                        verbose_name="call with",
                    ),
                ),
                (
                    "introductions",
                    models.BooleanField(default=False, verbose_name="introductions made"),
                ),
                (
                    "view_of_disagreement",
                    models.BooleanField(
                        default=False, verbose_name="their view of the disagreement heard"
                    ),
                ),
                (
                    "who_will_attend",
                    models.BooleanField(default=False, verbose_name="who will attend discussed"),
                ),
                (
                    "authority",
                    models.BooleanField(
                        default=False, verbose_name="authority to settle discussed"
                    ),
                ),
                (
                    "reasonable_adjustments",
                    models.BooleanField(
                        default=False, verbose_name="reasonable adjustments discussed"
                    ),
                ),
                (
                    "adjustments_needed",
                    models.TextField(blank=True, verbose_name="adjustments they need"),
                ),
                (
                    "held_on",
                    models.DateField(blank=True, null=True, verbose_name="the day of the call"),
                ),
                (
                    "added_on",
                    models.DateField(verbose_name="the day the call was added to the checklist"),
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
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "attendee",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="mediation.mediationattendee",
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
            ],
            options={
                "verbose_name": "historical pre mediation call",
                "verbose_name_plural": "historical pre mediation calls",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalMediationMeeting",
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
                ("meeting_date", models.DateField(verbose_name="date of the meeting")),
                ("start_time", models.TimeField(verbose_name="start time")),
                ("end_time", models.TimeField(blank=True, null=True, verbose_name="end time")),
                ("place", models.CharField(blank=True, max_length=300, verbose_name="place")),
                (
                    "video_link",
                    models.URLField(blank=True, max_length=500, verbose_name="video link"),
                ),
                (
                    "accessibility_needs",
                    models.TextField(
                        blank=True, verbose_name="accessibility needs and adjustments"
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("scheduled", "Scheduled"),
                            ("rescheduled", "Moved to another date"),
                            ("cancelled", "Cancelled"),
                            ("held", "Held"),
                        ],
                        default="scheduled",
                        max_length=20,
                    ),
                ),
                ("scheduled_on", models.DateField(verbose_name="the day the meeting was arranged")),
                (
                    "reschedule_reason",
                    models.TextField(blank=True, verbose_name="why it was moved or cancelled"),
                ),
                (
                    "held_on",
                    models.DateField(blank=True, null=True, verbose_name="the day it was held"),
                ),
                (
                    "confirmation_sent_on",
                    models.DateField(
                        blank=True,
                        null=True,
                        verbose_name="the day the confirmation had gone to every attendee",
                    ),
                ),
                (
                    "details_changed_on",
                    models.DateField(
                        blank=True,
                        null=True,
                        verbose_name="the day its time, place or link last changed",
                    ),
                ),
                (
                    "short_notice_consent_on",
                    models.DateField(
                        blank=True,
                        null=True,
                        verbose_name="the day the family agreed to less than 5 working days' notice",
                    ),
                ),
                (
                    "short_notice_consent_by",
                    models.CharField(
                        blank=True, max_length=200, verbose_name="who agreed for the family"
                    ),
                ),
                (
                    "cancelled_on",
                    models.DateField(
                        blank=True, null=True, verbose_name="the day it was cancelled"
                    ),
                ),
                (
                    "reminder_sent_on",
                    models.DateField(
                        blank=True,
                        null=True,
                        verbose_name="the day the reminder went to the attendees",
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
            ],
            options={
                "verbose_name": "historical mediation meeting",
                "verbose_name_plural": "historical mediation meetings",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalMediationIssue",
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
                            ("education", "Education (special educational needs or provision)"),
                            ("social_care", "Social care provision"),
                            ("health", "Health care provision"),
                        ],
                        max_length=20,
                    ),
                ),
                ("description", models.TextField(verbose_name="what is in disagreement")),
                (
                    "health_provision_wanted",
                    models.TextField(
                        blank=True, verbose_name="the health care provision the family want"
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
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
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
            ],
            options={
                "verbose_name": "historical mediation issue",
                "verbose_name_plural": "historical mediation issues",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalMediationCertificate",
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
                    "reason",
                    models.CharField(
                        choices=[
                            ("declined", "The family does not wish to mediate"),
                            ("after_mediation", "Mediation has taken place"),
                            ("not_arranged", "Mediation could not be arranged in time"),
                        ],
                        max_length=20,
                    ),
                ),
                ("issued_on", models.DateField()),
                (
                    "sent_on",
                    models.DateField(
                        blank=True, null=True, verbose_name="the day it was sent to the family"
                    ),
                ),
                (
                    "sent_channel",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("notification", "Email through Redress's notifications"),
                            ("letter", "Letter"),
                        ],
                        max_length=20,
                        verbose_name="how it was sent",
                    ),
                ),
                (
                    "sent_to",
                    models.CharField(blank=True, max_length=300, verbose_name="who it was sent to"),
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
                    "issued_by",
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
            ],
            options={
                "verbose_name": "historical mediation certificate",
                "verbose_name_plural": "historical mediation certificates",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalMediationAttendee",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "role",
                    models.CharField(
                        choices=[
                            ("parent_or_young_person", "Parent or young person"),
                            ("la_officer", "Local authority officer"),
                            ("health_commissioner", "Health commissioner"),
                            ("education_provider", "Education provider"),
                            ("supporter", "Supporter (SENDIASS, a friend or family member)"),
                            ("professional_expert", "Professional expert (for example an OT)"),
                            ("lawyer", "Lawyer"),
                            ("mediator", "Mediator"),
                            ("child", "The child"),
                        ],
                        max_length=30,
                    ),
                ),
                ("name", models.CharField(max_length=200)),
                (
                    "organisation_name",
                    models.CharField(
                        blank=True,
                        max_length=200,
                        verbose_name="organisation (when not in Redress)",
                    ),
                ),
                ("email", models.EmailField(blank=True, max_length=254)),
                (
                    "address",
                    models.TextField(
                        blank=True, verbose_name="postal address (for a printed letter)"
                    ),
                ),
                (
                    "party",
                    models.CharField(
                        choices=[
                            ("family", "The parent or young person"),
                            ("local_authority", "The local authority"),
                            ("health_commissioner", "The health commissioner"),
                            ("none", "No party"),
                        ],
                        default="none",
                        max_length=30,
                        verbose_name="the party they attend for",
                    ),
                ),
                (
                    "proposed_by",
                    models.CharField(
                        choices=[
                            ("family", "The parent or young person"),
                            ("local_authority", "The local authority"),
                            ("health_commissioner", "The health commissioner"),
                            ("none", "No party"),
                        ],
                        default="none",
                        max_length=30,
                        verbose_name="the party who proposed them",
                    ),
                ),
                ("proposed_on", models.DateField(verbose_name="the day they were proposed")),
                (
                    "authority_confirmation",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("", "Not confirmed"),
                            ("pre_mediation_agreement", "Agreed in the pre-mediation call"),
                            ("delegated", "Delegated authority to agree"),
                            (
                                "decision_maker_by_phone",
                                "The decision maker can be reached by phone during the meeting",
                            ),
                        ],
                        default="",
                        max_length=30,
                        verbose_name="how their authority to settle was confirmed",
                    ),
                ),
                (
                    "authority_confirmed_on",
                    models.DateField(
                        blank=True, null=True, verbose_name="the day authority was confirmed"
                    ),
                ),
                (
                    "authority_detail",
                    models.CharField(
                        blank=True,
                        max_length=300,
                        verbose_name="who holds the authority (for example the decision maker's name and number)",
                    ),
                ),
                (
                    "mediator_decision",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("", "No decision needed"),
                            ("may_attend", "May attend"),
                            ("may_not_attend", "May not attend"),
                        ],
                        default="",
                        max_length=20,
                        verbose_name="the mediator's decision where the parties disagree (reg 38)",
                    ),
                ),
                (
                    "mediator_decision_reasons",
                    models.TextField(blank=True, verbose_name="the mediator's reasons"),
                ),
                ("mediator_decided_on", models.DateField(blank=True, null=True)),
                (
                    "withdrawn_on",
                    models.DateField(
                        blank=True, null=True, verbose_name="the day they were withdrawn"
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
            ],
            options={
                "verbose_name": "historical mediation attendee",
                "verbose_name_plural": "historical mediation attendees",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="MediationCaseEntry",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("happened_on", models.DateField()),
                ("text", models.CharField(max_length=500)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "case",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="entries",
                        to="mediation.mediationcase",
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
            options={
                "verbose_name_plural": "mediation case entries",
                "ordering": ["happened_on", "id"],
            },
        ),
        migrations.CreateModel(
            name="MediationCertificate",
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
                    "reason",
                    models.CharField(
                        choices=[
                            ("declined", "The family does not wish to mediate"),
                            ("after_mediation", "Mediation has taken place"),
                            ("not_arranged", "Mediation could not be arranged in time"),
                        ],
                        max_length=20,
                    ),
                ),
                ("issued_on", models.DateField()),
                (
                    "sent_on",
                    models.DateField(
                        blank=True, null=True, verbose_name="the day it was sent to the family"
                    ),
                ),
                (
                    "sent_channel",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("notification", "Email through Redress's notifications"),
                            ("letter", "Letter"),
                        ],
                        max_length=20,
                        verbose_name="how it was sent",
                    ),
                ),
                (
                    "sent_to",
                    models.CharField(blank=True, max_length=300, verbose_name="who it was sent to"),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
                (
                    "case",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="certificates",
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
                    "issued_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "sent_by",
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
                "ordering": ["issued_on", "id"],
            },
        ),
        migrations.CreateModel(
            name="MediationIssue",
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
                            ("education", "Education (special educational needs or provision)"),
                            ("social_care", "Social care provision"),
                            ("health", "Health care provision"),
                        ],
                        max_length=20,
                    ),
                ),
                ("description", models.TextField(verbose_name="what is in disagreement")),
                (
                    "health_provision_wanted",
                    models.TextField(
                        blank=True, verbose_name="the health care provision the family want"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "case",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="issues",
                        to="mediation.mediationcase",
                    ),
                ),
            ],
            options={
                "ordering": ["id"],
            },
        ),
        migrations.CreateModel(
            name="HistoricalAgendaItem",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("title", models.CharField(max_length=300)),
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
                    "issue",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="mediation.mediationissue",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical agenda item",
                "verbose_name_plural": "historical agenda items",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="AgendaItem",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("title", models.CharField(max_length=300)),
                ("position", models.PositiveIntegerField(default=0)),
                (
                    "case",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="agenda_items",
                        to="mediation.mediationcase",
                    ),
                ),
                (
                    "issue",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="agenda_items",
                        to="mediation.mediationissue",
                    ),
                ),
            ],
            options={
                "ordering": ["position", "id"],
            },
        ),
        migrations.CreateModel(
            name="MediationMeeting",
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
                ("meeting_date", models.DateField(verbose_name="date of the meeting")),
                ("start_time", models.TimeField(verbose_name="start time")),
                ("end_time", models.TimeField(blank=True, null=True, verbose_name="end time")),
                ("place", models.CharField(blank=True, max_length=300, verbose_name="place")),
                (
                    "video_link",
                    models.URLField(blank=True, max_length=500, verbose_name="video link"),
                ),
                (
                    "accessibility_needs",
                    models.TextField(
                        blank=True, verbose_name="accessibility needs and adjustments"
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("scheduled", "Scheduled"),
                            ("rescheduled", "Moved to another date"),
                            ("cancelled", "Cancelled"),
                            ("held", "Held"),
                        ],
                        default="scheduled",
                        max_length=20,
                    ),
                ),
                ("scheduled_on", models.DateField(verbose_name="the day the meeting was arranged")),
                (
                    "reschedule_reason",
                    models.TextField(blank=True, verbose_name="why it was moved or cancelled"),
                ),
                (
                    "held_on",
                    models.DateField(blank=True, null=True, verbose_name="the day it was held"),
                ),
                (
                    "confirmation_sent_on",
                    models.DateField(
                        blank=True,
                        null=True,
                        verbose_name="the day the confirmation had gone to every attendee",
                    ),
                ),
                (
                    "details_changed_on",
                    models.DateField(
                        blank=True,
                        null=True,
                        verbose_name="the day its time, place or link last changed",
                    ),
                ),
                (
                    "short_notice_consent_on",
                    models.DateField(
                        blank=True,
                        null=True,
                        verbose_name="the day the family agreed to less than 5 working days' notice",
                    ),
                ),
                (
                    "short_notice_consent_by",
                    models.CharField(
                        blank=True, max_length=200, verbose_name="who agreed for the family"
                    ),
                ),
                (
                    "cancelled_on",
                    models.DateField(
                        blank=True, null=True, verbose_name="the day it was cancelled"
                    ),
                ),
                (
                    "reminder_sent_on",
                    models.DateField(
                        blank=True,
                        null=True,
                        verbose_name="the day the reminder went to the attendees",
                    ),
                ),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "case",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="meetings",
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
                "ordering": ["meeting_date", "id"],
            },
        ),
        migrations.CreateModel(
            name="HistoricalMeetingConfirmation",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "channel",
                    models.CharField(
                        choices=[
                            ("notification", "Email through Redress's notifications"),
                            ("letter", "Printed letter"),
                        ],
                        max_length=20,
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("confirmation", "Confirmation"),
                            ("resent", "Confirmation sent again after a change"),
                            ("reminder", "Reminder the day before"),
                            ("cancellation", "Notice that the meeting is cancelled or moved"),
                        ],
                        default="confirmation",
                        max_length=20,
                    ),
                ),
                ("sent_on", models.DateField()),
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
                    "attendee",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="mediation.mediationattendee",
                    ),
                ),
                (
                    "meeting",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="mediation.mediationmeeting",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical meeting confirmation",
                "verbose_name_plural": "historical meeting confirmations",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="MediationPolicy",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "follows_up_agreements",
                    models.BooleanField(
                        default=True,
                        help_text="When set, the case manager is alerted when a family reports an agreed action not done.",
                        verbose_name="follows up agreements after the meeting",
                    ),
                ),
                (
                    "pre_mediation_call_required",
                    models.BooleanField(
                        default=True,
                        verbose_name="a pre-mediation call with each party is required",
                    ),
                ),
                (
                    "attendee_agreement",
                    models.CharField(
                        choices=[
                            (
                                "mediator_with_each_party",
                                "The mediator agrees attendees with each party in the pre-mediation call",
                            ),
                            (
                                "case_manager_confirms",
                                "The case manager collects each party's consent to each attendee in writing",
                            ),
                        ],
                        default="mediator_with_each_party",
                        max_length=30,
                        verbose_name="how attendees are agreed",
                    ),
                ),
                (
                    "case_manager_sees_notes",
                    models.BooleanField(
                        default=False, verbose_name="the case manager may read the mediator's notes"
                    ),
                ),
                ("notes_policy_since", models.DateTimeField(blank=True, editable=False, null=True)),
                (
                    "recording_wording",
                    models.TextField(
                        blank=True,
                        help_text="Shown in the agreement to mediate and the confirmation of the meeting.",
                        verbose_name="standard wording on recordings",
                    ),
                ),
                (
                    "confidentiality_wording",
                    models.TextField(
                        blank=True,
                        help_text="Shown in the agreement to mediate and the confirmation of the meeting.",
                        verbose_name="standard wording on confidentiality",
                    ),
                ),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "provider",
                    models.OneToOneField(
                        limit_choices_to={"kind": "mediation_provider"},
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="mediation_policy",
                        to="accounts.organisation",
                    ),
                ),
            ],
            options={
                "verbose_name_plural": "mediation policies",
            },
        ),
        migrations.CreateModel(
            name="MediatorAvailability",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "weekday",
                    models.PositiveSmallIntegerField(
                        choices=[
                            (0, "Monday"),
                            (1, "Tuesday"),
                            (2, "Wednesday"),
                            (3, "Thursday"),
                            (4, "Friday"),
                            (5, "Saturday"),
                            (6, "Sunday"),
                        ]
                    ),
                ),
                ("start_time", models.TimeField(verbose_name="from")),
                ("end_time", models.TimeField(verbose_name="until")),
                (
                    "mediator",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="mediation_availability",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name_plural": "mediator availability",
                "ordering": ["mediator_id", "weekday", "start_time"],
            },
        ),
        migrations.CreateModel(
            name="MediatorNote",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("text", models.TextField()),
                ("written_at", models.DateTimeField(auto_now_add=True)),
                (
                    "author",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "case",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="mediator_notes",
                        to="mediation.mediationcase",
                    ),
                ),
            ],
            options={
                "ordering": ["written_at", "id"],
            },
        ),
        migrations.CreateModel(
            name="MeetingConfirmation",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "channel",
                    models.CharField(
                        choices=[
                            ("notification", "Email through Redress's notifications"),
                            ("letter", "Printed letter"),
                        ],
                        max_length=20,
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("confirmation", "Confirmation"),
                            ("resent", "Confirmation sent again after a change"),
                            ("reminder", "Reminder the day before"),
                            ("cancellation", "Notice that the meeting is cancelled or moved"),
                        ],
                        default="confirmation",
                        max_length=20,
                    ),
                ),
                ("sent_on", models.DateField()),
                (
                    "attendee",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="confirmations",
                        to="mediation.mediationattendee",
                    ),
                ),
                (
                    "meeting",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="confirmations",
                        to="mediation.mediationmeeting",
                    ),
                ),
                (
                    "sent_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["sent_on", "id"],
            },
        ),
        migrations.CreateModel(
            name="NotesPolicyNotice",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("case_manager_sees_notes", models.BooleanField()),
                ("told_at", models.DateTimeField()),
                (
                    "how",
                    models.CharField(
                        choices=[
                            ("message", "A message through Redress's notifications"),
                            ("notes_page", "Shown on the notes page"),
                        ],
                        max_length=20,
                    ),
                ),
                (
                    "mediator",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "provider",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="notes_policy_notices",
                        to="accounts.organisation",
                    ),
                ),
            ],
            options={
                "ordering": ["-told_at", "-id"],
            },
        ),
        migrations.CreateModel(
            name="PreMediationCall",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "call_with",
                    models.CharField(
                        choices=[
                            ("family", "The parent or young person"),
                            ("local_authority", "The local authority"),
                            ("health_commissioner", "The health commissioner"),
                            ("family_lawyer", "The family's lawyer"),
                        ],
                        max_length=30,
                        verbose_name="call with",
                    ),
                ),
                (
                    "introductions",
                    models.BooleanField(default=False, verbose_name="introductions made"),
                ),
                (
                    "view_of_disagreement",
                    models.BooleanField(
                        default=False, verbose_name="their view of the disagreement heard"
                    ),
                ),
                (
                    "who_will_attend",
                    models.BooleanField(default=False, verbose_name="who will attend discussed"),
                ),
                (
                    "authority",
                    models.BooleanField(
                        default=False, verbose_name="authority to settle discussed"
                    ),
                ),
                (
                    "reasonable_adjustments",
                    models.BooleanField(
                        default=False, verbose_name="reasonable adjustments discussed"
                    ),
                ),
                (
                    "adjustments_needed",
                    models.TextField(blank=True, verbose_name="adjustments they need"),
                ),
                (
                    "held_on",
                    models.DateField(blank=True, null=True, verbose_name="the day of the call"),
                ),
                (
                    "added_on",
                    models.DateField(verbose_name="the day the call was added to the checklist"),
                ),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
                (
                    "attendee",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="pre_mediation_calls",
                        to="mediation.mediationattendee",
                    ),
                ),
                (
                    "case",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="pre_mediation_calls",
                        to="mediation.mediationcase",
                    ),
                ),
            ],
            options={
                "ordering": ["id"],
            },
        ),
        migrations.CreateModel(
            name="RecordingRequest",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "requested_by",
                    models.CharField(
                        choices=[
                            ("family", "The parent or young person"),
                            ("local_authority", "The local authority"),
                            ("health_commissioner", "The health commissioner"),
                            ("none", "No party"),
                        ],
                        default="family",
                        max_length=30,
                        verbose_name="the party asking",
                    ),
                ),
                ("requested_on", models.DateField()),
                (
                    "reasonable_adjustment",
                    models.BooleanField(
                        default=False, verbose_name="asked for as a reasonable adjustment"
                    ),
                ),
                (
                    "adjustment_reason",
                    models.TextField(blank=True, verbose_name="why it is needed"),
                ),
                (
                    "other_party_consents",
                    models.BooleanField(default=False, verbose_name="the other party consents"),
                ),
                (
                    "mediator_approves",
                    models.BooleanField(default=False, verbose_name="the mediator approves"),
                ),
                ("purpose", models.TextField(blank=True, verbose_name="what the recording is for")),
                (
                    "who_may_access",
                    models.TextField(blank=True, verbose_name="who may listen to or see it"),
                ),
                (
                    "retention",
                    models.CharField(
                        blank=True, max_length=200, verbose_name="how long it is kept"
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("refused", "Refused"),
                            ("allowed", "Allowed as a reasonable adjustment"),
                        ],
                        default="refused",
                        max_length=10,
                    ),
                ),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
                (
                    "case",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="recording_requests",
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
            ],
            options={
                "ordering": ["requested_on", "id"],
            },
        ),
        migrations.CreateModel(
            name="SharedDocument",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("title", models.CharField(max_length=300)),
                ("document", models.FileField(blank=True, upload_to="mediation/%Y/%m/")),
                ("shared_on", models.DateField(verbose_name="the day it was shared")),
                (
                    "case",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="shared_documents",
                        to="mediation.mediationcase",
                    ),
                ),
                (
                    "shared_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "shared_with",
                    models.ManyToManyField(
                        blank=True,
                        related_name="documents_shared",
                        to="mediation.mediationattendee",
                    ),
                ),
            ],
            options={
                "ordering": ["shared_on", "id"],
            },
        ),
        migrations.CreateModel(
            name="AttendeeConsent",
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
                            ("none", "No party"),
                        ],
                        max_length=30,
                    ),
                ),
                (
                    "answer",
                    models.CharField(
                        choices=[("agrees", "Agrees"), ("objects", "Objects")], max_length=10
                    ),
                ),
                ("reason", models.TextField(blank=True, verbose_name="reason given")),
                ("recorded_on", models.DateField()),
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
                    "attendee",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="consents",
                        to="mediation.mediationattendee",
                    ),
                ),
            ],
            options={
                "ordering": ["id"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("attendee", "party"), name="mediation_one_consent_per_party"
                    )
                ],
            },
        ),
        migrations.AddIndex(
            model_name="mediationcase",
            index=models.Index(fields=["-updated_at", "-id"], name="mediation_case_updated"),
        ),
        migrations.AddIndex(
            model_name="mediationcase",
            index=models.Index(fields=["decision_notice_date"], name="mediation_case_notice"),
        ),
        migrations.AddConstraint(
            model_name="meetingconfirmation",
            constraint=models.UniqueConstraint(
                condition=models.Q(("kind", "confirmation")),
                fields=("meeting", "attendee"),
                name="mediation_one_confirmation_per_attendee",
            ),
        ),
        migrations.AddIndex(
            model_name="notespolicynotice",
            index=models.Index(
                fields=["provider", "mediator", "told_at"], name="mediation_n_provide_246f03_idx"
            ),
        ),
    ]
