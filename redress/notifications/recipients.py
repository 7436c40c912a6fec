"""Who is responsible for a deadline, who manages them, and who in a family hears about it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model

from redress.accounts.models import HEALTH_AND_CARE_ROLES, LA_ROLES, Membership, Role
from redress.casework.models import AdviceRequest, Child, Deadline


@dataclass(frozen=True)
class Contact:
    """Someone to write to: a user, or a family member's email address with no sign-in."""

    email: str
    name: str
    user: Any = None
    #: A young person writing about their own case: addressed as "you", not by the child's name.
    young_person: bool = False

    @property
    def key(self) -> str:
        return f"u{self.user.pk}" if self.user is not None else f"e{self.email.lower()}"


def _user_contact(user: Any) -> Contact | None:
    if user is None or not user.is_active or not user.email:
        return None
    return Contact(email=user.email, name=user.get_full_name() or user.username, user=user)


def _users_with_role(
    organisation_id: int | None, roles: tuple[str, ...], team: str = ""
) -> list[Any]:
    if organisation_id is None:
        return []
    memberships = Membership.objects.filter(
        organisation_id=organisation_id, role__in=roles, active=True, user__is_active=True
    )
    if team:
        memberships = memberships.filter(team=team)
    user_model = get_user_model()
    return list(user_model.objects.filter(pk__in=memberships.values("user_id")).order_by("pk"))


def responsible_contacts(deadline: Deadline, child: Child) -> list[Contact]:
    """The professionals who must act on a deadline, where Redress knows them."""
    users: list[Any] = []
    if deadline.actor == "local_authority":
        # The named caseworker only while they still work at the child's local authority: a
        # reminder names the child, and someone who has left may no longer see the case.
        if (
            child.caseworker_id is not None
            and Membership.objects.filter(
                user_id=child.caseworker_id,
                organisation_id=child.local_authority_id,
                role__in=LA_ROLES,
                active=True,
            ).exists()
        ):
            users = [child.caseworker]
        elif child.team:
            users = _users_with_role(child.local_authority_id, (Role.LA_CASEWORKER,), child.team)
    elif deadline.actor == "advice_giver":
        advice = AdviceRequest.objects.filter(child=child, ref=deadline.ref).first()
        if advice is not None and advice.recipient_person_id is not None:
            users = [advice.recipient_person]
        elif advice is not None:
            users = _users_with_role(advice.recipient_organisation_id, HEALTH_AND_CARE_ROLES)
    elif (
        deadline.actor in ("health_commissioner", "social_care")
        and deadline.organisation_id != child.local_authority_id
    ):
        # The body the deadline table names (the one asked to respond to a Tribunal
        # recommendation); rows that still name the local authority escalate as before.
        users = _users_with_role(deadline.organisation_id, HEALTH_AND_CARE_ROLES)
    # Other actors (the health commissioner, the mediation adviser) are added as the apps that
    # record them arrive; until then their deadlines escalate to the local authority's manager.
    return [c for c in (_user_contact(u) for u in users) if c is not None]


def manager_contacts(child: Child) -> list[Contact]:
    """The manager of the child's team at the local authority, or every manager there."""
    managers = _users_with_role(child.local_authority_id, (Role.LA_MANAGER,), child.team)
    if not managers:
        managers = _users_with_role(child.local_authority_id, (Role.LA_MANAGER,))
    return [c for c in (_user_contact(u) for u in managers) if c is not None]


def family_contacts(child: Child) -> list[Contact]:
    """Each family member with an email address (their sign-in's, or the one on the record).

    Once the young person has their own account, they decide who else sees their case
    (decision 0081): only family members whose sign-in is joined to the case hear about it."""
    contacts: dict[str, Contact] = {}
    members = list(child.family.select_related("user"))
    young_person_decides = any(
        m.relationship == "young_person" and m.user_id is not None for m in members
    )
    for member in members:
        if young_person_decides and member.user_id is None:
            continue
        user = member.user if member.user is not None and member.user.is_active else None
        email = (user.email if user is not None and user.email else member.email).strip()
        if not email:
            continue
        contact = Contact(
            email=email,
            name=member.name,
            user=user,
            young_person=member.relationship == "young_person",
        )
        contacts.setdefault(contact.key, contact)
    return list(contacts.values())


def supporter_contacts(child: Child) -> list[Contact]:
    """The supporters the family has given consent to (decision 0154), while it is in force
    today and they can still sign in: once the family withdraws it, they hear nothing more."""
    from redress.casework.permissions import consent_in_force_q

    supporters = (
        get_user_model()
        .objects.filter(
            pk__in=child.consents.filter(consent_in_force_q()).values("supporter_id"),
            is_active=True,
        )
        .order_by("pk")
    )
    return [c for c in (_user_contact(u) for u in supporters) if c is not None]
