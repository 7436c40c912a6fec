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
from redress.core.corrections import Correctable


class MediationPolicy(models.Model):
    """How one mediation provider works where the law leaves it a choice (providers answer
    these differently). Set by the provider's administrator."""

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
    # When `case_manager_sees_notes` last changed: a mediator told before then was told of the
    # old policy, so the case manager reads none of their notes until they are told again.
    notes_policy_since = models.DateTimeField(null=True, blank=True, editable=False)
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


class Party(models.TextChoices):
    """The parties to a mediation (SEND Regulations 2014 regs 37-38): the family, the local
    authority and, where health care provision is in dispute, the health commissioner. The
    mediator is not a party; "none" is for people who represent no one (an expert, the child)."""

    FAMILY = "family", "The parent or young person"
    LOCAL_AUTHORITY = "local_authority", "The local authority"
    HEALTH_COMMISSIONER = "health_commissioner", "The health commissioner"
    NONE = "none", "No party"


CONSENTING_PARTIES = (Party.FAMILY, Party.LOCAL_AUTHORITY, Party.HEALTH_COMMISSIONER)


class FamilyChoice(models.TextChoices):
    UNDECIDED = "", "Not decided yet"
    WISHES = "wishes", "Wishes to mediate"
    DECLINED = "declined", "Does not wish to mediate"


class Exemption(models.TextChoices):
    """Appeals that need no mediation certificate: one only about the school or institution
    named (CFA 2014 s.55(3)), and a disability discrimination claim (Equality Act 2010), which
    s.55 does not cover."""

    NONE = "", "No exemption: a certificate is needed to appeal"
    SCHOOL_ONLY = (
        "school_only",
        "The appeal is only about the school or institution named (section I)",
    )
    DISABILITY_DISCRIMINATION = "disability_discrimination", "A disability discrimination claim"


class Outcome(models.TextChoices):
    AGREEMENT = "agreement", "Agreement reached on every issue"
    PARTIAL = "partial", "Agreement on some issues"
    NO_AGREEMENT = "no_agreement", "No agreement"
    WITHDRAWN = "withdrawn", "A party withdrew from the mediation"


class MediationCase(Correctable):
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
    decision_ref = models.CharField(
        "the recorded decision the case is about",
        max_length=60,
        blank=True,
        help_text="The decision's ref (for example 'cessation-12'), when the authority's decision "
        "is recorded in Redress; empty when it is not.",
    )
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
    family_choice = models.CharField(
        "the family's choice about mediation",
        max_length=10,
        choices=FamilyChoice.choices,
        blank=True,
        default=FamilyChoice.UNDECIDED,
    )
    family_choice_on = models.DateField(
        "the day the family told the adviser their choice", null=True, blank=True
    )
    exemption = models.CharField(
        "exemption from the need for a certificate",
        max_length=30,
        choices=Exemption.choices,
        blank=True,
        default=Exemption.NONE,
    )
    exemption_recorded_on = models.DateField(
        "the day the exemption was recorded", null=True, blank=True
    )
    la_told_on = models.DateField(
        "the day the family told the local authority they wish to mediate", null=True, blank=True
    )
    health_commissioner = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="mediation_cases_as_commissioner",
        limit_choices_to={"kind": Organisation.Kind.HEALTH_COMMISSIONER},
        verbose_name="the health commissioner (ICB) that is a party",
    )
    health_notified_on = models.DateField(
        "the day the health commissioner was told of the mediation", null=True, blank=True
    )
    not_arranged_on = models.DateField(
        "the day the adviser was told mediation cannot be arranged in time", null=True, blank=True
    )
    not_arranged_reason = models.TextField("why it cannot be arranged in time", blank=True)
    mediator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mediation_cases_mediated",
        verbose_name="the mediator assigned",
    )
    case_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mediation_cases_managed",
        verbose_name="the provider's case manager",
    )
    family_request = models.ForeignKey(
        "family.FamilyRequest",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mediation_cases",
        verbose_name="the family's request that started the case",
    )
    child_views = models.TextField("the child's views", blank=True)
    child_views_gathered_on = models.DateField(
        "the day the child's views were gathered", null=True, blank=True
    )
    child_attends_parent_agrees = models.BooleanField(
        "the parent or young person agrees to the child attending", default=False
    )
    child_attends_mediator_agrees = models.BooleanField(
        "the mediator agrees to the child attending", default=False
    )
    concluded_on = models.DateField("the day mediation concluded", null=True, blank=True)
    outcome = models.CharField(
        "the outcome", max_length=20, choices=Outcome.choices, blank=True, default=""
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
        indexes = [
            # The case list's default sort (recently changed) and its notice-date filter.
            models.Index(fields=["-updated_at", "-id"], name="mediation_case_updated"),
            models.Index(fields=["decision_notice_date"], name="mediation_case_notice"),
        ]

    def __str__(self) -> str:
        return f"Mediation case for {self.child} ({self.get_decision_display()})"

    @property
    def engine_ref(self) -> str:
        """The decision this case's adviser contact and certificates belong to: the recorded
        decision, else the case's own notice (a decision Redress has no record of)."""
        return self.decision_ref or f"mediation_case-{self.pk}"

    @property
    def certificate_required(self) -> bool:
        """False when the appeal needs no certificate (CFA 2014 s.55(3), or a disability
        discrimination claim)."""
        return self.exemption == Exemption.NONE

    @property
    def has_health_issues(self) -> bool:
        return self.issues.filter(kind=MediationIssue.Kind.HEALTH).exists()

    @property
    def health_only(self) -> bool:
        """Only health care provision is in dispute: the commissioner arranges the mediation
        (CFA 2014 s.54)."""
        kinds = set(self.issues.values_list("kind", flat=True))
        return kinds == {MediationIssue.Kind.HEALTH}

    @property
    def arranged_by(self) -> str:
        return "health_commissioner" if self.health_only else "local_authority"

    @property
    def current_meeting(self) -> MediationMeeting | None:
        """The meeting as now arranged or held; moved, cancelled and withdrawn ones are history.
        From the case's meetings (a handful), as a list read them with it (`prefetch_related`)
        or read here."""
        standing = [
            m
            for m in self.meetings.all()
            if m.status in (MediationMeeting.Status.SCHEDULED, MediationMeeting.Status.HELD)
            and m.withdrawn_at is None
        ]
        return max(standing, key=lambda m: (m.meeting_date, m.id), default=None)


class MediationCertificate(Correctable):
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
    sent_on = models.DateField("the day it was sent to the family", null=True, blank=True)
    sent_channel = models.CharField(
        "how it was sent",
        max_length=20,
        blank=True,
        choices=[("notification", "Email through Redress's notifications"), ("letter", "Letter")],
    )
    sent_to = models.CharField("who it was sent to", max_length=300, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["issued_on", "id"]

    def __str__(self) -> str:
        return f"Mediation certificate issued {self.issued_on:%d %B %Y}"


class MediationIssue(models.Model):
    """One matter in disagreement. Health issues make the health commissioner a party (CFA 2014
    s.53); the agenda is built from these."""

    class Kind(models.TextChoices):
        EDUCATION = "education", "Education (special educational needs or provision)"
        SOCIAL_CARE = "social_care", "Social care provision"
        HEALTH = "health", "Health care provision"

    case = models.ForeignKey(MediationCase, on_delete=models.CASCADE, related_name="issues")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    description = models.TextField("what is in disagreement")
    health_provision_wanted = models.TextField(
        "the health care provision the family want", blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.description[:60]}"


class MediationMeeting(Correctable):
    """A mediation meeting as arranged. Rescheduling keeps the old row (status rescheduled) and
    adds a new one, so the confirmation sent for each date stays on record."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        RESCHEDULED = "rescheduled", "Moved to another date"
        CANCELLED = "cancelled", "Cancelled"
        HELD = "held", "Held"

    case = models.ForeignKey(MediationCase, on_delete=models.CASCADE, related_name="meetings")
    meeting_date = models.DateField("date of the meeting")
    start_time = models.TimeField("start time")
    end_time = models.TimeField("end time", null=True, blank=True)
    place = models.CharField("place", max_length=300, blank=True)
    video_link = models.URLField("video link", max_length=500, blank=True)
    accessibility_needs = models.TextField("accessibility needs and adjustments", blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SCHEDULED)
    scheduled_on = models.DateField("the day the meeting was arranged")
    reschedule_reason = models.TextField("why it was moved or cancelled", blank=True)
    held_on = models.DateField("the day it was held", null=True, blank=True)
    confirmation_sent_on = models.DateField(
        "the day the confirmation had gone to every attendee", null=True, blank=True
    )
    details_changed_on = models.DateField(
        "the day its time, place or link last changed", null=True, blank=True
    )
    short_notice_consent_on = models.DateField(
        "the day the family agreed to less than 5 working days' notice", null=True, blank=True
    )
    short_notice_consent_by = models.CharField(
        "who agreed for the family", max_length=200, blank=True
    )
    cancelled_on = models.DateField("the day it was cancelled", null=True, blank=True)
    reminder_sent_on = models.DateField(
        "the day the reminder went to the attendees", null=True, blank=True
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting_date", "id"]

    def __str__(self) -> str:
        return f"Mediation meeting on {self.meeting_date:%d %B %Y}"


class MediationAttendee(models.Model):
    """A person proposed to attend the mediation (SEND Regulations 2014 reg 38)."""

    class Role(models.TextChoices):
        PARENT_OR_YOUNG_PERSON = "parent_or_young_person", "Parent or young person"
        LA_OFFICER = "la_officer", "Local authority officer"
        HEALTH_COMMISSIONER = "health_commissioner", "Health commissioner"
        EDUCATION_PROVIDER = "education_provider", "Education provider"
        SUPPORTER = "supporter", "Supporter (SENDIASS, a friend or family member)"
        PROFESSIONAL_EXPERT = "professional_expert", "Professional expert (for example an OT)"
        LAWYER = "lawyer", "Lawyer"
        MEDIATOR = "mediator", "Mediator"
        CHILD = "child", "The child"

    class AuthorityConfirmation(models.TextChoices):
        """How an LA or health attendee's authority to resolve the issues was confirmed."""

        NOT_CONFIRMED = "", "Not confirmed"
        PRE_MEDIATION_AGREEMENT = "pre_mediation_agreement", "Agreed in the pre-mediation call"
        DELEGATED = "delegated", "Delegated authority to agree"
        DECISION_MAKER_BY_PHONE = (
            "decision_maker_by_phone",
            "The decision maker can be reached by phone during the meeting",
        )

    class MediatorDecision(models.TextChoices):
        NONE = "", "No decision needed"
        MAY_ATTEND = "may_attend", "May attend"
        MAY_NOT_ATTEND = "may_not_attend", "May not attend"

    case = models.ForeignKey(MediationCase, on_delete=models.CASCADE, related_name="attendees")
    role = models.CharField(max_length=30, choices=Role.choices)
    name = models.CharField(max_length=200)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    organisation_name = models.CharField(
        "organisation (when not in Redress)", max_length=200, blank=True
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mediation_attendances",
    )
    email = models.EmailField(blank=True)
    address = models.TextField("postal address (for a printed letter)", blank=True)
    party = models.CharField(
        "the party they attend for", max_length=30, choices=Party.choices, default=Party.NONE
    )
    proposed_by = models.CharField(
        "the party who proposed them", max_length=30, choices=Party.choices, default=Party.NONE
    )
    proposed_on = models.DateField("the day they were proposed")
    authority_confirmation = models.CharField(
        "how their authority to settle was confirmed",
        max_length=30,
        choices=AuthorityConfirmation.choices,
        blank=True,
        default=AuthorityConfirmation.NOT_CONFIRMED,
    )
    authority_confirmed_on = models.DateField(
        "the day authority was confirmed", null=True, blank=True
    )
    authority_detail = models.CharField(
        "who holds the authority (for example the decision maker's name and number)",
        max_length=300,
        blank=True,
    )
    mediator_decision = models.CharField(
        "the mediator's decision where the parties disagree (reg 38)",
        max_length=20,
        choices=MediatorDecision.choices,
        blank=True,
        default=MediatorDecision.NONE,
    )
    mediator_decision_reasons = models.TextField("the mediator's reasons", blank=True)
    mediator_decided_on = models.DateField(null=True, blank=True)
    withdrawn_on = models.DateField("the day they were withdrawn", null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"


class AttendeeConsent(models.Model):
    """One party's answer on one proposed attendee (reg 38)."""

    class Answer(models.TextChoices):
        AGREES = "agrees", "Agrees"
        OBJECTS = "objects", "Objects"

    attendee = models.ForeignKey(
        MediationAttendee, on_delete=models.CASCADE, related_name="consents"
    )
    party = models.CharField(max_length=30, choices=Party.choices)
    answer = models.CharField(max_length=10, choices=Answer.choices)
    reason = models.TextField("reason given", blank=True)
    recorded_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["attendee", "party"], name="mediation_one_consent_per_party"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_party_display()} {self.get_answer_display().lower()}"


class PreMediationCall(models.Model):
    """The mediator's call with one party before the meeting, as a checklist. A call with the
    family's lawyer is added when the family brings one."""

    class With(models.TextChoices):
        FAMILY = "family", "The parent or young person"
        LOCAL_AUTHORITY = "local_authority", "The local authority"
        HEALTH_COMMISSIONER = "health_commissioner", "The health commissioner"
        FAMILY_LAWYER = "family_lawyer", "The family's lawyer"

    case = models.ForeignKey(
        MediationCase, on_delete=models.CASCADE, related_name="pre_mediation_calls"
    )
    call_with = models.CharField("call with", max_length=30, choices=With.choices)
    attendee = models.ForeignKey(
        MediationAttendee,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pre_mediation_calls",
    )
    introductions = models.BooleanField("introductions made", default=False)
    view_of_disagreement = models.BooleanField(
        "their view of the disagreement heard", default=False
    )
    who_will_attend = models.BooleanField("who will attend discussed", default=False)
    authority = models.BooleanField("authority to settle discussed", default=False)
    reasonable_adjustments = models.BooleanField("reasonable adjustments discussed", default=False)
    adjustments_needed = models.TextField("adjustments they need", blank=True)
    held_on = models.DateField("the day of the call", null=True, blank=True)
    added_on = models.DateField("the day the call was added to the checklist")
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"Pre-mediation call with {self.get_call_with_display().lower()}"


class AgendaItem(models.Model):
    """An item on the meeting's agenda, usually one per mediation issue."""

    case = models.ForeignKey(MediationCase, on_delete=models.CASCADE, related_name="agenda_items")
    issue = models.ForeignKey(
        MediationIssue,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agenda_items",
    )
    title = models.CharField(max_length=300)
    position = models.PositiveIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.title


class SharedDocument(models.Model):
    """A document shared with the attendees before the meeting."""

    case = models.ForeignKey(
        MediationCase, on_delete=models.CASCADE, related_name="shared_documents"
    )
    title = models.CharField(max_length=300)
    document = models.FileField(upload_to="mediation/%Y/%m/", blank=True)
    shared_on = models.DateField("the day it was shared")
    shared_with = models.ManyToManyField(
        MediationAttendee, related_name="documents_shared", blank=True
    )
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["shared_on", "id"]

    def __str__(self) -> str:
        return self.title


class RecordingRequest(models.Model):
    """A request to record the meeting. Refused unless it is a reasonable adjustment, the other
    party consents and the mediator approves; the terms go into the agreement to mediate."""

    class Status(models.TextChoices):
        REFUSED = "refused", "Refused"
        ALLOWED = "allowed", "Allowed as a reasonable adjustment"

    case = models.ForeignKey(
        MediationCase, on_delete=models.CASCADE, related_name="recording_requests"
    )
    requested_by = models.CharField(
        "the party asking", max_length=30, choices=Party.choices, default=Party.FAMILY
    )
    requested_on = models.DateField()
    reasonable_adjustment = models.BooleanField(
        "asked for as a reasonable adjustment", default=False
    )
    adjustment_reason = models.TextField("why it is needed", blank=True)
    other_party_consents = models.BooleanField("the other party consents", default=False)
    mediator_approves = models.BooleanField("the mediator approves", default=False)
    purpose = models.TextField("what the recording is for", blank=True)
    who_may_access = models.TextField("who may listen to or see it", blank=True)
    retention = models.CharField("how long it is kept", max_length=200, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.REFUSED)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["requested_on", "id"]

    def __str__(self) -> str:
        return f"Recording request ({self.get_status_display().lower()})"


class MediatorNote(models.Model):
    """The mediator's confidential note. Read only through
    `redress.mediation.selectors.mediator_notes_visible_to`."""

    case = models.ForeignKey(MediationCase, on_delete=models.CASCADE, related_name="mediator_notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField()
    written_at = models.DateTimeField(auto_now_add=True)

    # No HistoricalRecords: a history table would be a second copy outside the selector's reach.

    class Meta:
        ordering = ["written_at", "id"]

    def __str__(self) -> str:
        return f"Mediator's note of {self.written_at:%d %B %Y}"


class NotesPolicyNotice(models.Model):
    """When a mediator was told whether their provider's case manager may read their notes.
    The case manager reads a mediator's notes only when the policy allows it and the mediator
    was told so before writing them."""

    provider = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="notes_policy_notices"
    )
    mediator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    case_manager_sees_notes = models.BooleanField()
    told_at = models.DateTimeField()
    how = models.CharField(max_length=20, choices=[
        ("message", "A message through Redress's notifications"),
        ("notes_page", "Shown on the notes page"),
    ])  # fmt: skip

    class Meta:
        ordering = ["-told_at", "-id"]
        indexes = [models.Index(fields=["provider", "mediator", "told_at"])]

    def __str__(self) -> str:
        return f"{self.mediator} told of the notes policy of {self.provider}"


class MeetingConfirmation(models.Model):
    """The confirmation of date, time, place and attendees sent to one attendee."""

    class Channel(models.TextChoices):
        NOTIFICATION = "notification", "Email through Redress's notifications"
        LETTER = "letter", "Printed letter"

    class Kind(models.TextChoices):
        CONFIRMATION = "confirmation", "Confirmation"
        RESENT = "resent", "Confirmation sent again after a change"
        REMINDER = "reminder", "Reminder the day before"
        CANCELLATION = "cancellation", "Notice that the meeting is cancelled or moved"

    meeting = models.ForeignKey(
        MediationMeeting, on_delete=models.CASCADE, related_name="confirmations"
    )
    attendee = models.ForeignKey(
        MediationAttendee, on_delete=models.CASCADE, related_name="confirmations"
    )
    channel = models.CharField(max_length=20, choices=Channel.choices)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.CONFIRMATION)
    sent_on = models.DateField()
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["sent_on", "id"]
        # One first confirmation per attendee; re-sent ones, reminders and cancellation notices
        # are added beside it.
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "attendee"],
                condition=models.Q(kind="confirmation"),
                name="mediation_one_confirmation_per_attendee",
            )
        ]

    def __str__(self) -> str:
        return f"Confirmation to {self.attendee} on {self.sent_on:%d %B %Y}"


class MediationCaseEntry(models.Model):
    """A step shown on the case for everyone who may see it (for example: the local authority
    was told the family is bringing a lawyer)."""

    case = models.ForeignKey(MediationCase, on_delete=models.CASCADE, related_name="entries")
    happened_on = models.DateField()
    text = models.CharField(max_length=500)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["happened_on", "id"]
        verbose_name_plural = "mediation case entries"

    def __str__(self) -> str:
        return self.text


class MediatorAvailability(models.Model):
    """When a mediator is free to hold meetings: a weekday and a time of day. A meeting arranged
    outside it is warned about, not refused (the mediator may agree to it)."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0, "Monday"
        TUESDAY = 1, "Tuesday"
        WEDNESDAY = 2, "Wednesday"
        THURSDAY = 3, "Thursday"
        FRIDAY = 4, "Friday"
        SATURDAY = 5, "Saturday"
        SUNDAY = 6, "Sunday"

    mediator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mediation_availability"
    )
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)
    start_time = models.TimeField("from")
    end_time = models.TimeField("until")

    history = HistoricalRecords()

    class Meta:
        ordering = ["mediator_id", "weekday", "start_time"]
        verbose_name_plural = "mediator availability"

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.start_time:%H:%M}-{self.end_time:%H:%M}"
