"""The migrations, on a database `redress migrate` migrated in its own process (`migrated_sqlite`):
a fresh database gets the rows the app needs (docs/decisions/0189); a database migrated with the
migrations the squash replaced has nothing left to apply; and the test database, built from the
models with the data migrations' rows written after (docs/decisions/0195), is the same database
a migration makes."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.test import override_settings

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
def migrated(migrated_sqlite: Path) -> Iterator[sqlite3.Connection]:
    database = sqlite3.connect(f"file:{migrated_sqlite}?mode=ro", uri=True)
    try:
        yield database
    finally:
        database.close()


def _rows(database: sqlite3.Connection, sql: str) -> list[tuple[object, ...]]:
    return sorted(database.execute(sql).fetchall())


SEEDED = {
    "reminder lead times": (
        "SELECT rule, lead_days, escalate_after_days FROM notifications_reminderrule"
    ),
    "guidance steps": "SELECT slug, name FROM guidance_step",
    "groups": "SELECT name FROM auth_group",
    "group permissions": (
        "SELECT g.name, ct.app_label, p.codename FROM auth_group_permissions gp"
        " JOIN auth_group g ON g.id = gp.group_id JOIN auth_permission p ON p.id = gp.permission_id"
        " JOIN django_content_type ct ON ct.id = p.content_type_id"
    ),
    "permissions": (
        "SELECT ct.app_label, ct.model, p.codename FROM auth_permission p"
        " JOIN django_content_type ct ON ct.id = p.content_type_id"
    ),
}


def test_a_fresh_database_has_the_reminder_lead_times(migrated: sqlite3.Connection) -> None:
    lead_days = dict(_rows(migrated, "SELECT rule, lead_days FROM notifications_reminderrule"))
    assert lead_days["*"] == 7
    assert lead_days["plan.final"] == 14
    assert lead_days["advice.response"] == 10


def test_a_fresh_database_has_the_guidance_steps_and_editors(
    migrated: sqlite3.Connection,
) -> None:
    steps = dict(_rows(migrated, "SELECT slug, name FROM guidance_step"))
    assert "mediation.attendees" in steps and len(steps) == 15
    codenames = {
        codename
        for name, _app, codename in _rows(migrated, SEEDED["group permissions"])
        if name == "Guidance editors"
    }
    assert {"publish_answer", "change_answer", "view_subscriber"} <= codenames
    assert migrated.execute("SELECT count(*) FROM guidance_search").fetchone() == (0,)


def test_a_database_migrated_before_the_squash_has_nothing_to_apply(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    recorded = {(app, name) for app, names in BEFORE_THE_SQUASH.items() for name in names}
    monkeypatch.setattr(
        MigrationRecorder, "applied_migrations", lambda self: dict.fromkeys(recorded)
    )
    # The test settings switch migrations off (--no-migrations); the loader reads them anyway.
    with override_settings(MIGRATION_MODULES={}):
        loader = MigrationLoader(connection)
    squashed = [(app, "0001_initial") for app in BEFORE_THE_SQUASH] + [
        ("guidance", "0002_search_steps_editors"),
        ("notifications", "0002_default_reminder_rules"),
    ]
    assert all(key in loader.graph.nodes for key in squashed)
    assert [key for key in squashed if key not in loader.applied_migrations] == []


# -- The test database is the database the migrations make --------------------------------


def _schema(rows: list[tuple[object, ...]]) -> dict[str, set[str]]:
    tables: dict[str, set[str]] = {}
    for table, column in rows:
        tables.setdefault(str(table), set()).add(str(column))
    return tables


SCHEMA = (
    "SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p"
    " WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name != 'django_migrations'"
)
INDEXES = (
    "SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_autoindex_%'"
)


@pytest.mark.django_db
def test_the_test_database_has_the_migrated_tables_columns_and_indexes(
    migrated: sqlite3.Connection,
) -> None:
    if connection.vendor != "sqlite":
        pytest.skip("the migrated database to compare with is SQLite")
    with connection.cursor() as cursor:
        cursor.execute(SCHEMA)
        tables = _schema(cursor.fetchall())
        cursor.execute(INDEXES)
        indexes = {name for (name,) in cursor.fetchall()}
    migrated_tables = _schema(_rows(migrated, SCHEMA))
    assert sorted(set(tables) ^ set(migrated_tables)) == []
    assert {t: c ^ migrated_tables[t] for t, c in tables.items() if c != migrated_tables[t]} == {}
    assert sorted(indexes ^ {name for (name,) in _rows(migrated, INDEXES)}) == []


@pytest.mark.django_db
@pytest.mark.parametrize("what", sorted(SEEDED))
def test_the_test_database_holds_the_rows_the_migrations_write(
    migrated: sqlite3.Connection, what: str
) -> None:
    with connection.cursor() as cursor:
        cursor.execute(SEEDED[what])
        rows = sorted(cursor.fetchall())
    assert rows == _rows(migrated, SEEDED[what])


def test_every_data_migration_is_written_for_the_test_database() -> None:
    """A data migration added later must be added to SEEDED_BY_MIGRATIONS too."""
    from redress.conftest import SEEDED_BY_MIGRATIONS

    with override_settings(MIGRATION_MODULES={}):
        loader = MigrationLoader(None, ignore_no_migrations=True)
    data = {
        (migration.__module__, operation.code.__name__)
        for migration in loader.disk_migrations.values()
        if migration.__module__.startswith("redress.")
        for operation in migration.operations
        if type(operation).__name__ in {"RunPython", "RunSQL"}
    }
    seeded = {(module, name) for module, names in SEEDED_BY_MIGRATIONS for name in names}
    # editors_forwards makes the permissions (as migrate's own step does after migrating), then
    # calls add_editors_group.
    seeded.add(("redress.guidance.migrations.0002_search_steps_editors", "editors_forwards"))
    assert sorted(data - seeded) == []
