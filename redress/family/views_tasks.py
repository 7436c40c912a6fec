"""The family's requests as tasks: the list for the person who must act, and answering one."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from redress.audit.services import audit_record
from redress.core.forms import add_service_errors
from redress.core.listing import page_of, query_without
from redress.family import tasks
from redress.family.models import FamilyRequest


class AnswerForm(forms.Form):
    status = forms.ChoiceField(
        label="Where has this got to?",
        choices=FamilyRequest.Status.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose where the request has got to"},
    )
    reply = forms.CharField(
        label="Your reply to the family",
        help_text="The family reads this on their page. Use short, plain sentences.",
        required=False,
        max_length=5000,
        widget=forms.Textarea,
    )


@never_cache
@require_GET
@login_required
def task_list(request: HttpRequest) -> HttpResponse:
    show_done = request.GET.get("show") == "done"
    rows = tasks.tasks_for(request.user)
    rows = (
        rows.filter(status=FamilyRequest.Status.DONE)
        if show_done
        else rows.exclude(status=FamilyRequest.Status.DONE)
    )
    page = page_of(rows, request.GET.get("page"))
    audit_record(
        actor=request.user,
        action="view",
        object_type="family requests",
        summary=f"Viewed the list of families' requests (page {page.number})",
    )
    return render(
        request,
        "family/tasks.html",
        {"page": page, "show_done": show_done, "query": query_without(request, "page")},
    )


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    task = tasks.task_get(user=request.user, pk=pk)
    form = AnswerForm(
        request.POST if request.method == "POST" else None,
        initial={"status": task.status, "reply": task.reply},
    )
    if request.method == "POST" and form.is_valid():
        try:
            tasks.family_request_answer(actor=request.user, request=task, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Saved. The family can see where their request has got to.")
            return redirect("family:tasks")
    audit_record(
        actor=request.user,
        action="view",
        obj=task,
        child=task.child,
        summary=f"Viewed a family request ({task.get_kind_display()})",
    )
    return render(request, "family/task.html", {"task": task, "form": form})
