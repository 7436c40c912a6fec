"""Written mediation agreements, their agreed actions and follow-up, and families' expenses.

An agreement's actions feed the statutory engine (`redress.agreements.events`): each action's
deadline is read back from `redress.casework.models.Deadline` (rule `agreement.action`, ref
`AgreedAction.ref`), never computed here.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from redress.accounts.models import Organisation
from redress.casework.models import Child
from redress.core.corrections import Correctable
from redress.plans.sections import SECTIONS

# Where the law behind this app's records is stated; shown on the pages and in the document.
REG_42 = "SEND Regulations 2014 reg 42"
REG_42_5 = "SEND Regulations 2014 reg 42(5)"
EXPENSES_CITATION = "Children and Families Act 2014 s.56(1)(g)"
EXPENSES_NOT_COVERED = (
    "Mediation is free to the family: the local authority (or the health commissioner, for "
    "health-only mediation) pays reasonable travel and other expenses of the parent or young "
    "person and their supporter. The costs of a legal representative are not covered."
)


class Party(models.TextChoices):
    """Who can be a party to the agreement (SEND Regulations 2014 regs 37-38, reg 42)."""

    FAMILY = "family", "The parent or young person"
    LOCAL_AUTHORITY = "local_authority", "The local authority"
    HEALTH_COMMISSIONER = "health_commissioner", "The health commissioner"


class MediationAgreement(Correctable):
    """The written agreement reached at mediation (reg 42)."""

    case = models.OneToOneField(
        "mediation.MediationCase", on_delete=models.CASCADE, related_name="agreement"
    )
    made_on = models.DateField(
        "the date of the agreement",
        help_text="The day the parties reached the agreement; the time for each action runs "
        "from here (reg 42).",
    )
    la_party = models.BooleanField(
        "the local authority is a party",
        default=True,
        help_text="Not a party only when the mediation was about health care provision alone.",
    )
    health_commissioner = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="mediation_agreements",
        limit_choices_to={"kind": Organisation.Kind.HEALTH_COMMISSIONER},
        verbose_name="the health commissioner that is a party",
    )
    future_disagreements = models.TextField(
        "areas of possible future disagreement",
        blank=True,
        help_text="Issues the parties did not settle, or that may need to be talked about again.",
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    # `version` counts the wording the parties accept, so correcting the recorded date must not
    # move it (the acceptances would lapse); corrections are stale-checked against this instead.
    correction_version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-made_on", "id"]

    def __str__(self) -> str:
        return f"Mediation agreement of {self.made_on:%d %B %Y}"

    @property
    def child(self) -> Child:
        return self.case.child

    def parties(self) -> list[str]:
        """The parties whose acceptance the agreement needs, in the order the document lists."""
        parties = [Party.FAMILY.value]
        if self.la_party:
            parties.append(Party.LOCAL_AUTHORITY.value)
        if self.health_commissioner_id is not None:
            parties.append(Party.HEALTH_COMMISSIONER.value)
        return parties


class ActionKind(models.TextChoices):
    """What an action does, which decides its statutory period when no date is agreed (reg 42(2)
    applies the reg 44 periods to issues the family could appeal; reg 42(3) gives 2 weeks for
    anything else). The engine holds the periods; these are only the names."""

    ASSESS = "assess", "Carry out an EHC needs assessment"
    MAKE_PLAN = "make_plan", "Make and maintain an EHC plan"
    AMEND_CONTENTS = "amend_contents", "Amend the contents of the EHC plan"
    AMEND_SCHOOL = "amend_school", "Amend the school or institution named (section I)"
    CONTINUE = "continue", "Continue to maintain the EHC plan"
    OTHER = "other", "Something else (for example health or social care provision)"


SECTION_CHOICES = [(s.code, f"Section {s.code}: {s.title}") for s in SECTIONS]
NO_SECTION = "none"


class AgreedAction(Correctable):
    """One SMART action: what, who, how it will be measured, by when."""

    class Timing(models.TextChoices):
        AGREED = "agreed", "By a date the parties agreed in writing (reg 42(5))"
        STATUTORY = "statutory", "Within the time the law allows for this kind of action (reg 42)"

    agreement = models.ForeignKey(
        MediationAgreement, on_delete=models.CASCADE, related_name="actions"
    )
    ref = models.CharField(max_length=40, editable=False, unique=True)
    what = models.TextField("what will be done")
    who = models.CharField("who will do it", max_length=200)
    measure = models.TextField("how the parties will know it has been done")
    kind = models.CharField("kind of action", max_length=20, choices=ActionKind.choices)
    timing = models.CharField("by when", max_length=10, choices=Timing.choices)
    agreed_due = models.DateField("the date agreed", null=True, blank=True)
    plan_section = models.CharField(
        "the plan section it changes",
        max_length=4,
        choices=[*SECTION_CHOICES, (NO_SECTION, "It does not change the plan")],
    )
    owed_by = models.CharField(
        "the party that owes it",
        max_length=30,
        choices=Party.choices,
        blank=True,
        help_text="Only this party's staff, or the provider's case manager, record it as done. "
        "Left blank on older actions: the local authority owes an action about the plan.",
    )
    done_on = models.DateField("the day it was done", null=True, blank=True)
    done_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    done_recorded_at = models.DateTimeField("when it was recorded as done", null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.what[:80]


class ActionDoneUndo(models.Model):
    """A "done" recorded by mistake and taken back: who recorded it, who took it back and why.
    The action's history keeps the earlier values too."""

    action = models.ForeignKey(AgreedAction, on_delete=models.CASCADE, related_name="undos")
    was_done_on = models.DateField("the day it had been recorded as done")
    was_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    undone_at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField("why it is not done after all")

    class Meta:
        ordering = ["undone_at", "id"]

    def __str__(self) -> str:
        return f"Done on {self.was_done_on:%d %B %Y} taken back"


class Acceptance(models.Model):
    """One party's acceptance of the agreement as it stood (its version)."""

    agreement = models.ForeignKey(
        MediationAgreement, on_delete=models.CASCADE, related_name="acceptances"
    )
    party = models.CharField(max_length=30, choices=Party.choices)
    accepted_by_name = models.CharField("the name of the person who accepted", max_length=200)
    accepted_on = models.DateField("the day they accepted")
    agreement_version = models.PositiveIntegerField(editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["recorded_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "party"], name="one_acceptance_per_party")
        ]

    def __str__(self) -> str:
        return f"Accepted for {self.get_party_display()} on {self.accepted_on:%d %B %Y}"


class WordingDecision(models.Model):
    """The mediator's decision to keep a word the neutral-language check flagged."""

    agreement = models.ForeignKey(
        MediationAgreement, on_delete=models.CASCADE, related_name="wording_decisions"
    )
    action = models.ForeignKey(
        AgreedAction, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    field = models.CharField(max_length=40)
    word = models.CharField(max_length=60)
    suggestion = models.CharField(max_length=200)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["decided_at", "id"]

    def __str__(self) -> str:
        return f"Kept “{self.word}”"


class ActionReport(models.Model):
    """The family telling Redress that an agreed action has not been done."""

    action = models.ForeignKey(AgreedAction, on_delete=models.CASCADE, related_name="reports")
    text = models.TextField("what has not happened")
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reported_on = models.DateField()
    family_request = models.ForeignKey(
        "family.FamilyRequest",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The same report as the local authority's list of family requests shows it.",
    )
    case_manager_alerted = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Reported not done on {self.reported_on:%d %B %Y}"


class ExpensesClaim(models.Model):
    """A family's claim for travel and other expenses of attending mediation (CFA 2014
    s.56(1)(g)); the local authority, or the health commissioner, pays."""

    class Category(models.TextChoices):
        TRAVEL = "travel", "Travel (fares, mileage, parking)"
        CHILDCARE = "childcare", "Care for the child or other dependants"
        SUBSISTENCE = "subsistence", "Meals and refreshments"
        OTHER = "other", "Other expenses of attending"

    class Status(models.TextChoices):
        SUBMITTED = "submitted", "Waiting for a decision"
        APPROVED = "approved", "Approved"
        REFUSED = "refused", "Refused"

    class Payer(models.TextChoices):
        LOCAL_AUTHORITY = "local_authority", "The local authority"
        HEALTH_COMMISSIONER = "health_commissioner", "The health commissioner"

    case = models.ForeignKey(
        "mediation.MediationCase", on_delete=models.CASCADE, related_name="expenses_claims"
    )
    claimant_name = models.CharField("who incurred the expense", max_length=200)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    category = models.CharField(max_length=20, choices=Category.choices)
    description = models.CharField("what it was for", max_length=300)
    amount = models.DecimalField("amount in pounds", max_digits=8, decimal_places=2)
    incurred_on = models.DateField("the day it was spent")
    payer = models.CharField(max_length=30, choices=Payer.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    reasons = models.TextField("reasons for the decision", blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_on = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-incurred_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_category_display()}: £{self.amount}"

    @property
    def child(self) -> Child:
        return self.case.child


class ProviderRates(models.Model):
    """What a mediation provider charges each local authority: the basis of its invoices. An
    authority may have its own rates; otherwise the provider's default (authority empty)."""

    provider = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="mediation_rates",
        limit_choices_to={"kind": Organisation.Kind.MEDIATION_PROVIDER},
    )
    local_authority = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        limit_choices_to={"kind": Organisation.Kind.LOCAL_AUTHORITY},
    )
    per_case = models.DecimalField(
        "per case (each case with a certificate or a meeting)",
        max_digits=9,
        decimal_places=2,
        default=Decimal("0"),
    )
    per_session = models.DecimalField(
        "per mediation session held", max_digits=9, decimal_places=2, default=Decimal("0")
    )
    per_hour = models.DecimalField(
        "per hour of mediation held", max_digits=9, decimal_places=2, default=Decimal("0")
    )
    cancellation_fee = models.DecimalField(
        "per meeting cancelled or moved", max_digits=9, decimal_places=2, default=Decimal("0")
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "provider rates"
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "local_authority"], name="agreements_one_rate_card"
            )
        ]

    def __str__(self) -> str:
        return f"Rates of {self.provider}"
