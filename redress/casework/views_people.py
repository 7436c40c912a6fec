"""Pages for a child's details, family members and consents (local authority staff)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from redress.accounts.models import Organisation
from redress.casework import selectors, services
from redress.casework.forms_people import ChildEditForm, ConsentForm, FamilyMemberForm
from redress.core.versions import call_service
from redress.statutory.engine import today_in_london


@require_http_methods(["GET", "POST"])
@login_required
def child_edit(request: HttpRequest, pk: int) -> HttpResponse:
    child = selectors.child_get(user=request.user, pk=pk, perm="casework.change_child")
    # The case stays with its local authority; its caseworker must work there.
    authorities = Organisation.objects.filter(pk=child.local_authority_id)
    initial = {
        "first_name": child.first_name,
        "last_name": child.last_name,
        "date_of_birth": child.date_of_birth,
        "upn": child.upn,
        "uln": child.uln,
        "local_authority": child.local_authority_id,
        "setting": child.setting_id,
        "team": child.team,
        "caseworker": child.caseworker_id,
        "young_person_views": child.young_person_views,
        "version": child.version,
    }
    form = ChildEditForm(request.POST or None, initial=initial, local_authorities=authorities)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = call_service(
            form,
            lambda: services.child_update(
                actor=request.user,
                child=child,
                first_name=data["first_name"],
                last_name=data["last_name"],
                date_of_birth=data["date_of_birth"],
                setting=data["setting"],
                team=data["team"],
                caseworker=data["caseworker"],
                upn=data["upn"],
                uln=data["uln"],
                young_person_views=data["young_person_views"],
                expected_version=data.get("version"),
            ),
            child=child,
        )
        if saved is not None:
            messages.success(request, "The details were saved.")
            return redirect("casework:case-detail", pk=child.pk)
    is_young_person = child.age_on(today_in_london()) >= services.YOUNG_PERSON_AGE
    return render(
        request,
        "casework/child_edit.html",
        {"child": child, "form": form, "is_young_person": is_young_person},
    )


@require_http_methods(["GET", "POST"])
@login_required
def family_member_new(request: HttpRequest, pk: int) -> HttpResponse:
    child = selectors.child_get(user=request.user, pk=pk, perm="casework.change_child")
    form = FamilyMemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        member = call_service(
            form,
            lambda: services.family_member_add(
                actor=request.user, child=child, **form.cleaned_data
            ),
        )
        if member is not None:
            messages.success(request, f"{member.name} was added to the family.")
            return redirect("casework:case-detail", pk=child.pk)
    return render(request, "casework/family_member_new.html", {"child": child, "form": form})


@require_http_methods(["GET", "POST"])
@login_required
def consent_new(request: HttpRequest, pk: int) -> HttpResponse:
    child = selectors.child_get(user=request.user, pk=pk, perm="casework.change_child")
    form = ConsentForm(request.POST or None, child=child)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        consent = call_service(
            form,
            lambda: services.consent_record(
                actor=request.user,
                child=child,
                given_by=data["given_by"],
                supporter=data["supporter"],
                supporter_organisation=form.supporter_organisation(),
                given_on=data["given_on"],
                scope=data["scope"],
            ),
        )
        if consent is not None:
            messages.success(
                request, "The consent was recorded. The supporter can now see the case."
            )
            return redirect("casework:case-detail", pk=child.pk)
    return render(request, "casework/consent_new.html", {"child": child, "form": form})
