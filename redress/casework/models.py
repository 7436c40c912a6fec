"""Children and young people, their families, and the dated steps of their statutory casework.

The statutory engine reads the dated steps (`CaseEvent` rows and advice requests) and its answer
is stored in `Deadline`, which dashboards and reminders read.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from redress.accounts.models import Organisation
from redress.audit.reads import record_read
from redress.core.catalogue import EVIDENCE_TAGS, KIND_LABELS
from redress.core.corrections import Correctable
from redress.core.status_words import STATUS_WORDS
from redress.statutory.engine import last_day_of_period, today_in_london
from redress.statutory.rules import FAMILY_ACTOR, FAMILY_WINDOW_RULES

# The child's columns copied on each of its deadline rows (decision 0207), and their fields.
OWNER_COLUMNS = ("local_authority_id", "caseworker_id", "team")
OWNER_FIELDS = frozenset(column.removesuffix("_id") for column in OWNER_COLUMNS)
# The open deadline rows professionals act on: the dashboard's rows (not met, a date to act by,
# not a note for information, not the family's own window).
PROFESSIONALS_OPEN_ROWS = models.Q(met_on__isnull=True, kind="by", informational=False) & ~models.Q(
    actor=FAMILY_ACTOR
)


class Child(models.Model):
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    date_of_birth = models.DateField()
    upn = models.CharField(
        "unique pupil number (UPN)", max_length=13, blank=True, help_text="Optional."
    )
    uln = models.CharField(
        "unique learner number (ULN)", max_length=10, blank=True, help_text="Optional."
    )
    local_authority = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="children",
        limit_choices_to={"kind": Organisation.Kind.LOCAL_AUTHORITY},
    )
    setting = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pupils",
        limit_choices_to={"kind": Organisation.Kind.SETTING},
        help_text="The school, college or early years setting the child attends now.",
    )
    team = models.CharField(max_length=100, blank=True)
    caseworker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="caseload",
    )
    young_person_views = models.TextField(
        "the young person's own views",
        blank=True,
        help_text="From 16, the young person takes decisions for themselves.",
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # When the child's next open deadline that professionals act on is due: the earliest row of
    # the deadline table's (kept by redress.casework.deadlines whenever it writes the child's
    # rows, decision 0203), so a caseload sorts by it from an index. Not recorded history.
    next_due = models.DateField(null=True, blank=True, editable=False)

    history = HistoricalRecords(excluded_fields=["next_due"])

    class Meta:
        ordering = ["last_name", "first_name", "id"]
        verbose_name_plural = "children and young people"
        indexes = [
            # The case list (an authority's children by name) and the dashboard's team choices.
            models.Index(
                fields=["local_authority", "last_name", "first_name", "id"],
                name="child_la_name",
            ),
            models.Index(fields=["local_authority", "team"], name="child_la_team"),
            # The case list's searches by date of birth, UPN and ULN within an authority.
            models.Index(fields=["local_authority", "date_of_birth"], name="child_la_born"),
            models.Index(fields=["local_authority", "upn"], name="child_la_upn"),
            models.Index(fields=["local_authority", "uln"], name="child_la_uln"),
            # "Your children" and the case list, soonest next deadline first.
            models.Index(fields=["caseworker", "next_due"], name="child_caseworker_next"),
            models.Index(fields=["local_authority", "next_due"], name="child_la_next"),
        ]
        permissions = [("view_any_child", "Can see every child's record")]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args: Any, **kwargs: Any) -> None:
        adding = self._state.adding
        # `next_due` is written by the recompute alone (decision 0203): saving a copy of the child
        # read before a recompute must not put back the date it read.
        if (
            not self._state.adding
            and kwargs.get("update_fields") is None
            and not kwargs.get("force_insert")
        ):
            kwargs["update_fields"] = [
                f.name
                for f in self._meta.concrete_fields
                if not f.primary_key and f.name != "next_due"
            ]
        super().save(*args, **kwargs)
        fields = kwargs.get("update_fields")
        if not adding and (fields is None or not OWNER_FIELDS.isdisjoint(fields)):
            self.deadlines_follow_owner()

    def deadlines_follow_owner(self) -> int:
        """Bring the copies of the child's authority, caseworker and team on the child's
        deadline rows up to date (decision 0207); how many rows changed."""
        owner = self.owner_copies()
        return self.deadlines.exclude(**owner).update(**owner)

    def owner_copies(self) -> dict[str, Any]:
        """What each of the child's deadline rows copies from the child (decision 0207)."""
        return {column: getattr(self, column) for column in OWNER_COLUMNS}

    @property
    def full_name(self) -> str:
        # Showing the name is a read of the child's record: a page that names the child (a list,
        # a board, a search result) is audited (redress/audit/reads.py).
        record_read(self, summary="Saw the child named on a page")
        return f"{self.first_name} {self.last_name}"

    def age_on(self, day: date) -> int:
        """Age in whole years on a day (a birthday, not a statutory period)."""
        before_birthday = (day.month, day.day) < (self.date_of_birth.month, self.date_of_birth.day)
        return day.year - self.date_of_birth.year - int(before_birthday)


class FamilyMember(models.Model):
    class Relationship(models.TextChoices):
        PARENT = "parent", "Parent"
        CARER = "carer", "Carer"
        YOUNG_PERSON = "young_person", "The young person"
        OTHER = "other", "Other"

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="family")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="family_links",
        help_text="The person's sign-in, if they have one.",
    )
    name = models.CharField(max_length=200)
    relationship = models.CharField(max_length=20, choices=Relationship.choices)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    address = models.TextField(blank=True)
    interpreter_language = models.CharField(
        max_length=60, blank=True, help_text="Leave empty when no interpreter is needed."
    )
    accessible_format = models.CharField(
        max_length=100, blank=True, help_text="For example large print, Braille or Easy Read."
    )

    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"{self.name} ({self.get_relationship_display()} of {self.child})"


class Consent(models.Model):
    """A family's consent for a supporter (for example SENDIASS) to see and help with the case."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="consents")
    given_by = models.ForeignKey(FamilyMember, on_delete=models.CASCADE, related_name="consents")
    supporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consents_received"
    )
    supporter_organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    scope = models.CharField(max_length=200, default="See the case and help with it")
    given_on = models.DateField()
    withdrawn_on = models.DateField(null=True, blank=True)

    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Consent for {self.supporter} on {self.child}"


class CaseEventQuerySet(models.QuerySet["CaseEvent"]):
    def standing(self) -> CaseEventQuerySet:
        """The steps that count: every one not withdrawn as recorded in error (decision 0100)."""
        return self.filter(withdrawn_at__isnull=True)


class CaseEvent(Correctable):
    """A dated step of the statutory process, in the engine's own event vocabulary.

    A wrong step is corrected or withdrawn, never deleted (decision 0100): a withdrawn step stays
    on the case page and the engine no longer counts it."""

    class Type(models.TextChoices):
        ASSESSMENT_REQUESTED = "assessment_requested", "Request for an EHC needs assessment"
        ASSESSMENT_DECISION = "assessment_decision", "Decision whether to assess"
        PLAN_DECISION = "plan_decision", "Decision whether to issue a plan"
        DRAFT_PLAN_ISSUED = "draft_plan_issued", "Draft plan issued"
        FINAL_PLAN_ISSUED = "final_plan_issued", "Final plan issued"
        EXCEPTION_RECORDED = "exception_recorded", "Exception to a time limit"
        PLAN_TRANSFERRED_IN = "plan_transferred_in", "Plan transferred from another authority"
        TRANSFER_NOTICE_SENT = "transfer_notice_sent", "Family told of the transfer"
        REASSESSMENT_REQUESTED = "reassessment_requested", "Request for a re-assessment"
        REASSESSMENT_DECISION = "reassessment_decision", "Decision whether to re-assess"
        REASSESSMENT_NO_CHANGE = (
            "reassessment_no_change",
            "Decision after a re-assessment not to amend the plan",
        )

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="events")
    type = models.CharField(max_length=40, choices=Type.choices)
    date = models.DateField()
    details = models.JSONField(
        default=dict, blank=True, help_text="The engine's fields for this event type, and more."
    )
    reasons = models.TextField(blank=True)
    # Empty for a step brought in from another system, which a correction must still accept.
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = CaseEventQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["date", "id"]

    def __str__(self) -> str:
        return f"{self.get_type_display()} on {self.date:%d %B %Y}"


class AdviceRequestQuerySet(models.QuerySet["AdviceRequest"]):
    def standing(self) -> AdviceRequestQuerySet:
        """The requests that count: every one not withdrawn as made in error (decision 0100)."""
        return self.filter(withdrawn_at__isnull=True)


class AdviceRequest(Correctable):
    """A request for advice and information for an EHC needs assessment (reg 6, reg 8).

    Corrected or withdrawn like a case step (decision 0100), never deleted."""

    class AdviceType(models.TextChoices):
        HEALTH = "health", "Health"
        SOCIAL_CARE = "social_care", "Social care"
        EDUCATIONAL = "educational", "Educational"
        PSYCHOLOGICAL = "psychological", "Psychological"
        PARENT = "parent", "Parent or young person"
        OTHER = "other", "Other"

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="advice_requests")
    ref = models.CharField(max_length=40, editable=False)
    advice_type = models.CharField(max_length=20, choices=AdviceType.choices)
    recipient_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="advice_requests_received"
    )
    recipient_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="advice_requests",
    )
    commissioned_by = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="advice_commissioned",
        help_text="Who asked for, and pays for, this advice.",
    )
    date_sent = models.DateField()
    date_received = models.DateField(null=True, blank=True)
    document = models.FileField(upload_to="advice/%Y/%m/", blank=True)
    # The advice giver's declared relationships, so a decision can weigh their independence.
    employed_by_setting = models.BooleanField(
        "employed or contracted by the child's school or setting", default=False
    )
    paid_by = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who pays the advice giver, if not the commissioner.",
    )
    would_deliver_provision = models.BooleanField(
        "the advice giver or their organisation would deliver the provision", default=False
    )
    relationship_notes = models.TextField(blank=True)
    # Why the person was asked although they had declared a conflict with this child or their
    # setting (the register, `DeclaredConflict`): shown where the advice is weighed.
    conflict_reason = models.TextField(
        "why they were asked despite a declared conflict", blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = AdviceRequestQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["date_sent", "id"]
        constraints = [
            models.UniqueConstraint(fields=["child", "ref"], name="advice_ref_unique_per_child")
        ]

    def __str__(self) -> str:
        return f"{self.get_advice_type_display()} advice from {self.recipient_organisation}"


class Provision(models.Model):
    """Provision that someone provides, or is proposed to provide, for the child."""

    class Status(models.TextChoices):
        CURRENT = "current", "Provides now"
        PROPOSED = "proposed", "Proposed"

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="provisions")
    description = models.CharField(max_length=200)
    provider_organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    provider_person = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.CURRENT)

    history = HistoricalRecords()

    def __str__(self) -> str:
        return self.description


class DeclaredConflictQuerySet(models.QuerySet["DeclaredConflict"]):
    def standing(self) -> DeclaredConflictQuerySet:
        """Declarations in force: every one not withdrawn as recorded in error."""
        return self.filter(withdrawn_at__isnull=True)


class DeclaredConflict(Correctable):
    """An advice giver's declared conflict of interest, in a local authority's register.

    With a child (a relative, a private client), or with an organisation (a school they govern,
    a provider they own): either may make their advice on a child less independent. Corrected or
    withdrawn with a reason, never deleted (decision 0100)."""

    local_authority = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="declared_conflicts",
        limit_choices_to={"kind": Organisation.Kind.LOCAL_AUTHORITY},
    )
    adviser = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="declared_conflicts"
    )
    child = models.ForeignKey(
        Child, null=True, blank=True, on_delete=models.PROTECT, related_name="declared_conflicts"
    )
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    description = models.TextField("the conflict, as declared", max_length=2000)
    declared_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = DeclaredConflictQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-declared_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(child__isnull=False) | models.Q(organisation__isnull=False),
                name="declared_conflict_with_someone",
            )
        ]

    def __str__(self) -> str:
        return f"Declared conflict of {self.adviser_id} on {self.declared_on:%d %B %Y}"


class AdviceWeighing(models.Model):
    """How a decision weighed one piece of advice, given the advice giver's relationships."""

    decision = models.ForeignKey(CaseEvent, on_delete=models.CASCADE, related_name="weighings")
    advice_request = models.ForeignKey(
        AdviceRequest, on_delete=models.CASCADE, related_name="weighings"
    )
    how_weighed = models.TextField()

    def __str__(self) -> str:
        return f"How {self.advice_request} was weighed"


# Statuses that change only because days pass: an open deadline is pending until its due date
# and overdue from the day after (deadline-engine.md §3). They are worked out again whenever a
# row is read, so a night without the recompute never shows yesterday's answer.
_OPEN_STATUSES = ("pending", "overdue")


def current_status(kind: str, status: str, due: date, today: date) -> str:
    """The stored status, with pending and overdue decided by today's date."""
    if status in _OPEN_STATUSES and kind != "not_before":
        return "pending" if due >= today else "overdue"
    return status


class DeadlineQuerySet(models.QuerySet["Deadline"]):
    def overdue_on(self, today: date) -> DeadlineQuerySet:
        """The rows `current_status()` calls overdue on `today`."""
        return self.filter(status__in=_OPEN_STATUSES, due__lt=today).exclude(kind="not_before")

    def with_current_status(self, today: date) -> DeadlineQuerySet:
        """Annotate `current_status`: `current_status()` in SQL, for filters and counts."""
        return self.annotate(
            current_status=models.Case(
                models.When(
                    models.Q(status__in=_OPEN_STATUSES) & ~models.Q(kind="not_before"),
                    then=models.Case(
                        models.When(due__gte=today, then=models.Value("pending")),
                        default=models.Value("overdue"),
                    ),
                ),
                default=models.F("status"),
                output_field=models.CharField(),
            )
        )


class DeadlineKind(models.TextChoices):
    """The engine's `kind` (deadline contract §3), labelled as `/rules/` labels it."""

    BY = "by", KIND_LABELS["by"]
    NOT_BEFORE = "not_before", KIND_LABELS["not_before"]


class DeadlineStatus(models.TextChoices):
    """The engine's statuses, labelled with the one word each page uses (decision 0124)."""

    MET = "met", STATUS_WORDS["met"]
    OK = "ok", STATUS_WORDS["ok"]
    LATE = "late", STATUS_WORDS["late"]
    EXCEPTED = "excepted", STATUS_WORDS["excepted"]
    OVERDUE = "overdue", STATUS_WORDS["overdue"]
    PENDING = "pending", STATUS_WORDS["pending"]
    BREACHED = "breached", STATUS_WORDS["breached"]


class Evidence(models.TextChoices):
    """How a rule's figure was checked (the rule catalogue's `evidence`), as `/rules/` says."""

    PRIMARY = "primary", EVIDENCE_TAGS["primary"][0]
    SECONDARY = "secondary", EVIDENCE_TAGS["secondary"][0]
    UNVERIFIED = "unverified", EVIDENCE_TAGS["unverified"][0]


class Deadline(models.Model):
    """A deadline as the statutory engine last computed it (the materialised table).

    `status` on a loaded row is current: pending versus overdue is decided by today's date in
    Europe/London as the row is read (`from_db`), not by the date of the last recompute.
    """

    # No index of its own: `deadline_child_due` starts with the child. A second index on the
    # child alone cost every write of the table and led PostgreSQL to read each child's whole
    # set of rows where the open rows' index answers (decision 0205).
    child = models.ForeignKey(
        Child, on_delete=models.CASCADE, related_name="deadlines", db_index=False
    )
    rule = models.CharField(max_length=60, db_index=True)
    ref = models.CharField(max_length=60, blank=True)
    kind = models.CharField(max_length=12, choices=DeadlineKind.choices)
    due = models.DateField(db_index=True)
    status = models.CharField(max_length=10, db_index=True, choices=DeadlineStatus.choices)
    met_on = models.DateField(null=True, blank=True)
    actor = models.CharField(max_length=40)
    citation = models.CharField(max_length=200)
    evidence = models.CharField(max_length=12, choices=Evidence.choices)
    explanation = models.TextField()
    # The event that started the clock, so "why is this due" can be traced from the row.
    start_event = models.CharField(max_length=40, blank=True)
    start_date = models.DateField(null=True, blank=True)
    title = models.CharField(max_length=200)
    informational = models.BooleanField(default=False)
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The organisation that must act, where Redress knows it.",
    )
    computed_at = models.DateTimeField(auto_now=True)
    # Copies of the child's authority, caseworker and team (decision 0207), written with the
    # row and kept by `Child.save`: a caseload's open rows are read from the indexes below in
    # due order, instead of child by child through the child table.
    local_authority = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    caseworker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    team = models.CharField(max_length=100, blank=True)

    objects = DeadlineQuerySet.as_manager()

    class Meta:
        ordering = ["due", "rule", "ref"]
        indexes = [
            models.Index(fields=["status", "due"]),
            # A child's rows (case page, recompute) in due order.
            models.Index(fields=["child", "due"], name="deadline_child_due"),
            # The dashboard's sections: open deadlines professionals act on, by due date. It
            # carries what the counts and the annual reviews' section filter on, so a range of
            # due dates is counted from the index alone (decision 0194).
            models.Index(
                fields=["due", "child"],
                name="deadline_open_due_cover",
                condition=models.Q(met_on__isnull=True, kind="by", informational=False),
                include=["status", "actor", "organisation", "rule"],
            ),
            # The same open rows by child: a caseload's (or an authority's) open deadlines are
            # read child by child, so the work grows with the caseload, not with the country. It
            # carries what the dashboard's counts and filter choices read (decision 0181).
            models.Index(
                fields=["child", "due"],
                name="deadline_open_child",
                condition=models.Q(met_on__isnull=True, kind="by", informational=False),
                include=["organisation", "status", "actor"],
            ),
            # A caseworker's and an authority's open rows in due order (the dashboard's "my
            # caseload" and "the authority"): a page of a section reads its 50 rows and stops,
            # and a section is counted from the index alone (decision 0207).
            # The family's own windows are left out: they are most of the open rows, and no
            # professional's list shows them.
            models.Index(
                fields=["caseworker", "due"],
                name="deadline_open_caseworker",
                condition=PROFESSIONALS_OPEN_ROWS,
                include=["local_authority", "status", "organisation", "rule"],
            ),
            models.Index(
                fields=["local_authority", "due"],
                name="deadline_open_authority",
                condition=PROFESSIONALS_OPEN_ROWS,
                include=["team", "status", "organisation", "rule"],
            ),
            # An authority's deadlines done, by rule and the day done: the performance report
            # counts them by day from the index alone, not by reading the country's rows.
            models.Index(
                fields=["local_authority", "rule", "met_on"],
                name="deadline_done_authority",
                condition=models.Q(met_on__isnull=False),
                include=["status", "kind"],
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rule} due {self.due}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # A row written one at a time (a correction, a test) copies its child's owner too.
        if self.local_authority_id is None and self.child_id is not None:
            for name, value in self.child.owner_copies().items():
                setattr(self, name, value)
        super().save(*args, **kwargs)

    @classmethod
    def from_db(cls, db: Any, field_names: Any, values: Any) -> Deadline:
        row = super().from_db(db, field_names, values)
        loaded = row.__dict__
        if "status" in loaded and "due" in loaded and "kind" in loaded:
            row.status = current_status(row.kind, row.status, row.due, today_in_london())
        return row

    @property
    def is_open(self) -> bool:
        return self.met_on is None and self.kind == "by"

    @property
    def family_last_day(self) -> date | None:
        """The last day of a family's time to comment (the draft plan's 15 days, the proposed
        amendments' 15 days), else None.

        The engine's row for such a period is `not_before`: its due date is the first day the
        authority may act, so the family's period ends the day before (the 15 days begin with
        the day of service: service + 14, and the plan may be finalised from service + 15).
        The engine says how (`last_day_of_period`); views, reminders and the calendar ask
        the row."""
        if self.kind != "not_before" or self.rule not in FAMILY_WINDOW_RULES:
            return None
        return last_day_of_period(self.due)

    @property
    def family_day(self) -> date:
        """The day a family is shown for this row: their last day to comment, else the due."""
        return self.family_last_day or self.due

    def family_day_passed(self, today: date | None = None) -> bool:
        """Whether the family's day is over (the last day to comment was before today)."""
        return self.family_day < (today or today_in_london())

    @property
    def family_day_over(self) -> bool:
        return self.family_day_passed()


class CaseAllocation(models.Model):
    """A child allocated to a caseworker: who allocated them, from whom, when and why.

    Kept as its own record (not only `Child.history`) so the case page and an audit answer
    "who had this case, and who decided" without reading every change to the child's details;
    rows are only ever added (docs/decisions/0115-case-allocations.md)."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="allocations")
    caseworker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Empty when the child was left without a caseworker.",
    )
    previous_caseworker = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    allocated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    allocated_at = models.DateTimeField(auto_now_add=True)
    reason = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-allocated_at", "-id"]
        indexes = [
            models.Index(fields=["child", "-allocated_at"], name="allocation_child_when"),
        ]

    def __str__(self) -> str:
        return f"{self.child_id} allocated to {self.caseworker_id}"
