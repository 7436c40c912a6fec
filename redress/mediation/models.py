"""Mediation: a provider's policy, a family's mediation case from first contact with the
mediation adviser, and the certificates the adviser issues.

Dated steps here feed the statutory engine (`redress.mediation.events`); due dates are read back
from `redress.casework.models.Deadline`, never computed here.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from redress.accounts.models import Organisation
from redress.casework.models import Child


class MediationPolicy(models.Model):
    """How one mediation provider works where the law leaves it a choice (the two providers in
    the seed answer these differently). Set by the provider's administrator."""

    class AttendeeAgreement(models.TextChoices):
        MEDIATOR_AGREES_WITH_EACH_PARTY = (
            "mediator_with_each_party",
            "The mediator agrees attendees with each party in the pre-mediation call",
        )
        CASE_MANAGER_CONFIRMS = (
            "case_manager_confirms",
            "The case manager collects each party's consent to each attendee in writing",
        )

    provider = models.OneToOneField(
        Organisation,
        on_delete=models.CASCADE,
        related_name="mediation_policy",
        limit_choices_to={"kind": Organisation.Kind.MEDIATION_PROVIDER},
    )
    follows_up_agreements = models.BooleanField(
        "follows up agreements after the meeting",
        default=True,
        help_text="When set, the case manager is alerted when a family reports an agreed "
        "action not done.",
    )
    pre_mediation_call_required = models.BooleanField(
        "a pre-mediation call with each party is required", default=True
    )
    attendee_agreement = models.CharField(
        "how attendees are agreed",
        max_length=30,
        choices=AttendeeAgreement.choices,
        default=AttendeeAgreement.MEDIATOR_AGREES_WITH_EACH_PARTY,
    )
    case_manager_sees_notes = models.BooleanField(
        "the case manager may read the mediator's notes", default=False
    )
    recording_wording = models.TextField(
        "standard wording on recordings",
        blank=True,
        help_text="Shown in the agreement to mediate and the confirmation of the meeting.",
    )
    confidentiality_wording = models.TextField(
        "standard wording on confidentiality",
        blank=True,
        help_text="Shown in the agreement to mediate and the confirmation of the meeting.",
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "mediation policies"

    def __str__(self) -> str:
        return f"Mediation policy of {self.provider}"


class MediationCase(models.Model):
    """A family's disagreement from their first contact with the mediation adviser to a
    certificate, or to mediation and its outcome."""

    class Decision(models.TextChoices):
        """The decisions a family may appeal (CFA 2014 s.51(2)), and so must hear about
        mediation before appealing (CFA 2014 s.55)."""

        NOT_ASSESS = "not_assess", "Not to carry out an EHC needs assessment"
        NOT_ISSUE = "not_issue", "Not to issue an EHC plan after assessment"
        PLAN_CONTENTS = "plan_contents", "The contents of the EHC plan"
        AMENDED_PLAN = "amended_plan", "The contents of the amended EHC plan"
        NOT_AMEND = "not_amend", "Not to amend the plan after a review or re-assessment"
        NOT_REASSESS = "not_reassess", "Not to carry out a re-assessment"
        CEASE = "cease", "To cease to maintain the plan"

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="mediation_cases")
    provider = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="mediation_cases",
        limit_choices_to={"kind": Organisation.Kind.MEDIATION_PROVIDER},
    )
    decision = models.CharField(
        "the decision the family may appeal", max_length=20, choices=Decision.choices
    )
    decision_notice_date = models.DateField("the date of the decision notice")
    adviser_contacted_on = models.DateField(
        "the day the family contacted the mediation adviser", null=True, blank=True
    )
    adviser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mediation_cases_advised",
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-decision_notice_date", "id"]

    def __str__(self) -> str:
        return f"Mediation case for {self.child} ({self.get_decision_display()})"


class MediationCertificate(models.Model):
    """A mediation certificate (CFA 2014 s.55(4)-(5); SEND Regulations 2014 regs 34, 39): the
    family needs one to appeal, unless the appeal is only about the school or institution named."""

    class Reason(models.TextChoices):
        DECLINED = "declined", "The family does not wish to mediate"
        AFTER_MEDIATION = "after_mediation", "Mediation has taken place"
        NOT_ARRANGED = "not_arranged", "Mediation could not be arranged in time"

    case = models.ForeignKey(MediationCase, on_delete=models.CASCADE, related_name="certificates")
    reason = models.CharField(max_length=20, choices=Reason.choices)
    issued_on = models.DateField()
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["issued_on", "id"]

    def __str__(self) -> str:
        return f"Mediation certificate issued {self.issued_on:%d %B %Y}"
