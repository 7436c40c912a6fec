"""Inviting a family member or young person to sign in (a caseworker's page), following the
invitation link (the family's page), and a young person stopping a parent seeing their case."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from redress.audit.services import audit_record
from redress.casework.models import FamilyMember
from redress.casework.selectors import child_get
from redress.core.forms import add_service_errors
from redress.family import invitations, services
from redress.family.models import FamilyInvitation
from redress.family.views import SESSION_EMAIL


class InviteForm(forms.Form):
    basis = forms.ChoiceField(
        label="Why may this parent or carer see the young person's case?",
        choices=[c for c in FamilyInvitation.Basis.choices if c[0]],
        required=False,
        widget=forms.RadioSelect,
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def invite(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    child = child_get(user=request.user, pk=pk, perm="casework.change_child")
    member = get_object_or_404(FamilyMember, pk=member_pk, child=child)
    young = invitations.is_young_person(child)
    asks_basis = young and member.relationship != FamilyMember.Relationship.YOUNG_PERSON
    form = InviteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            invitations.family_invitation_send(
                actor=request.user, member=member, basis=form.cleaned_data.get("basis", "")
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"We have emailed an invitation to {member.name}.")
            return redirect("casework:case-detail", pk=child.pk)
    audit_record(
        actor=request.user,
        action="view",
        obj=member,
        child=child,
        summary=f"Opened the invitation page for {member.name}",
    )
    return render(
        request,
        "family/invite.html",
        {
            "child": child,
            "member": member,
            "form": form,
            "asks_basis": asks_basis,
            "young": young,
            "invitations": member.invitations.all()[:5],
            "invitation_days": invitations.INVITATION_DAYS,
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the invitation email: join the account, then sign in with a code."""
    found = invitations.invitation_for_token(token)
    if found is None:
        return render(
            request,
            "family/invitation_used.html",
            {"invitation_days": invitations.INVITATION_DAYS},
            status=404,
        )
    if request.method == "POST":
        accepted = invitations.family_invitation_accept(token=token)
        if accepted is None:
            return render(
                request,
                "family/invitation_used.html",
                {"invitation_days": invitations.INVITATION_DAYS},
                status=404,
            )
        services.sign_in_code_send(email=accepted.email)
        request.session[SESSION_EMAIL] = accepted.email
        return redirect("family:code-enter")
    own = found.member.relationship == FamilyMember.Relationship.YOUNG_PERSON
    return render(request, "family/invitation.html", {"invitation": found, "own": own})


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def access_stop(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    """A young person stops a parent or carer seeing their case."""
    child = child_get(user=request.user, pk=pk, perm="family.manage_consent")
    member = get_object_or_404(FamilyMember, pk=member_pk, child=child, user__isnull=False)
    own = invitations.young_person_account(child)
    if own is None or own.user_id != request.user.pk or member.pk == own.pk:
        return render(request, "403.html", status=403)
    if request.method == "POST":
        invitations.family_access_stop(actor=request.user, member=member)
        messages.success(
            request, gettext("%(who)s can no longer see your case.") % {"who": member.name}
        )
        return redirect("family:case", pk=child.pk)
    return render(request, "family/access_stop.html", {"child": child, "member": member})
