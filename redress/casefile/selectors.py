"""Reading a child's case notes, contacts and documents; the querysets mirror `permissions.py`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import F, Q, QuerySet
from django.http import Http404

from redress.casefile.models import CaseDocument, CaseMessage, CaseNote
from redress.casework.models import Child
from redress.core.access import permitted_get
from redress.core.listing import sorted_by

NOTE_SORTS = {
    "newest": ("-occurred_on", "-recorded_at", "-pk"),
    "oldest": ("occurred_on", "recorded_at", "pk"),
    "kind": ("kind", "-occurred_on", "-recorded_at", "-pk"),
}


def notes_for(
    *, user: Any, child: Child, query: str = "", kind: str = "", sort: str = "newest"
) -> QuerySet[CaseNote]:
    """The child's notes and contacts this user may read (newest first unless another sort is
    named), matching the search: the words in the note, the person contacted or who recorded
    it, and the kind of entry."""
    if not user.has_perm("casefile.view_notes", child):
        return CaseNote.objects.none()
    notes = CaseNote.objects.filter(child=child).select_related(
        "recorded_by", "corrected_by", "withdrawn_by"
    )
    if kind:
        notes = notes.filter(kind=kind)
    for word in query.split():
        kinds = [value for value, label in CaseNote.Kind.choices if word.lower() in label.lower()]
        notes = notes.filter(
            Q(text__icontains=word)
            | Q(with_whom__icontains=word)
            | Q(recorded_by__first_name__icontains=word)
            | Q(recorded_by__last_name__icontains=word)
            | Q(kind__in=kinds)
        )
    ordered, _ = sorted_by(notes, sort, NOTE_SORTS, default="newest")
    return ordered  # type: ignore[no-any-return]


def note_get(*, user: Any, child: Child, pk: int, perm: str = "casefile.view_note") -> CaseNote:
    """One of this child's entries, or 404 (another child's entry is not found here)."""
    return permitted_get(
        CaseNote.objects.select_related("recorded_by"),
        pk=pk,
        child=child,
        user=user,
        perm=perm,
        not_found="No such note",
        hide=True,
    )


def note_history(note: CaseNote) -> list[Any]:
    """Every recorded wording of the entry, newest first, with who changed it and why."""
    return list(note.history.select_related("history_user").order_by("-history_date", "-pk"))


# -- Case documents ---------------------------------------------------------------------------


DOCUMENT_SORTS = {
    "newest": ("-dated", "-uploaded_at", "-pk"),
    "oldest": ("dated", "uploaded_at", "pk"),
    "title": ("title", "-dated", "-pk"),
    "type": ("kind", "-dated", "-uploaded_at", "-pk"),
}


def documents_for(
    *, user: Any, child: Child, query: str = "", kind: str = "", sort: str = "newest"
) -> QuerySet[CaseDocument]:
    """The child's documents this user may see (newest first unless another sort is named),
    matching every word of the search
    against the title: all of them, withdrawn ones included, for the authority's staff; the
    standing documents marked for professionals (or the family) for a professional on the case."""
    if user.has_perm("casefile.add_document", child):
        documents = CaseDocument.objects.filter(child=child)
    elif user.has_perm("casefile.view_documents", child):
        documents = CaseDocument.objects.filter(
            child=child,
            audience__in=[CaseDocument.Audience.PROFESSIONALS, CaseDocument.Audience.FAMILY],
            withdrawn_at__isnull=True,
        )
    else:
        return CaseDocument.objects.none()
    if kind:
        documents = documents.filter(kind=kind)
    for word in query.split():
        documents = documents.filter(title__icontains=word)
    documents = documents.select_related("uploaded_by", "corrected_by", "withdrawn_by")
    ordered, _ = sorted_by(documents, sort, DOCUMENT_SORTS, default="newest")
    return ordered  # type: ignore[no-any-return]


def documents_shared_with_family(*, user: Any, child: Child) -> QuerySet[CaseDocument]:
    """The standing documents the authority has shared with the family, latest sent first."""
    if not user.has_perm("casefile.view_shared_documents", child):
        return CaseDocument.objects.none()
    return CaseDocument.objects.filter(
        child=child, audience=CaseDocument.Audience.FAMILY, withdrawn_at__isnull=True
    ).order_by("-shared_with_family_on", "-dated", "-pk")


def document_get(
    *, user: Any, child: Child, pk: int, perm: str = "casefile.view_document"
) -> CaseDocument:
    """One of this child's documents, or 404: another child's document, or one this person may
    not see, is not found here (a family is not told a staff-only document exists)."""
    return permitted_get(
        CaseDocument.objects.select_related("uploaded_by"),
        pk=pk,
        child=child,
        user=user,
        perm=perm,
        not_found="No such document",
        hide=True,
    )


def document_history(document: CaseDocument) -> list[Any]:
    """Every recorded version of the document's details, newest first, with who and why."""
    return list(document.history.select_related("history_user").order_by("-history_date", "-pk"))


# -- Messages between the family and the professionals on the case ------------------------------


def message_organisations(*, user: Any, child: Child) -> list[int]:
    """The authority or providers whose part of the child's conversation this person sees as a
    professional: the child's authority for its staff, a provider for its staff while it has a
    mediation case for the child (decision 0157)."""
    from redress.accounts.models import LA_ROLES
    from redress.accounts.selectors import has_role_at
    from redress.casefile.permissions import mediation_providers_for

    found = []
    if has_role_at(user, child.local_authority_id, LA_ROLES):
        found.append(child.local_authority_id)
    return found + mediation_providers_for(user, child, open_only=False)


def _messages(child: Child) -> QuerySet[CaseMessage]:
    return CaseMessage.objects.filter(child=child).select_related(
        "sent_by", "seen_by", "organisation"
    )


def messages_for_family(*, user: Any, child: Child) -> QuerySet[CaseMessage]:
    """The whole conversation, newest first, for the family or a supporter with consent."""
    if not user.has_perm("casefile.family_messages", child):
        return CaseMessage.objects.none()
    return _messages(child).order_by("-sent_at", "-pk")


def messages_for_staff(*, user: Any, child: Child) -> QuerySet[CaseMessage]:
    """The part of the conversation with this person's own authority or provider."""
    organisations = message_organisations(user=user, child=child)
    return _messages(child).filter(organisation_id__in=organisations).order_by("-sent_at", "-pk")


def unseen_by_family(child: Child) -> QuerySet[CaseMessage]:
    return CaseMessage.objects.filter(
        child=child,
        side=CaseMessage.Side.PROFESSIONAL,
        seen_at__isnull=True,
        withdrawn_at__isnull=True,
    )


def unseen_by_staff(*, user: Any, child: Child) -> QuerySet[CaseMessage]:
    return CaseMessage.objects.filter(
        child=child,
        organisation_id__in=message_organisations(user=user, child=child),
        side=CaseMessage.Side.FAMILY,
        seen_at__isnull=True,
        withdrawn_at__isnull=True,
    )


def unseen_on_caseload(user: Any) -> int:
    """Family messages nobody at the authority has opened, on the children this person is the
    caseworker for (the dashboard's count)."""
    if not getattr(user, "is_authenticated", False):
        return 0
    return CaseMessage.objects.filter(
        child__caseworker=user,
        organisation_id=F("child__local_authority_id"),
        side=CaseMessage.Side.FAMILY,
        seen_at__isnull=True,
        withdrawn_at__isnull=True,
    ).count()


def dashboard_unseen_messages(*, user: Any, today: date, scope: str) -> int:
    """The dashboard's count of new family messages (whatever its view)."""
    return unseen_on_caseload(user)


def message_get(*, user: Any, child: Child, pk: int) -> CaseMessage:
    """One message of this child's conversation that the person may read, or 404."""
    if user.has_perm("casefile.family_messages", child):
        found = messages_for_family(user=user, child=child)
    else:
        found = messages_for_staff(user=user, child=child)
    message = found.filter(pk=pk).first()
    if message is None:
        raise Http404("No such message")
    return message


@dataclass(frozen=True)
class MessageContact:
    """Who the family writes to, with a name to ask for and a telephone number."""

    organisation_id: int
    body: str
    person: str
    phone: str


def message_contacts(child: Child) -> list[MessageContact]:
    """The child's authority (naming the caseworker while they work there) and, while a
    mediation case is open, its provider (naming the case manager)."""
    from redress.accounts.models import LA_ROLES
    from redress.accounts.selectors import has_role_at

    authority = child.local_authority
    caseworker = child.caseworker
    person = ""
    if caseworker is not None and has_role_at(caseworker, authority.pk, LA_ROLES):
        person = caseworker.get_full_name() or caseworker.username
    found = [MessageContact(authority.pk, authority.name, person, authority.phone)]
    for case in child.mediation_cases.filter(
        withdrawn_at__isnull=True, concluded_on__isnull=True
    ).select_related("provider", "case_manager"):
        if any(c.organisation_id == case.provider_id for c in found):
            continue
        manager = case.case_manager
        found.append(
            MessageContact(
                case.provider_id,
                case.provider.name,
                (manager.get_full_name() or manager.username) if manager else "",
                case.provider.phone,
            )
        )
    return found


def advice_documents(*, advice_requests: Any) -> QuerySet[CaseDocument]:
    """The standing case documents kept as these advice requests' advice (section K of a plan
    links to them; each reader's permission on each document is still checked by the caller)."""
    return CaseDocument.objects.filter(
        advice_request__in=advice_requests, withdrawn_at__isnull=True
    ).select_related("child")
