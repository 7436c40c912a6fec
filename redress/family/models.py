"""What families add to their case, and the one-time codes they sign in with."""

from __future__ import annotations

from django.conf import settings
from django.db import models


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
    """Something the family asks for or tells the local authority. Shown to the LA later.

    Mediation and agreed actions get their own records in a later issue; until then the
    family's request is kept here, as they wrote it.
    """

    class Kind(models.TextChoices):
        MEDIATION = "mediation", "Ask for mediation"
        ACTION_NOT_DONE = "action_not_done", "Something agreed was not done"

    child = models.ForeignKey(
        "casework.Child", on_delete=models.CASCADE, related_name="family_requests"
    )
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    seen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} (child {self.child_id})"
