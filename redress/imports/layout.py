"""The documented layout of a caseload folder: which files, in which order, and their columns.

docs/import.md and the administrator's page are written from this table."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    name: str
    required: bool
    meaning: str
    example: str


@dataclass(frozen=True)
class FileLayout:
    name: str  # the file is NAME.csv
    kind: str  # what each row becomes
    title: str
    columns: tuple[Column, ...]

    @property
    def file_name(self) -> str:
        return f"{self.name}.csv"

    @property
    def required(self) -> list[str]:
        return [c.name for c in self.columns if c.required]


ORGANISATION_KINDS = (
    "setting",
    "health_commissioner",
    "social_care",
    "independent_practice",
    "mediation_provider",
    "sendiass",
)
EVENT_TYPES = (
    "assessment_requested",
    "assessment_decision",
    "plan_decision",
    "draft_plan_issued",
    "final_plan_issued",
)

FILES: tuple[FileLayout, ...] = (
    FileLayout(
        "settings",
        "organisation",
        "Schools, colleges and other organisations",
        (
            Column("setting_id", True, "The source system's id for the organisation", "S-17"),
            Column("name", True, "Its name", "Hill Primary School"),
            Column(
                "kind",
                False,
                "One of " + ", ".join(ORGANISATION_KINDS) + "; empty means setting",
                "setting",
            ),
            Column("email", False, "Contact email", "office@hill.example"),
            Column("phone", False, "Contact phone", "01632 960001"),
            Column("address", False, "Postal address", "1 Hill Road, Northwick"),
        ),
    ),
    FileLayout(
        "children",
        "child",
        "Children and young people",
        (
            Column("child_id", True, "The source system's id for the child", "C-1001"),
            Column("first_name", True, "First name", "Ada"),
            Column("last_name", True, "Last name", "Able"),
            Column("date_of_birth", True, "Date of birth, YYYY-MM-DD", "2016-05-17"),
            Column("upn", False, "Unique pupil number", "A801200100003"),
            Column("uln", False, "Unique learner number", "1234567890"),
            Column("setting_id", False, "The setting attended now (an id in settings.csv)", "S-17"),
            Column("team", False, "The casework team", "North"),
        ),
    ),
    FileLayout(
        "family_members",
        "family_member",
        "Parents, carers and young people",
        (
            Column("member_id", True, "The source system's id for the person", "F-1"),
            Column("child_id", True, "The child (an id in children.csv)", "C-1001"),
            Column("name", True, "Full name", "Grace Able"),
            Column(
                "relationship",
                True,
                "parent, carer, young_person or other",
                "parent",
            ),
            Column("email", False, "Email", "grace@example.com"),
            Column("phone", False, "Phone", "07700 900001"),
            Column("address", False, "Postal address", "2 Elm Street, Northwick"),
        ),
    ),
    FileLayout(
        "requests",
        "case_event",
        "Requests for assessment and decisions, with their dates",
        (
            Column("event_id", True, "The source system's id for the step", "E-1"),
            Column("child_id", True, "The child (an id in children.csv)", "C-1001"),
            Column("type", True, "One of " + ", ".join(EVENT_TYPES), "assessment_requested"),
            Column("date", True, "The day of the step, YYYY-MM-DD", "2026-02-02"),
            Column(
                "decision",
                False,
                "assess or not_assess (assessment_decision); issue or not_issue (plan_decision)",
                "assess",
            ),
        ),
    ),
    FileLayout(
        "plans",
        "plan",
        "EHC plans with their issue and review dates",
        (
            Column("plan_id", True, "The source system's id for the plan", "P-1"),
            Column("child_id", True, "The child (an id in children.csv)", "C-1001"),
            Column("draft_issued_on", False, "Draft plan served, YYYY-MM-DD", "2026-05-18"),
            Column("issued_on", False, "Final plan issued, YYYY-MM-DD", "2026-06-15"),
            Column(
                "setting_id", False, "The placement in section I (an id in settings.csv)", "S-17"
            ),
            Column(
                "institution_type",
                True,
                "Type of school or institution",
                "maintained primary school",
            ),
            Column(
                "review_meeting_on", False, "Last annual review meeting, YYYY-MM-DD", "2027-05-10"
            ),
            Column(
                "review_decision_on", False, "Decision after that review, YYYY-MM-DD", "2027-05-20"
            ),
            Column("review_decision", False, "maintain, amend or cease", "maintain"),
        ),
    ),
    FileLayout(
        "advice_requests",
        "advice_request",
        "Requests for advice and information",
        (
            Column("advice_id", True, "The source system's id for the request", "A-1"),
            Column("child_id", True, "The child (an id in children.csv)", "C-1001"),
            Column(
                "advice_type",
                True,
                "health, social_care, educational, psychological, parent or other",
                "health",
            ),
            Column("recipient_id", True, "Who was asked (an id in settings.csv)", "ICB-1"),
            Column("date_sent", True, "Sent, YYYY-MM-DD", "2026-03-03"),
            Column("date_received", False, "Received, YYYY-MM-DD", "2026-04-01"),
        ),
    ),
)

FILES = (
    *FILES,
    FileLayout(
        "mediation",
        "mediation_case",
        "Mediation history",
        (
            Column("mediation_id", True, "The source system's id for the mediation case", "M-1"),
            Column("child_id", True, "The child (an id in children.csv)", "C-1002"),
            Column("provider_id", True, "The mediation provider (an id in settings.csv)", "MP-1"),
            Column(
                "decision",
                True,
                "The decision in dispute: not_assess, not_issue, plan_contents, amended_plan, "
                "not_amend, not_reassess or cease",
                "not_assess",
            ),
            Column(
                "decision_notice_date", True, "The decision notice's date, YYYY-MM-DD", "2026-10-05"
            ),
            Column("adviser_contacted_on", False, "The family contacted the adviser", "2026-10-12"),
            Column("family_choice", False, "wishes or declined", "wishes"),
            Column("held_on", False, "Mediation meeting held, YYYY-MM-DD", "2026-11-02"),
            Column("outcome", False, "agreement, partial or no_agreement", "no_agreement"),
        ),
    ),
    FileLayout(
        "appeals",
        "appeal",
        "Tribunal appeal history",
        (
            Column("appeal_id", True, "The source system's id for the appeal", "T-1"),
            Column("child_id", True, "The child (an id in children.csv)", "C-1002"),
            Column(
                "decision",
                True,
                "The decision appealed: not_assess, not_issue, plan_contents, amended_plan, "
                "not_reassess, not_amend or cease",
                "not_assess",
            ),
            Column(
                "decision_notice_date", True, "The decision letter's date, YYYY-MM-DD", "2026-10-05"
            ),
            Column("lodged_on", True, "Lodged with the Tribunal, YYYY-MM-DD", "2026-11-20"),
            Column("tribunal_reference", False, "The Tribunal's reference", "EH123/26/00001"),
            Column("hearing_on", False, "Hearing date, YYYY-MM-DD", ""),
            Column(
                "outcome",
                False,
                "upheld, partly_upheld, dismissed, unopposed, consent_order, withdrawn or "
                "struck_out",
                "",
            ),
            Column("outcome_on", False, "The day of the decision or withdrawal", ""),
        ),
    ),
)

BY_NAME = {f.name: f for f in FILES}
MAX_BYTES = 20 * 1024 * 1024
