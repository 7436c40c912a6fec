"""The provider's policy: how the provider works and who may read the mediators' notes."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from redress.accounts.models import Membership, Organisation, Role
from redress.audit.services import audit_record
from redress.core.service_checks import require_perm as _require
from redress.core.versions import ConcurrentEditError
from redress.mediation import selectors
from redress.mediation.messages import NOTES_POLICY_CHANGED, NOTES_POLICY_WORDS
from redress.mediation.models import MediationPolicy, NotesPolicyNotice
from redress.mediation.services._common import _clean_save
from redress.notifications.recipients import Contact
from redress.notifications.services import message_enqueue


@transaction.atomic
def mediation_policy_update(
    *,
    actor: Any,
    provider: Organisation,
    follows_up_agreements: bool,
    pre_mediation_call_required: bool,
    attendee_agreement: str,
    case_manager_sees_notes: bool,
    recording_wording: str,
    confidentiality_wording: str,
    expected_version: int | None = None,
) -> MediationPolicy:
    """The provider's case manager sets how the provider works."""
    _require(actor, "mediation.change_policy", provider)
    policy, created = MediationPolicy.objects.select_for_update().get_or_create(provider=provider)
    if not created and expected_version is not None and policy.version != expected_version:
        raise ConcurrentEditError
    notes_policy_changed = created or policy.case_manager_sees_notes != case_manager_sees_notes
    policy.follows_up_agreements = follows_up_agreements
    policy.pre_mediation_call_required = pre_mediation_call_required
    policy.attendee_agreement = attendee_agreement
    policy.case_manager_sees_notes = case_manager_sees_notes
    policy.recording_wording = recording_wording.strip()
    policy.confidentiality_wording = confidentiality_wording.strip()
    if not created:
        policy.version += 1
    if notes_policy_changed:
        policy.notes_policy_since = timezone.now()
    _clean_save(policy)
    audit_record(
        actor=actor,
        action="update",
        obj=policy,
        summary=f"Changed the mediation policy of {provider}",
    )
    if notes_policy_changed:
        _notes_policy_announce(actor=actor, policy=policy)
    return policy


def _notes_policy_announce(*, actor: Any, policy: MediationPolicy) -> None:
    """Who may read the mediators' notes changed: audited, and every mediator of the provider
    is told through the notifications outbox. The case manager reads a mediator's notes only
    once that mediator was told (`selectors.mediator_notes_visible_to`)."""
    provider = policy.provider
    allowed = policy.case_manager_sees_notes
    audit_record(
        actor=actor,
        action="update",
        obj=policy,
        summary=(
            f"Changed who may read the mediators' notes at {provider}: the case manager "
            + ("may now read them" if allowed else "may no longer read them")
        ),
    )
    mediators = get_user_model().objects.filter(
        pk__in=Membership.objects.filter(
            organisation=provider, role=Role.MEDIATOR, active=True
        ).values("user_id"),
        is_active=True,
    )
    told_at = policy.notes_policy_since or timezone.now()
    for mediator in mediators.order_by("pk"):
        if mediator.email:
            message_enqueue(
                key=f"mediation-notes-policy:{policy.pk}:{policy.version}:{mediator.pk}",
                template=NOTES_POLICY_CHANGED,
                contact=Contact(
                    email=mediator.email,
                    name=mediator.get_full_name() or mediator.username,
                    user=mediator,
                ),
                personalisation={
                    "name": mediator.get_full_name() or mediator.username,
                    "provider_name": provider.name,
                    "who_reads": NOTES_POLICY_WORDS[allowed],
                },
                digestible=False,
            )
            NotesPolicyNotice.objects.create(
                provider=provider,
                mediator=mediator,
                case_manager_sees_notes=allowed,
                told_at=told_at,
                how="message",
            )


@transaction.atomic
def notes_policy_notice_record(*, mediator: Any, provider: Organisation) -> None:
    """The notes page shows the mediator the provider's current policy: from now on they have
    been told it, if no message told them already."""
    if selectors.notes_policy_told(mediator=mediator, provider_id=provider.pk):
        return
    policy = selectors.policy_for(provider)
    NotesPolicyNotice.objects.create(
        provider=provider,
        mediator=mediator,
        case_manager_sees_notes=policy.case_manager_sees_notes,
        told_at=timezone.now(),
        how="notes_page",
    )
