"""What families add to their case, and the one-time codes they sign in with."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


class SignInCode(models.Model):
    """A one-time sign-in code sent by email. Only a keyed hash of the code is stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sign_in_codes"
    )
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    failed_attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Sign-in code for {self.user} made {self.created_at:%Y-%m-%d %H:%M}"


class SectionAViews(models.Model):
    """The family's views, interests and hopes for section A of the EHC plan. Each save is kept."""

    child = models.ForeignKey(
        "casework.Child", on_delete=models.CASCADE, related_name="section_a_views"
    )
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    about_child = models.TextField("what people like and admire about your child", blank=True)
    hopes = models.TextField("your hopes for the future", blank=True)
    what_helps = models.TextField("what helps and what does not help", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "section A views"
        verbose_name_plural = "section A views"

    def __str__(self) -> str:
        return f"Section A views for child {self.child_id} ({self.created_at:%Y-%m-%d})"


class FamilyDocument(models.Model):
    child = models.ForeignKey(
        "casework.Child", on_delete=models.CASCADE, related_name="family_documents"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    document = models.FileField(upload_to="family/%Y/%m/")
    original_name = models.CharField(max_length=255)
    description = models.CharField(max_length=200)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return self.description


class FamilyRequest(models.Model):
    """Something the family asks for or tells us: a task for the person who must act.

    Each request is routed when it is made (`redress.family.tasks`): to the child's caseworker,
    the mediation provider's case manager, or the body that owns an agreed action. It has a
    date to answer by; the family sees its status and the reply.
    """

    class Kind(models.TextChoices):
        MEDIATION = "mediation", "Ask for mediation"
        ACTION_NOT_DONE = "action_not_done", "Something agreed was not done"
        DOCUMENT = "document", "A document sent"
        CONTACT_DETAILS = "contact_details", "New contact details"

    class Status(models.TextChoices):
        RECEIVED = "received", "Received"
        IN_PROGRESS = "in_progress", "Being dealt with"
        DONE = "done", "Done"

    child = models.ForeignKey(
        "casework.Child", on_delete=models.CASCADE, related_name="family_requests"
    )
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    text = models.TextField()
    #: For mediation: the matters in disagreement (education, health, social care), comma-separated.
    issues = models.CharField(max_length=60, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    seen_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.RECEIVED, db_index=True
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="family_tasks",
        verbose_name="the person who must act",
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="family_tasks",
        verbose_name="the body that must act",
    )
    answer_by = models.DateField("the day to answer by", null=True, blank=True, db_index=True)
    reply = models.TextField("the reply to the family", blank=True)
    replied_at = models.DateTimeField(null=True, blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} (child {self.child_id})"

    ISSUE_WORDS = {"education": "education", "health": "health care", "social_care": "social care"}

    @property
    def issue_list(self) -> list[str]:
        return [self.ISSUE_WORDS.get(i, i) for i in self.issues.split(",") if i]


class FamilyInvitation(models.Model):
    """A local authority's invitation for a family member or young person to sign in.

    The email carries a secret link; only its hash is kept. Following the link joins the
    person's sign-in (an emailed code) to the family member the council recorded, so they see
    that child's case and no other.
    """

    class Basis(models.TextChoices):
        """Why a parent may see a young person's case (decision 0081)."""

        NOT_NEEDED = "", "The child is under 16"
        YOUNG_PERSON_AGREES = "young_person_agrees", "The young person agrees"
        ACTS_FOR_YOUNG_PERSON = (
            "acts_for_young_person",
            "The young person lacks capacity and the parent acts for them",
        )

    member = models.ForeignKey(
        "casework.FamilyMember", on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField()
    token_hash = models.CharField(max_length=64, unique=True)
    basis = models.CharField(max_length=30, choices=Basis.choices, blank=True, default="")
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="family_invitations",
        verbose_name="the account it was joined to",
    )

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Invitation for {self.member.name} (child {self.member.child_id})"


class DraftPlanComment(models.Model):
    """A parent's or young person's comment on the draft EHC plan, made online while their
    time to comment runs (SEND Regulations 2014 reg 13(1)): about one section of the plan, with
    a request for a meeting (reg 13(1)(b)) and the school or college they want named
    (CFA 2014 s.38(2)(b)) as they choose.

    Each comment is an item for the council to answer; the family reads the answer. Nothing is
    deleted: the person who wrote a comment may withdraw it, and it stays, marked withdrawn.

    The same record carries a comment on the proposed amendments after a review (SEND
    Regulations 2014 reg 22(2)), made while the engine's 15 days on them run (decision 0177).
    """

    class About(models.TextChoices):
        DRAFT = "draft", "The draft plan"
        AMENDMENTS = "amendments", "The proposed amendments to the plan"

    child = models.ForeignKey(
        "casework.Child", on_delete=models.CASCADE, related_name="draft_plan_comments"
    )
    #: Whether the comment is on a first plan's draft (reg 13) or on the proposed amendments
    #: to a plan (reg 22(2)): the family's window it was made in.
    about = models.CharField(
        "what the comment is about", max_length=12, choices=About.choices, default=About.DRAFT
    )
    #: The draft the comment is about, when the plan is recorded in Redress.
    plan = models.ForeignKey(
        "plans.Plan", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    #: A plan section code (A to K, as `redress.plans.sections` names them); blank for the
    #: plan as a whole.
    section = models.CharField(max_length=2, blank=True)
    text = models.TextField("your comment", blank=True)
    wants_meeting = models.BooleanField("asks for a meeting about the draft plan", default=False)
    school_named = models.CharField(
        "the school or college the family want named", max_length=200, blank=True
    )
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    answer = models.TextField("the council's answer", blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            # The council's items to answer: open comments, per child and across a caseload.
            models.Index(
                fields=["child", "created_at"],
                name="draft_comment_open",
                condition=models.Q(answered_at__isnull=True, withdrawn_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        where = f"section {self.section}" if self.section else "the plan as a whole"
        on = "the draft plan" if self.about == self.About.DRAFT else "the proposed amendments"
        return f"Comment on {on}, {where} (child {self.child_id})"

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None
