"""The squashed migrations (docs/decisions/0189): a fresh database gets the rows the app needs,
and a database migrated with the migrations they replaced has nothing left to apply."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

from redress.guidance.models import Step
from redress.notifications.models import ReminderRule

#: Every Redress migration before the squash, as a database migrated then has them recorded.
BEFORE_THE_SQUASH: dict[str, list[str]] = {
    "accounts": [
        "0001_initial",
        "0002_organisation_chase_advice_after_weeks_and_more",
    ],
    "agreements": [
        "0001_initial",
        "0002_action_owner_undo_and_rates",
        "0003_steps_corrected_or_withdrawn",
    ],
    "api": [
        "0001_api_tokens",
    ],
    "appeals": [
        "0001_initial",
        "0002_appeal_decision_ref",
        "0003_give_appeals_their_decision_refs",
        "0004_steps_corrected_or_withdrawn",
        "0005_compliance_steps_and_directions_corrected",
        "0006_recommendation_response_document",
    ],
    "audit": [
        "0001_initial",
        "0002_more_actions",
        "0003_confidential_rows_and_page",
    ],
    "bankholidays": [
        "0001_initial",
    ],
    "casefile": [
        "0001_case_notes_and_contacts",
        "0002_notes_go_with_the_child_at_retention",
        "0003_case_documents",
        "0004_casedocument_advice_request_and_more",
        "0005_case_messages",
    ],
    "casework": [
        "0001_initial",
        "0002_transfer_and_reassessment_steps",
        "0003_indexes_for_paged_lists",
        "0004_case_allocations_and_search_indexes",
        "0005_steps_corrected_or_withdrawn",
        "0006_declared_conflicts_register",
        "0007_deadline_start_event_and_choices",
        "0008_deadline_open_child_index",
    ],
    "documents": [
        "0001_sent_letters",
    ],
    "family": [
        "0001_initial",
        "0002_invitations_and_answered_requests",
        "0003_historicaldraftplancomment_draftplancomment",
        "0004_draft_comment_about_amendments",
    ],
    "guidance": [
        "0001_initial",
        "0002_search_steps_editors",
        "0003_digest_delivery",
        "0004_answer_provenance",
    ],
    "imports": [
        "0001_imported_records",
        "0002_imported_row",
    ],
    "mediation": [
        "0001_initial",
        "0002_steps_attendees_meetings",
        "0003_recording_decided_by_optional",
        "0004_case_decision_ref",
        "0005_give_cases_their_decision_refs",
        "0006_notes_belong_to_their_author",
        "0007_meeting_day_and_certificate_sending",
        "0008_steps_corrected_or_withdrawn",
        "0009_mediationcase_mediation_case_updated_and_more",
    ],
    "notifications": [
        "0001_initial",
        "0002_default_reminder_rules",
        "0003_rule_choices_from_catalogue",
        "0004_text_messages",
    ],
    "plans": [
        "0001_initial",
        "0002_review_meeting_and_cessation_appeal",
        "0003_decisions_not_to_amend_and_post16_moves",
        "0004_steps_corrected_or_withdrawn",
        "0005_section_i_preference_and_consultations",
        "0006_amendment_made_for_a_phase_transfer",
        "0007_cessation_ground_and_personal_budget",
        "0008_review_attendance_documents_views_progress_and_direct_payment_reviews",
        "0009_phase_transfer_first_middle_and_move_date_help",
    ],
    "reports": [
        "0001_initial",
        "0002_national_statistics_batches",
    ],
    "sen2": [
        "0001_sen2_items",
        "0002_request_source",
        "0003_transfer_in",
        "0004_request_in_youth_accommodation",
    ],
}


@pytest.fixture
def migrated(request: pytest.FixtureRequest, db: None) -> None:
    if request.config.getoption("nomigrations", default=False):
        pytest.skip("--no-migrations runs no migrations")


def test_a_fresh_database_has_the_reminder_lead_times(migrated: None) -> None:
    lead_days = dict(ReminderRule.objects.values_list("rule", "lead_days"))
    assert lead_days["*"] == 7
    assert lead_days["plan.final"] == 14
    assert lead_days["advice.response"] == 10


def test_a_fresh_database_has_the_guidance_steps_and_editors(migrated: None) -> None:
    assert Step.objects.filter(slug="mediation.attendees").exists()
    assert Step.objects.count() == 15
    editors = Group.objects.get(name="Guidance editors")
    codenames = set(editors.permissions.values_list("codename", flat=True))
    assert {"publish_answer", "change_answer", "view_subscriber"} <= codenames
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM guidance_search")
            assert cursor.fetchone() == (0,)


def test_a_database_migrated_before_the_squash_has_nothing_to_apply(
    monkeypatch: pytest.MonkeyPatch, migrated: None
) -> None:
    recorded = {(app, name) for app, names in BEFORE_THE_SQUASH.items() for name in names}
    monkeypatch.setattr(
        MigrationRecorder, "applied_migrations", lambda self: dict.fromkeys(recorded)
    )
    loader = MigrationLoader(connection)
    squashed = [(app, "0001_initial") for app in BEFORE_THE_SQUASH] + [
        ("guidance", "0002_search_steps_editors"),
        ("notifications", "0002_default_reminder_rules"),
    ]
    assert all(key in loader.graph.nodes for key in squashed)
    assert [key for key in squashed if key not in loader.applied_migrations] == []
