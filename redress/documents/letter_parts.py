"""The parts every letter Redress writes shares: who it is to, who signs it, and how a citation
or an organisation's contact details read in it. The decision notices, the escalation letter and
the step letters all use these; nothing here decides what a letter says."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate  # type: ignore[import-untyped]

from redress.accounts.models import LA_ROLES, Organisation
from redress.casework.models import Child, FamilyMember
from redress.core.words import staff_citation


def contact_details(organisation: Organisation | None) -> str:
    """An organisation's phone number and email address as a letter gives them ('' if none)."""
    if organisation is None:
        return ""
    parts = []
    if organisation.phone.strip():
        parts.append(f"phone {organisation.phone.strip()}")
    if organisation.email.strip():
        parts.append(f"email {organisation.email.strip()}")
    return ", ".join(parts)


def signer_role(actor: Any, local_authority: Organisation) -> str:
    """The signer's role at the authority, as the letter's signature names it."""
    membership = (
        actor.memberships.filter(organisation=local_authority, role__in=LA_ROLES, active=True)
        .order_by("role")
        .first()
    )
    return membership.get_role_display() if membership else "Local authority officer"


def signer_name(actor: Any) -> str:
    return getattr(actor, "display_name", "") or str(actor)


def cited(citation: str) -> str:
    """A citation as a family reads it in a letter: the sections, without the catalogue's notes
    about which numbers are still to be checked (those belong on /rules/ and staff pages)."""
    return staff_citation(citation)


def letter_recipients(child: Child) -> list[FamilyMember]:
    """Whom a letter to the family is to: the young person, else the parents and carers recorded
    on the case (with their addresses and communication needs)."""
    # `.all()`, so that a page checking many children reads their families at once.
    family = sorted(child.family.all(), key=lambda m: m.pk)
    young_person = [m for m in family if m.relationship == FamilyMember.Relationship.YOUNG_PERSON]
    parents = [
        m
        for m in family
        if m.relationship in (FamilyMember.Relationship.PARENT, FamilyMember.Relationship.CARER)
    ]
    return [m for m in (young_person or parents) if m.name.strip()]


@dataclass(frozen=True)
class Addressee:
    """Whom one letter goes to: a name, a postal address and an email address ('' where none is
    recorded)."""

    name: str
    postal: str
    email: str


def family_addressee(child: Child) -> Addressee:
    chosen = letter_recipients(child)
    return Addressee(
        name=" and ".join(m.name.strip() for m in chosen),
        postal=next((m.address.strip() for m in chosen if m.address.strip()), ""),
        email=next((m.email.strip() for m in chosen if m.email.strip()), ""),
    )


def communication_needs(child: Child) -> list[str]:
    """What the family asked for to read and discuss their letters: an interpreter, or an
    accessible format (large print, Braille, Easy Read), one line per person who asked."""
    needs = []
    for member in letter_recipients(child):
        if member.interpreter_language.strip():
            needs.append(f"{member.name}: an interpreter ({member.interpreter_language.strip()})")
        if member.accessible_format.strip():
            needs.append(f"{member.name}: {member.accessible_format.strip()}")
    return needs


def wants_large_print(child: Child) -> bool:
    return any("large" in m.accessible_format.lower() for m in letter_recipients(child))


def addressee_problem(addressee: Addressee, *, child: Child, who: str = "") -> str:
    """Why a letter cannot go to this addressee ('' when it can): it needs a named person and a
    postal or email address. `who` says where to record them, for a letter not to the family."""
    where = who or f"the parent, carer or young person it is for, on {child.full_name}'s record"
    if not addressee.name.strip():
        return f"The letter has no one to go to: record {where}, with their name."
    if not (addressee.postal.strip() or addressee.email.strip()):
        return (
            f"The letter has no address: record a postal address or an email address for "
            f"{addressee.name} ({where})."
        )
    return ""


def lost_fields(template: Path, fields: Iterable[str]) -> list[str]:
    """The fields a letter must carry that its template (perhaps edited in Word) no longer has."""
    declared = DocxTemplate(str(template)).get_undeclared_template_variables()
    return [f for f in fields if f not in declared]


def fields_named(fields: Iterable[str]) -> str:
    return ", ".join("{{ " + f + " }}" for f in fields)


__all__ = [
    "Addressee",
    "addressee_problem",
    "cited",
    "communication_needs",
    "contact_details",
    "family_addressee",
    "fields_named",
    "lost_fields",
    "letter_recipients",
    "signer_name",
    "signer_role",
    "wants_large_print",
]
