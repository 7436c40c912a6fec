"""Tribunal appeals, their orders and the national trial's health and social care
recommendations.

An appeal records the dates the statutory engine needs (`redress.appeals.events`); every due
date is read back from `redress.casework.models.Deadline`, never computed here.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from redress.accounts.models import Organisation
from redress.casework.models import Child
from redress.core.corrections import Correctable

# The first day of the national trial: the Tribunal may make health and social care
# recommendations only about decisions made, or plans made or amended, on or after it.
RECOMMENDATIONS_FROM = date(2018, 4, 3)


def first_lower(text: str) -> str:
    """A label inside a sentence: only its first letter lowered ('EHC' stays 'EHC')."""
    return text[:1].lower() + text[1:]


RECOMMENDATIONS_CITATION = (
    "Special Educational Needs and Disability (First-tier Tribunal Recommendations Power) "
    "Regulations 2017 (SI 2017/1306) regs 3 to 5"
)
RESPONSE_CITATION = (
    "Special Educational Needs and Disability (First-tier Tribunal Recommendations Power) "
    "Regulations 2017 (SI 2017/1306) reg 6"
)


class Appeal(Correctable):
    """An appeal to the First-tier Tribunal (SEND) against a decision about a child
    (Children and Families Act 2014 s.51)."""

    class Decision(models.TextChoices):
        """The decisions a family may appeal (CFA 2014 s.51(2)). The values match the
        mediation app's, so a mediation case and its appeal speak of the same decision."""

        NOT_ASSESS = "not_assess", "Not to carry out an EHC needs assessment (s.51(2)(a))"
        NOT_ISSUE = "not_issue", "Not to issue an EHC plan after assessment (s.51(2)(b))"
        PLAN_CONTENTS = "plan_contents", "The contents of the EHC plan (s.51(2)(c))"
        AMENDED_PLAN = "amended_plan", "The contents of the amended EHC plan (s.51(2)(c))"
        NOT_REASSESS = "not_reassess", "Not to carry out a re-assessment (s.51(2)(d))"
        NOT_AMEND = "not_amend", "Not to amend the plan after a review (s.51(2)(e))"
        CEASE = "cease", "To cease to maintain the plan (s.51(2)(f))"

    class NoCertificateReason(models.TextChoices):
        SECTION_I_ONLY = (
            "section_i_only",
            "The appeal is only about the school or other institution named (section I)",
        )

    class LaResponse(models.TextChoices):
        OPPOSE = "oppose", "Opposes the appeal"
        NOT_OPPOSE = "not_oppose", "Does not oppose the appeal"

    class HearingFormat(models.TextChoices):
        IN_PERSON = "in_person", "In person"
        VIDEO = "video", "By video"
        HYBRID = "hybrid", "Some in person, some by video"
        PAPER = "paper", "On the papers, without a hearing"

    class Outcome(models.TextChoices):
        UPHELD = "upheld", "Appeal upheld"
        PARTLY_UPHELD = "partly_upheld", "Appeal upheld in part"
        DISMISSED = "dismissed", "Appeal dismissed"
        UNOPPOSED = "unopposed", "Not opposed by the local authority (reg 45)"
        CONSENT_ORDER = "consent_order", "Decided by consent order"
        WITHDRAWN = "withdrawn", "Withdrawn by the family"
        STRUCK_OUT = "struck_out", "Struck out"

    # Outcomes that end an appeal: after one of these it is no longer live.
    CLOSED_OUTCOMES = frozenset(
        {
            Outcome.UPHELD,
            Outcome.PARTLY_UPHELD,
            Outcome.DISMISSED,
            Outcome.UNOPPOSED,
            Outcome.CONSENT_ORDER,
            Outcome.WITHDRAWN,
            Outcome.STRUCK_OUT,
        }
    )

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="appeals")
    tribunal_reference = models.CharField(
        "Tribunal reference",
        max_length=40,
        blank=True,
        help_text="Optional, for example EH123/26/00456.",
    )
    decision = models.CharField("the decision appealed", max_length=20, choices=Decision.choices)
    decision_notice_date = models.DateField("the date of the decision letter")
    decision_ref = models.CharField(
        "the recorded decision appealed",
        max_length=60,
        blank=True,
        help_text="The decision's ref (for example 'plan-7'), when the authority's decision is "
        "recorded in Redress; empty when it is not.",
    )
    cessation = models.ForeignKey(
        "plans.Cessation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="appeals",
        help_text="The decision to cease this appeal is against, when the plans app records it.",
    )
    # Sections of the plan the appeal challenges (CFA 2014 s.51(2)(c)).
    challenges_section_b = models.BooleanField(
        "section B: special educational needs", default=False
    )
    challenges_section_f = models.BooleanField(
        "section F: special educational provision", default=False
    )
    challenges_section_i = models.BooleanField(
        "section I: the school or other institution", default=False
    )
    mediation_certificate = models.ForeignKey(
        "mediation.MediationCertificate",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="appeals",
    )
    no_certificate_reason = models.CharField(
        "why no mediation certificate is needed",
        max_length=20,
        choices=NoCertificateReason.choices,
        blank=True,
    )
    # Extended appeal: the family's request for recommendations on health and social care.
    recommendations_section_c = models.BooleanField("section C: health care needs", default=False)
    recommendations_section_d = models.BooleanField("section D: social care needs", default=False)
    recommendations_section_g = models.BooleanField(
        "section G: health care provision", default=False
    )
    recommendations_section_h1 = models.BooleanField(
        "section H1: social care provision under the Chronically Sick and Disabled Persons Act "
        "1970 s.2",
        default=False,
    )
    recommendations_section_h2 = models.BooleanField(
        "section H2: other social care provision", default=False
    )
    health_commissioner = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="appeals_as_commissioner",
        limit_choices_to={"kind": Organisation.Kind.HEALTH_COMMISSIONER},
    )
    social_care = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="appeals_as_social_care",
        limit_choices_to={"kind": Organisation.Kind.SOCIAL_CARE},
    )
    sent_to_health_on = models.DateField(
        "the day the local authority sent the appeal to the health commissioner",
        null=True,
        blank=True,
    )
    sent_to_social_care_on = models.DateField(
        "the day the local authority sent the appeal to social care", null=True, blank=True
    )
    # The dates the engine needs.
    lodged_on = models.DateField("the day the appeal was lodged with the Tribunal")
    sent_to_la_on = models.DateField(
        "the day the Tribunal sent the appeal to the local authority", null=True, blank=True
    )
    response_directed_on = models.DateField(
        "the day the Tribunal directed a date for the response", null=True, blank=True
    )
    response_directed_due = models.DateField(
        "the date the Tribunal directed for the response", null=True, blank=True
    )
    la_response = models.CharField(
        "the local authority's response", max_length=12, choices=LaResponse.choices, blank=True
    )
    la_response_sent_on = models.DateField(
        "the day the local authority sent its response", null=True, blank=True
    )
    not_opposed_on = models.DateField(
        "the day the local authority told the Tribunal it would not oppose",
        null=True,
        blank=True,
        help_text="Before its response this ends the appeal (reg 45); after it, the parties ask "
        "for a consent order.",
    )
    # Hearing arrangements.
    hearing_on = models.DateField("the hearing date", null=True, blank=True)
    hearing_format = models.CharField(max_length=12, choices=HearingFormat.choices, blank=True)
    hearing_venue = models.CharField(max_length=200, blank=True)
    hearing_arrangements = models.TextField(
        blank=True, help_text="Attendees, witnesses, interpreters and reasonable adjustments."
    )
    # The decision.
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    outcome_on = models.DateField("the day of the decision or withdrawal", null=True, blank=True)
    outcome_notes = models.TextField(blank=True)

    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-lodged_on", "-id"]

    def __str__(self) -> str:
        return f"Appeal for {self.child} ({self.get_decision_display()})"

    @property
    def form_name(self) -> str:
        """The Tribunal's application form: SEND35a for a refusal to assess, else SEND35."""
        return "SEND35a" if self.decision == self.Decision.NOT_ASSESS else "SEND35"

    @property
    def is_live(self) -> bool:
        return not self.outcome

    @property
    def sections_challenged(self) -> list[str]:
        flags = (
            ("B", self.challenges_section_b),
            ("F", self.challenges_section_f),
            ("I", self.challenges_section_i),
        )
        return [name for name, on in flags if on]

    @property
    def recommendation_sections(self) -> list[str]:
        flags = (
            ("C", self.recommendations_section_c),
            ("D", self.recommendations_section_d),
            ("G", self.recommendations_section_g),
            ("H1", self.recommendations_section_h1),
            ("H2", self.recommendations_section_h2),
        )
        return [name for name, on in flags if on]

    @property
    def is_extended(self) -> bool:
        return bool(self.recommendation_sections)

    @property
    def asks_health(self) -> bool:
        return self.recommendations_section_c or self.recommendations_section_g

    @property
    def asks_social_care(self) -> bool:
        return (
            self.recommendations_section_d
            or self.recommendations_section_h1
            or self.recommendations_section_h2
        )


class AppealDocument(models.Model):
    """A document in the appeal's case papers."""

    class Kind(models.TextChoices):
        APPEAL_FORM = "appeal_form", "Appeal form (SEND35 or SEND35a)"
        DIRECTIONS = "directions", "Tribunal directions or registration letter"
        LA_RESPONSE = "la_response", "Local authority's response"
        EVIDENCE = "evidence", "Evidence"
        WORKING_DOCUMENT = "working_document", "Working document"
        DECISION = "decision", "Tribunal decision or order"
        CONSENT_ORDER = "consent_order", "Consent order (SEND46)"
        OTHER = "other", "Other"

    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    description = models.CharField(max_length=200)
    document = models.FileField(upload_to="appeals/%Y/%m/")
    original_name = models.CharField(max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return self.description


class Body(models.TextChoices):
    """Who the Tribunal's recommendations and directions are for, in the engine's words."""

    HEALTH = "health", "Health commissioner"
    SOCIAL_CARE = "social_care", "Social care"


class EvidenceDirection(Correctable):
    """Evidence or a witness the Tribunal directed the health commissioner or social care to
    provide by a date it set (national trial guidance). The date is the Tribunal's, recorded as
    directed, not a statutory period. Corrected or withdrawn like a step (decision 0100)."""

    class Kind(models.TextChoices):
        EVIDENCE = "evidence", "Written evidence"
        WITNESS = "witness", "A witness at the hearing"

    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, related_name="directions")
    body = models.CharField(max_length=12, choices=Body.choices)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    description = models.CharField(max_length=200)
    directed_by = models.DateField("the date the Tribunal directed")
    provided_on = models.DateField(null=True, blank=True)
    witness_name = models.CharField(max_length=200, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["directed_by", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} from {self.get_body_display()}"


class Recommendation(Correctable):
    """A recommendation the Tribunal made on health or social care, and the body's written
    response (2017 Regulations regs 4 to 6)."""

    class Section(models.TextChoices):
        C = "C", "Section C: health care needs"
        D = "D", "Section D: social care needs"
        G = "G", "Section G: health care provision"
        H1 = "H1", "Section H1: social care provision (CSDPA 1970 s.2)"
        H2 = "H2", "Section H2: other social care provision"

    class ResponseDecision(models.TextChoices):
        FOLLOWS = "follows", "Will follow the recommendation"
        FOLLOWS_IN_PART = "follows_in_part", "Will follow the recommendation in part"
        DECLINES = "declines", "Will not follow the recommendation"

    # Which body answers each section (2017 Regulations reg 6).
    SECTION_BODY = {
        Section.C: Body.HEALTH,
        Section.G: Body.HEALTH,
        Section.D: Body.SOCIAL_CARE,
        Section.H1: Body.SOCIAL_CARE,
        Section.H2: Body.SOCIAL_CARE,
    }

    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, related_name="recommendations")
    ref = models.CharField(max_length=40, editable=False)
    section = models.CharField(max_length=2, choices=Section.choices)
    body = models.CharField(max_length=12, choices=Body.choices)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="recommendations_received",
        help_text="The health commissioner or social care team that must respond.",
    )
    made_on = models.DateField("the day the Tribunal made the recommendation")
    text = models.TextField("the recommendation")
    response_sent_on = models.DateField(
        "the day the written response was sent", null=True, blank=True
    )
    response_decision = models.CharField(
        max_length=20, choices=ResponseDecision.choices, blank=True
    )
    response_steps = models.TextField("the steps the body will take", blank=True)
    response_reasons = models.TextField("reasons for not following the recommendation", blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The written response as sent to the family and the authority, kept on the case
    # (docs/decisions/0173): the body's own document, or its text as written in Redress.
    response_document = models.ForeignKey(
        "casefile.CaseDocument",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="the written response as sent",
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["made_on", "section", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["appeal", "ref"], name="recommendation_ref_unique_per_appeal"
            )
        ]

    def __str__(self) -> str:
        return f"Recommendation on {self.get_section_display()}"

    @property
    def engine_ref(self) -> str:
        """The engine's ref, unique across the child's appeals."""
        return f"appeal{self.appeal_id}-{self.ref}"


class Order(Correctable):
    """What the Tribunal ordered, what the local authority conceded (reg 45), or a consent
    order, with the steps the local authority must take to comply (regs 44 and 45)."""

    class Kind(models.TextChoices):
        ASSESS = "assess", "Carry out an EHC needs assessment (or re-assessment)"
        MAKE_PLAN = "make_plan", "Make and maintain an EHC plan"
        AMEND_CONTENTS = "amend_contents", "Amend the needs or provision (sections B or F)"
        AMEND_SCHOOL = "amend_school", "Change the school or institution named (section I)"
        CONTINUE = "continue", "Continue to maintain the plan"

    class Source(models.TextChoices):
        TRIBUNAL = "tribunal", "The Tribunal's decision (reg 44)"
        CONSENT = "consent", "A consent order (reg 44)"
        UNOPPOSED = "unopposed", "The local authority did not oppose the appeal (reg 45)"

    # Compliance steps each order needs, in the engine's words (`order_step_done`).
    STEPS_FOR_KIND: dict[str, tuple[str, ...]] = {
        Kind.ASSESS: ("assess_notice", "plan_decision", "final_plan"),
        Kind.MAKE_PLAN: ("draft_plan", "final_plan"),
        Kind.AMEND_CONTENTS: ("amended_plan",),
        Kind.AMEND_SCHOOL: ("amended_plan",),
        Kind.CONTINUE: (),
    }

    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, related_name="orders")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    source = models.CharField(max_length=12, choices=Source.choices)
    made_on = models.DateField(
        "the day the order was made, or the local authority told the Tribunal it would not oppose"
    )
    sent_on = models.DateField(
        "the day the Tribunal sent the order",
        null=True,
        blank=True,
        help_text="Kept beside the order date: the Regulations count from the order.",
    )
    details = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["made_on", "id"]

    def __str__(self) -> str:
        return f"Order to {first_lower(self.get_kind_display())}"

    @property
    def engine_event_type(self) -> str:
        return "appeal_unopposed" if self.source == self.Source.UNOPPOSED else "tribunal_order"


class ComplianceStep(Correctable):
    """A step the local authority took to comply with an order, with its evidence. Corrected or
    withdrawn like any recorded step (decision 0100)."""

    class Step(models.TextChoices):
        ASSESS_NOTICE = "assess_notice", "Told the family it will assess"
        PLAN_DECISION = "plan_decision", "Decided whether to make a plan after the assessment"
        DRAFT_PLAN = "draft_plan", "Issued the draft plan"
        FINAL_PLAN = "final_plan", "Issued the final plan"
        AMENDED_PLAN = "amended_plan", "Issued the amended plan"

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="steps")
    step = models.CharField(max_length=20, choices=Step.choices)
    done_on = models.DateField()
    note = models.TextField("evidence", help_text="What was done and how it can be checked.")
    document = models.FileField(upload_to="appeals/compliance/%Y/%m/", blank=True)
    original_name = models.CharField(max_length=255, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["done_on", "id"]
        constraints = [
            # One standing step of each kind: a step withdrawn as recorded in error stays on the
            # record without blocking the real one.
            models.UniqueConstraint(
                fields=["order", "step"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="one_standing_compliance_step_per_order",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_step_display()} on {self.done_on:%d %B %Y}"


class Settlement(models.Model):
    """The parties' agreement before the hearing, and the steps to tell the Tribunal: the family
    withdraws the appeal, or the parties ask for a consent order (form SEND46)."""

    class Route(models.TextChoices):
        MEDIATION = "mediation", "In mediation"
        DIRECT = "direct", "Directly between the family and the local authority"

    class Ending(models.TextChoices):
        WITHDRAW = "withdraw", "The family withdraws the appeal"
        CONSENT_ORDER = "consent_order", "The parties ask the Tribunal for a consent order"

    appeal = models.OneToOneField(Appeal, on_delete=models.CASCADE, related_name="settlement")
    agreed_on = models.DateField()
    route = models.CharField(max_length=12, choices=Route.choices)
    ending = models.CharField(max_length=16, choices=Ending.choices)
    terms = models.TextField("what was agreed")
    agreement_id = models.PositiveBigIntegerField(
        null=True,
        blank=True,
        help_text="The written mediation agreement in the agreements app, when there is one.",
    )
    sent_to_tribunal_on = models.DateField(
        "the day the withdrawal or the consent order request was sent to the Tribunal",
        null=True,
        blank=True,
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Settlement of {self.appeal}"
