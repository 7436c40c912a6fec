"""Organisations, people and the roles they hold."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractUser
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from redress.accounts.roles import RolePairs, kept_this_request


class Organisation(models.Model):
    class Kind(models.TextChoices):
        LOCAL_AUTHORITY = "local_authority", "Local authority"
        HEALTH_COMMISSIONER = "health_commissioner", "Health commissioner (ICB)"
        SOCIAL_CARE = "social_care", "Social care team"
        MEDIATION_PROVIDER = "mediation_provider", "Mediation provider"
        SETTING = "setting", "School or other setting"
        SENDIASS = "sendiass", "Information, advice and support service (SENDIASS)"
        INDEPENDENT_PRACTICE = "independent_practice", "Independent practice"

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=30, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="parts",
        help_text="For a team inside a larger body, such as a local authority's social care team.",
    )
    serves = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="served_by",
        help_text="Local authorities this commissioner or provider works with.",
    )
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    address = models.TextField(blank=True)
    # A local authority's bring-forward settings for the tasks Redress creates from the deadline
    # table (docs/decisions/0146-tasks-brought-forward-from-deadlines.md).
    chase_advice_after_weeks = models.PositiveSmallIntegerField(
        "chase advice after (weeks)",
        default=4,
        validators=[MinValueValidator(1), MaxValueValidator(26)],
        help_text="Local authorities: weeks after an advice request is sent, with no advice "
        "received, that its caseworker is given a task to chase it.",
    )
    review_invitations_weeks_ahead = models.PositiveSmallIntegerField(
        "review invitations ahead (weeks)",
        default=2,
        validators=[MinValueValidator(0), MaxValueValidator(12)],
        help_text="Local authorities: weeks before the last day to give notice of an annual "
        "review meeting that its caseworker is given a task to send the invitations.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A person who signs in. What they may see comes from their roles and their links to cases."""

    def active_memberships(self) -> RolePairs:
        """(organisation id, role) for each active membership; read once a request
        (redress/accounts/roles.py)."""
        kept = kept_this_request()
        if kept is not None and self.pk in kept:
            return kept[self.pk]
        pairs: RolePairs = list(
            self.memberships.filter(active=True).values_list("organisation_id", "role")
        )
        if kept is not None:
            kept[self.pk] = pairs
        return pairs

    def roles(self) -> set[str]:
        return {role for _organisation, role in self.active_memberships()}

    def organisations_with_role(self, *roles: str) -> models.QuerySet[Organisation]:
        return Organisation.objects.filter(
            memberships__user=self, memberships__role__in=roles, memberships__active=True
        ).distinct()

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username


class Role(models.TextChoices):
    LA_CASEWORKER = "la_caseworker", "Local authority caseworker"
    LA_MANAGER = "la_manager", "Local authority manager (decision maker)"
    HEALTH_OFFICER = "health_officer", "Health officer (for example a designated clinical officer)"
    SOCIAL_CARE_OFFICER = "social_care_officer", "Social care officer"
    ADVICE_GIVER = "advice_giver", "Advice giver"
    MEDIATION_ADVISER = "mediation_adviser", "Mediation adviser"
    MEDIATION_CASE_MANAGER = "mediation_case_manager", "Mediation case manager"
    MEDIATOR = "mediator", "Mediator"
    PARENT_CARER = "parent_carer", "Parent or carer"
    YOUNG_PERSON = "young_person", "Young person"
    SUPPORTER = "supporter", "Supporter"
    ADMINISTRATOR = "administrator", "Administrator"


LA_ROLES = (Role.LA_CASEWORKER, Role.LA_MANAGER)
HEALTH_AND_CARE_ROLES = (Role.HEALTH_OFFICER, Role.SOCIAL_CARE_OFFICER)
#: The staff of a mediation provider (the case file's messages read this as well as mediation).
MEDIATION_PROVIDER_ROLES = (Role.MEDIATION_ADVISER, Role.MEDIATION_CASE_MANAGER, Role.MEDIATOR)
#: Roles that sign in with an emailed code and need no second factor (docs/sign-in.md).
FAMILY_ROLES = (Role.PARENT_CARER, Role.YOUNG_PERSON, Role.SUPPORTER)


class Membership(models.Model):
    """A role a person holds in an organisation. One person may hold several."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="memberships",
        help_text="Empty for family members and supporters acting for themselves.",
    )
    role = models.CharField(max_length=30, choices=Role.choices)
    team = models.CharField(max_length=100, blank=True)
    active = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="one_membership_per_role"
            )
        ]

    def __str__(self) -> str:
        where = f" at {self.organisation}" if self.organisation else ""
        return f"{self.user.display_name}: {self.get_role_display()}{where}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        super().save(*args, **kwargs)
        self._forget_on_user()

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        self._forget_on_user()
        return super().delete(*args, **kwargs)

    def _forget_on_user(self) -> None:
        # The person's roles as read earlier in this request (redress/accounts/roles.py).
        kept = kept_this_request()
        if kept:
            kept.pop(self.user_id, None)
