"""EHC plans (sections A to K, provision, outcomes, placement, appendices), their versions,
annual reviews, phase transfers and cessation.

Dated steps here (a plan's issue, a review meeting, a decision, an amendment notice, a phase
transfer, a cessation notice) feed the statutory engine through `redress.plans.events`; the due
dates are read back from `redress.casework.models.Deadline`, never computed here.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from redress.accounts.models import Organisation
from redress.casework.models import AdviceRequest, Child
from redress.core.corrections import Correctable
from redress.plans.legal import CessationGround
from redress.plans.sections import PROVISION_SECTIONS, SECTIONS

SECTION_CHOICES = [(s.code, f"Section {s.code}") for s in SECTIONS]
PROVISION_CHOICES = [(c, f"Section {c}") for c in PROVISION_SECTIONS]


class Plan(Correctable):
    """One version of a child's EHC plan. An amendment is a new version that supersedes one.

    Its issue dates are corrected on the version; a version recorded in error is withdrawn as a
    whole, and then none of its steps counts (decision 0100)."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        FINAL = "final", "Final"
        AMENDED = "amended", "Amended (final)"
        CEASED = "ceased", "Ceased"
        LAPSED = "lapsed", "Lapsed (the plan it amended ceased)"
        NOT_AMENDED = "not_made", "Not made (the authority decided not to amend)"

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="plans")
    version_number = models.PositiveIntegerField(default=1)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    # A version can be the subject of more than one proposed amendment: one the authority
    # decided not to make (reg 22(4)) and a later one that was made.
    supersedes = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="superseded_by",
        help_text="The version this one amends.",
    )
    review = models.ForeignKey(
        "ReviewCycle",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="amended_plans",
        help_text="The review whose decision to amend this version carries out, if any.",
    )
    draft_issued_on = models.DateField(
        null=True,
        blank=True,
        help_text="A first plan: the day the draft was served. An amended version: the day the "
        "amendment notice with the proposed amendments was issued.",
    )
    issued_on = models.DateField(
        null=True, blank=True, help_text="The day the final (or amended final) plan was issued."
    )
    not_amended_on = models.DateField(
        "the day the family was told the plan will not be amended",
        null=True,
        blank=True,
        help_text="An amended version only: after the amendment notice, the authority decided "
        "not to amend the plan (SEND Regulations 2014 reg 22(4)).",
    )
    not_amended_reasons = models.TextField(blank=True)
    phase_transfer = models.ForeignKey(
        "PhaseTransfer",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="amendments",
        help_text="An amended version only: the phase transfer it was made for. Only such an "
        "amendment meets the transfer's deadline (reg 18).",
    )
    nc_year_override = models.SmallIntegerField(
        "national curriculum year, when taught out of their age group",
        null=True,
        blank=True,
        help_text="Leave empty to use the year worked out from the date of birth.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["child", "version_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["child", "version_number"], name="plan_version_unique_per_child"
            )
        ]

    def __str__(self) -> str:
        return f"EHC plan version {self.version_number} for {self.child}"

    @property
    def is_amendment(self) -> bool:
        return self.supersedes_id is not None

    @property
    def is_editable(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def is_issued(self) -> bool:
        return self.issued_on is not None


class PlanSection(models.Model):
    """The narrative text of one section (A to K) of one version."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sections")
    code = models.CharField(max_length=2, choices=SECTION_CHOICES)
    text = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["plan", "code"], name="plan_section_unique")]

    def __str__(self) -> str:
        return f"Section {self.code} of {self.plan}"


class PreparingForAdulthood(models.TextChoices):
    """The four preparing-for-adulthood outcome areas (Code of Practice chapter 8)."""

    EMPLOYMENT = "employment", "Higher education or employment"
    INDEPENDENT_LIVING = "independent_living", "Independent living"
    COMMUNITY = "community", "Participating in society (friends, relationships, community)"
    HEALTH = "health", "Being as healthy as possible in adult life"


class ProvisionItem(models.Model):
    """One item of provision in section F, G, H1 or H2: what, who, how often, for how long."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="provision_items")
    section = models.CharField(max_length=2, choices=PROVISION_CHOICES)
    what = models.TextField("what the provision is")
    who = models.CharField("who provides it", max_length=200)
    how_often = models.CharField("how often", max_length=200)
    how_long = models.CharField("for how long", max_length=200)
    preparing_for_adulthood = models.BooleanField(
        "helps prepare for adulthood and independent living", default=False
    )
    position = models.PositiveIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["section", "position", "id"]

    def __str__(self) -> str:
        return f"{self.section}: {self.what[:60]}"


class Outcome(models.Model):
    """An outcome sought (section E)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="outcomes")
    text = models.TextField("the outcome sought")
    by_when = models.CharField(
        max_length=100, blank=True, help_text="For example 'by the end of year 10'."
    )
    preparing_for_adulthood = models.CharField(
        "preparing for adulthood area",
        max_length=20,
        choices=PreparingForAdulthood.choices,
        blank=True,
        help_text="Leave empty when the outcome is not about preparing for adulthood.",
    )
    position = models.PositiveIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text[:60]


class Placement(models.Model):
    """Section I: the school or other institution named, and its type."""

    plan = models.OneToOneField(Plan, on_delete=models.CASCADE, related_name="placement")
    institution = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": Organisation.Kind.SETTING},
    )
    institution_name = models.CharField(
        max_length=200, blank=True, help_text="When the institution is not in Redress."
    )
    institution_type = models.CharField(
        "type of school or institution",
        max_length=200,
        help_text="For example 'maintained mainstream secondary school'.",
    )

    # The family's request for a particular school or institution (CFA 2014 s.38(2)(b), (3)).
    # The draft names none (s.38(5)): its section I gives the type and this preference.
    family_preference = models.CharField(
        "the school or institution the family asked to be named",
        max_length=200,
        blank=True,
    )
    preference_requested_on = models.DateField("the day the family asked", null=True, blank=True)

    history = HistoricalRecords()

    def __str__(self) -> str:
        return self.name or self.institution_type

    @property
    def name(self) -> str:
        return self.institution.name if self.institution else self.institution_name


class Consultation(Correctable):
    """The authority consulting a school or institution about being named in the plan
    (CFA 2014 s.39(2)): who, when, and their reply. The engine's reminder of the Code of
    Practice's 15 days for the reply is read from the Deadline table
    (`plan.institution_consultation`)."""

    class Response(models.TextChoices):
        AGREES = "agrees", "Agrees to be named"
        OBJECTS = "objects", "Objects to being named"
        OTHER = "other", "Other reply"

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="consultations")
    institution = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": Organisation.Kind.SETTING},
    )
    institution_name = models.CharField(
        max_length=200, blank=True, help_text="When the institution is not in Redress."
    )
    consulted_on = models.DateField("the day the institution was consulted")
    responded_on = models.DateField("the day the institution replied", null=True, blank=True)
    response = models.CharField(max_length=10, choices=Response.choices, blank=True)
    response_details = models.TextField(blank=True, max_length=5000)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["consulted_on", "id"]

    def __str__(self) -> str:
        return f"Consultation with {self.name}"

    @property
    def name(self) -> str:
        return self.institution.name if self.institution else self.institution_name

    @property
    def ref(self) -> str:
        return f"consultation-{self.pk}"


class Appendix(models.Model):
    """Section K: advice and information appended to the plan."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="appendices")
    advice_request = models.ForeignKey(
        AdviceRequest, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name_plural = "appendices"

    def __str__(self) -> str:
        if self.title:
            return self.title
        if self.advice_request is not None:
            advice = self.advice_request
            return f"{advice.get_advice_type_display()} advice from {advice.recipient_organisation}"
        return "Appendix"


class ReviewCycle(models.Model):
    """One annual review of a plan (SEND Regulations 2014 regs 19 to 22)."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="review_cycles")
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="reviews")
    meeting_planned_for = models.DateField(null=True, blank=True)
    meeting_arranged_on = models.DateField(
        null=True,
        blank=True,
        help_text="The day the meeting date was set: the engine counts its notice and advice "
        "deadlines back from the meeting date.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["child", "created_at", "id"]

    def __str__(self) -> str:
        return f"Review of {self.plan}"

    def step(self, kind: str) -> ReviewStep | None:
        """The step of this kind that stands (one withdrawn as recorded in error does not)."""
        return next((s for s in self.steps.all() if s.kind == kind and not s.withdrawn), None)

    @property
    def decision(self) -> ReviewStep | None:
        return self.step(ReviewStep.Kind.DECISION)


class ReviewStep(Correctable):
    """A dated step of a review. Every step feeds the engine: the invitations and the circulated
    advice stop the clocks counted back from the planned meeting (regs 20(3)-(4), 21(3)-(4))."""

    class Kind(models.TextChoices):
        INVITATIONS_SENT = "invitations_sent", "Invitations sent"
        ADVICE_CIRCULATED = "advice_circulated", "Advice circulated"
        MEETING_HELD = "meeting_held", "Review meeting held"
        REPORT_SENT = "report_sent", "Review report sent"
        DECISION = "decision", "Decision notified"

    class Decision(models.TextChoices):
        MAINTAIN = "maintain", "Maintain the plan as it is"
        AMEND = "amend", "Amend the plan"
        CEASE = "cease", "Cease to maintain the plan"

    ENGINE_EVENTS = {
        Kind.INVITATIONS_SENT: "review_invitations_sent",
        Kind.ADVICE_CIRCULATED: "review_advice_circulated",
        Kind.MEETING_HELD: "review_meeting_held",
        Kind.REPORT_SENT: "review_report_sent",
        Kind.DECISION: "review_decision",
    }

    cycle = models.ForeignKey(ReviewCycle, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    date = models.DateField()
    decision = models.CharField(max_length=10, choices=Decision.choices, blank=True)
    proposed_amendments = models.TextField(blank=True)
    reasons = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["date", "id"]
        constraints = [
            # A step withdrawn as recorded in error stays, and the step can be recorded again.
            models.UniqueConstraint(
                fields=["cycle", "kind"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="review_step_once_per_cycle",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.date:%d %B %Y}"

    # Steps that give notice of the meeting's date, so must be done again when it moves.
    FOR_THE_MEETING_DATE = (Kind.INVITATIONS_SENT, Kind.ADVICE_CIRCULATED)

    @property
    def for_an_earlier_meeting_date(self) -> bool:
        """Invitations or advice sent before the meeting was last arranged: they were for the
        earlier date, and the new date needs its own two weeks (regs 20(3)-(4), 21(3)-(4))."""
        arranged = self.cycle.meeting_arranged_on
        return (
            self.kind in self.FOR_THE_MEETING_DATE and arranged is not None and self.date < arranged
        )


class ReviewParticipant(Correctable):
    """Someone invited to a review meeting, and whether they came. SEND Regulations 2014 reg
    20(2)(a)-(e) names who must be invited: the child's parent or the young person; the early
    years provider or the head teacher or principal of the institution attended; an officer who
    exercises the authority's education functions for children and young people with SEN; a
    health care professional identified by the responsible commissioning body; an officer who
    exercises the authority's social services functions for them."""

    class Role(models.TextChoices):
        FAMILY = "family", "The child's parent or the young person (reg 20(2)(a))"
        INSTITUTION = "institution", "The head teacher, principal or provider (reg 20(2)(b))"
        AUTHORITY = "authority", "An officer for the authority's SEN functions (reg 20(2)(c))"
        HEALTH = "health", "A health care professional (reg 20(2)(d))"
        SOCIAL_CARE = "social_care", "An officer for social services functions (reg 20(2)(e))"
        OTHER = "other", "Someone else the authority or family asked"

    class Attendance(models.TextChoices):
        UNKNOWN = "", "Not recorded yet"
        ATTENDED = "attended", "Attended"
        ADVICE_ONLY = "advice_only", "Did not attend: sent advice or a report"
        ABSENT = "absent", "Did not attend"

    # The roles reg 20(2) requires to be invited, in its order.
    REQUIRED = (Role.FAMILY, Role.INSTITUTION, Role.AUTHORITY, Role.HEALTH, Role.SOCIAL_CARE)

    cycle = models.ForeignKey(ReviewCycle, on_delete=models.CASCADE, related_name="participants")
    role = models.CharField(max_length=12, choices=Role.choices)
    name = models.CharField("their name", max_length=200)
    organisation = models.CharField("their organisation or role", max_length=200, blank=True)
    invited_on = models.DateField("the day they were invited", null=True, blank=True)
    attendance = models.CharField(
        max_length=12, choices=Attendance.choices, blank=True, default=Attendance.UNKNOWN
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["cycle", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"


class ReviewDocument(Correctable):
    """A document circulated for a review (the school's review report, advice and information),
    as it is in the case's document store: the review links the `casefile.CaseDocument`, never
    a copy (decision 0168). Reg 20(4): circulated to everyone invited at least two weeks before
    the meeting; the engine's `review.advice_circulated` deadline gives the date."""

    cycle = models.ForeignKey(ReviewCycle, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        "casefile.CaseDocument", on_delete=models.RESTRICT, related_name="+"
    )
    circulated_on = models.DateField("the day it was circulated")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["circulated_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "document"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="review_document_once_per_cycle",
            )
        ]

    def __str__(self) -> str:
        return f"Document circulated on {self.circulated_on:%d %B %Y}"


class ReviewView(Correctable):
    """The child's or young person's views, wishes and feelings (or the parent's) gathered for
    a review: the authority must have regard to them (CFA 2014 s.19(a)), and to their taking
    part as fully as possible in decisions (s.19(c))."""

    class Whose(models.TextChoices):
        CHILD = "child", "The child"
        YOUNG_PERSON = "young_person", "The young person"
        PARENT = "parent", "The child's parent"

    class How(models.TextChoices):
        AT_MEETING = "at_meeting", "Said at the meeting"
        BEFORE = "before", "Talked with someone before the meeting"
        WRITTEN = "written", "Written down or drawn"
        ADVOCATE = "advocate", "Through an advocate or someone who knows them well"
        OTHER = "other", "Another way"

    cycle = models.ForeignKey(ReviewCycle, on_delete=models.CASCADE, related_name="views")
    whose = models.CharField(max_length=12, choices=Whose.choices)
    how = models.CharField("how the views were given", max_length=12, choices=How.choices)
    gathered_on = models.DateField("the day the views were given")
    text = models.TextField("their views, wishes and feelings", max_length=10000)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["gathered_on", "id"]

    def __str__(self) -> str:
        return f"Views of {self.get_whose_display().lower()} given on {self.gathered_on:%d %B %Y}"


class OutcomeProgress(Correctable):
    """Progress at a review towards one outcome in section E of the plan under review: the
    meeting must consider progress towards the outcomes in the plan (SEND Regulations 2014 reg
    20(5))."""

    class Progress(models.TextChoices):
        ACHIEVED = "achieved", "Achieved"
        ON_TRACK = "on_track", "On track"
        SOME = "some", "Some progress"
        NONE = "none", "No progress yet"
        CHANGE = "change", "No longer right: the outcome should change"

    cycle = models.ForeignKey(ReviewCycle, on_delete=models.CASCADE, related_name="progress")
    outcome = models.ForeignKey(Outcome, on_delete=models.RESTRICT, related_name="progress")
    progress = models.CharField(max_length=10, choices=Progress.choices)
    evidence = models.TextField("what shows the progress", blank=True, max_length=5000)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["outcome__position", "outcome_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "outcome"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="outcome_progress_once_per_cycle",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_progress_display()}: {self.outcome}"


class PhaseTransfer(Correctable):
    """A child in the year's cohort moving between phases of education (reg 18)."""

    class Kind(models.TextChoices):
        INTO_SCHOOL = "into_school", "Early years into school"
        INFANT_JUNIOR = "infant_junior", "Infant to junior school"
        FIRST_MIDDLE = "first_middle", "First to middle school"
        PRIMARY_SECONDARY = "primary_secondary", "Primary (or middle) to secondary school"
        POST16 = "post16", "Secondary school to post-16"
        POST16_MOVE = "post16_move", "From one post-16 institution to another"

    class Status(models.TextChoices):
        ACTIVE = "active", "In the cohort"
        WITHDRAWN = "withdrawn", "Withdrawn (for example the family moved away)"

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="phase_transfers")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    year = models.PositiveIntegerField(help_text="The calendar year of the transfer.")
    identified_on = models.DateField(
        help_text="The day the transfer was identified: amended plans from this day count."
    )
    move_date = models.DateField(
        "the day the young person moves",
        null=True,
        blank=True,
        help_text="A move between post-16 institutions only: the engine works out from it when "
        "the amended plan is due (reg 18(2)).",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["year", "child"]
        constraints = [
            models.UniqueConstraint(
                fields=["child", "year"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="phase_transfer_once_per_year",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} in {self.year} for {self.child}"

    @property
    def engine_transfer(self) -> str:
        """The engine's transfer kind: 'post16', 'post16_move' (a move between post-16
        institutions, due before the move date) or 'school' (the catalogue's
        `phase_transfer.amend` variants give each its date)."""
        if self.kind == self.Kind.POST16_MOVE:
            return "post16_move"
        return "post16" if self.kind == self.Kind.POST16 else "school"


class Cessation(Correctable):
    """A decision to cease to maintain a plan (CFA 2014 s.45; SEND Regulations 2014 reg 31).

    The plan is maintained until the time to appeal has passed or an appeal is concluded."""

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="cessations")
    review = models.OneToOneField(
        ReviewCycle, null=True, blank=True, on_delete=models.SET_NULL, related_name="cessation"
    )
    decided_on = models.DateField()
    notice_sent_on = models.DateField(help_text="The day the decision notice was sent.")
    # Decisions recorded before grounds were kept stay valid as "not recorded" (decision 0149).
    ground = models.CharField(
        max_length=20,
        choices=CessationGround.choices,
        default=CessationGround.NOT_RECORDED,
        help_text="The ground in CFA 2014 s.45(1) the decision rests on.",
    )
    reasons = models.TextField()

    class AppealOutcome(models.TextChoices):
        UPHELD = "upheld", "Appeal upheld: the plan is maintained"
        DISMISSED = "dismissed", "Appeal dismissed: the plan may cease"
        WITHDRAWN = "withdrawn", "Appeal withdrawn: the plan may cease"

    appeal_lodged_on = models.DateField(null=True, blank=True)
    appeal_concluded_on = models.DateField(null=True, blank=True)
    appeal_outcome = models.CharField(
        max_length=10, choices=AppealOutcome.choices, blank=True, default=""
    )
    ceased_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["decided_on", "id"]

    def __str__(self) -> str:
        return f"Decision to cease {self.plan}"

    @property
    def child(self) -> Child:
        return self.plan.child

    @property
    def appeal_live(self) -> bool:
        return self.appeal_lodged_on is not None and self.appeal_concluded_on is None

    @property
    def overturned(self) -> bool:
        """The Tribunal upheld the family's appeal: the decision no longer stands."""
        return self.appeal_outcome == self.AppealOutcome.UPHELD


class CessationConsultation(Correctable):
    """The authority consulting, before it decides to cease a plan, the child's parent or the
    young person and the head teacher or principal of the institution named in the plan (SEND
    Regulations 2014 reg 31(1)): who, when, and their reply."""

    class Consultee(models.TextChoices):
        FAMILY = "family", "The child's parent or the young person"
        INSTITUTION = "institution", "The head teacher or principal of the institution"

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="cessation_consultations")
    consultee = models.CharField(max_length=12, choices=Consultee.choices)
    name = models.CharField("who was consulted", max_length=200)
    consulted_on = models.DateField("the day they were consulted")
    responded_on = models.DateField("the day they replied", null=True, blank=True)
    response = models.TextField("their reply", blank=True, max_length=5000)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["consulted_on", "id"]

    def __str__(self) -> str:
        return f"Consultation on ceasing the plan with {self.name}"


class PersonalBudget(Correctable):
    """A request for a personal budget for a plan and the authority's decision (CFA 2014 s.49;
    Special Educational Needs (Personal Budgets) Regulations 2014): the amount and its parts,
    and any direct payments with their review date. Shown in Section J of the plan. A correction
    keeps the earlier values in the history (decision 0150)."""

    class RequestedBy(models.TextChoices):
        PARENT = "parent", "The child's parent"
        YOUNG_PERSON = "young_person", "The young person"

    class Decision(models.TextChoices):
        PENDING = "", "Not decided yet"
        AGREED = "agreed", "Agreed"
        REFUSED = "refused", "Refused"

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="personal_budgets")
    requested_on = models.DateField("the day the personal budget was asked for")
    requested_by = models.CharField(max_length=12, choices=RequestedBy.choices)
    requested_by_name = models.CharField("name of who asked", max_length=200, blank=True)
    decision = models.CharField(max_length=8, choices=Decision.choices, blank=True, default="")
    decided_on = models.DateField("the day the authority decided", null=True, blank=True)
    decision_reasons = models.TextField("reasons for the decision", blank=True, max_length=5000)
    education_amount = models.DecimalField(
        "education (special educational provision)",
        max_digits=9, decimal_places=2, null=True, blank=True,
    )  # fmt: skip
    health_amount = models.DecimalField(
        "health care provision", max_digits=9, decimal_places=2, null=True, blank=True
    )
    social_care_amount = models.DecimalField(
        "social care provision", max_digits=9, decimal_places=2, null=True, blank=True
    )
    direct_payments = models.BooleanField("paid in part or whole as direct payments", default=False)
    direct_payments_provision = models.TextField(
        "the needs and outcomes the direct payments are to meet", blank=True, max_length=5000
    )
    direct_payments_review_on = models.DateField(
        "the day the direct payments are next reviewed", null=True, blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["requested_on", "id"]

    def __str__(self) -> str:
        return f"Personal budget asked for on {self.requested_on:%d %B %Y}"

    @property
    def total(self) -> Decimal | None:
        parts = [
            a for a in (self.education_amount, self.health_amount, self.social_care_amount)
            if a is not None
        ]  # fmt: skip
        return sum(parts, Decimal("0")) if parts else None


class DirectPaymentReview(Correctable):
    """A review of the making and use of direct payments under a personal budget (Special
    Educational Needs (Personal Budgets) Regulations 2014 reg 11): when it was done, what the
    authority decided, and the day the authority set for the next one. The next date is the
    authority's own: Redress computes no period for it (decisions 0150, 0171)."""

    class Outcome(models.TextChoices):
        CONTINUE = "continue", "Continue as they are"
        CHANGED = "changed", "Continue, with a changed amount or conditions"
        STOPPED = "stopped", "Stop the direct payments"

    budget = models.ForeignKey(
        PersonalBudget, on_delete=models.CASCADE, related_name="direct_payment_reviews"
    )
    reviewed_on = models.DateField("the day the direct payments were reviewed")
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    notes = models.TextField("what the review found", blank=True, max_length=5000)
    was_due_on = models.DateField(
        "the review date set before this review", null=True, blank=True,
        help_text="Restored to the budget if this review is withdrawn as recorded in error.",
    )  # fmt: skip
    next_review_on = models.DateField("the day they are next reviewed", null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["reviewed_on", "id"]

    def __str__(self) -> str:
        return f"Direct payments reviewed on {self.reviewed_on:%d %B %Y}"
