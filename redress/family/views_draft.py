"""The family's comments on the draft plan and the council's answers; a family giving a
supporter consent to see the case. Dates come from the engine's rows, never from arithmetic."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from redress.audit.services import audit_record
from redress.casework.models import Child
from redress.casework.selectors import child_get
from redress.core.forms import add_service_errors
from redress.core.listing import page_of
from redress.core.voice import voice_for
from redress.family import selectors, services
from redress.family.forms import DraftAnswerForm, DraftCommentForm, SupporterForm


def _case(request: HttpRequest, pk: int, perm: str) -> Child:
    return child_get(user=request.user, pk=pk, perm=perm)


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def draft_comments(request: HttpRequest, pk: int) -> HttpResponse:
    """Comment on the draft plan while the family's time runs; read the council's answers."""
    child = _case(request, pk, "family.read_contributions")
    window = selectors.comment_window(child=child)
    may_comment = request.user.has_perm("family.comment_on_draft", child)
    form = DraftCommentForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not may_comment:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.draft_plan_comment_make(
                    actor=request.user, child=child, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request, gettext("Thank you. We have sent your comment to the council.")
                )
                return redirect("family:draft-comments", pk=child.pk)
    comments = page_of(
        selectors.draft_comments_for(user=request.user, child=child), request.GET.get("page")
    )
    audit_record(
        actor=request.user,
        action="view",
        obj=child,
        child=child,
        summary=f"Viewed the comments on the draft plan (page {comments.number})",
    )
    return render(
        request,
        "family/draft_comments.html",
        {
            "child": child,
            "window": window,
            "form": form,
            "may_comment": may_comment and window.is_open,
            "is_family": may_comment,
            "may_answer": request.user.has_perm("family.answer_draft_comments", child),
            "page": comments,
            "voice": voice_for(user=request.user, child=child),
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def draft_comment_withdraw(request: HttpRequest, pk: int, comment_pk: int) -> HttpResponse:
    child = _case(request, pk, "family.comment_on_draft")
    comment = selectors.draft_comment_get(user=request.user, child=child, pk=comment_pk)
    if comment.made_by_id != request.user.pk:
        raise PermissionDenied
    if request.method == "POST":
        services.draft_plan_comment_withdraw(actor=request.user, comment=comment)
        messages.success(
            request, gettext("You have withdrawn your comment. We keep a record of it.")
        )
        return redirect("family:draft-comments", pk=child.pk)
    audit_record(
        actor=request.user, action="view", obj=comment, child=child, summary=f"Viewed {comment}"
    )
    return render(
        request, "family/draft_comment_withdraw.html", {"child": child, "comment": comment}
    )


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def draft_comment_answer(request: HttpRequest, pk: int, comment_pk: int) -> HttpResponse:
    """The council answers one comment; the family reads the answer on their page."""
    child = _case(request, pk, "family.answer_draft_comments")
    comment = selectors.draft_comment_get(user=request.user, child=child, pk=comment_pk)
    form = DraftAnswerForm(
        request.POST if request.method == "POST" else None, initial={"answer": comment.answer}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.draft_plan_comment_answer(
                actor=request.user, comment=comment, answer=form.cleaned_data["answer"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Saved. The family can read your answer.")
            return redirect("family:draft-comments", pk=child.pk)
    audit_record(
        actor=request.user, action="view", obj=comment, child=child, summary=f"Viewed {comment}"
    )
    return render(
        request,
        "family/draft_comment_answer.html",
        {"child": child, "comment": comment, "form": form},
    )


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def consent_give(request: HttpRequest, pk: int) -> HttpResponse:
    """The family lets a supporter see the case (withdrawn on `family:consent-withdraw`)."""
    child = _case(request, pk, "family.manage_consent")  # the family only, never a supporter
    form = SupporterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            consent = services.consent_give(
                actor=request.user,
                child=child,
                supporter_email=form.cleaned_data["supporter_email"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            who = consent.supporter.get_full_name() or consent.supporter.username
            messages.success(
                request,
                gettext("%(who)s can now see your case and help you with it.") % {"who": who},
            )
            return redirect("family:case", pk=child.pk)
    audit_record(
        actor=request.user,
        action="view",
        obj=child,
        child=child,
        summary="Viewed the page to let a supporter see the case",
    )
    return render(request, "family/consent_give.html", {"child": child, "form": form})
