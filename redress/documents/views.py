"""Decision letters: a child's appealable decisions, each with its notice as a Word letter.
Views are thin: the decision_letters module reads, checks, fills and audits."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from redress.casework import selectors
from redress.casework.models import Child
from redress.core.downloads import content_disposition
from redress.documents.decision_letters import (
    ISSUE_PERMISSION,
    REQUIRED_ITEMS,
    appealable_decision_get,
    appealable_decisions,
    decision_letter_check,
    decision_letter_generate,
    letter_recipients,
)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _page(
    request: HttpRequest,
    child: Child,
    *,
    refused_key: str = "",
    errors: dict[str, list[str]] | None = None,
) -> HttpResponse:
    rows: list[dict[str, Any]] = []
    for decision in appealable_decisions(user=request.user, child=child):
        problems = decision_letter_check(actor=request.user, decision=decision)
        rows.append({"decision": decision, "problems": problems})
    refused = next((r["decision"] for r in rows if r["decision"].key == refused_key), None)
    summary = [
        {"key": key, "message": message}
        for key, messages in (errors or {}).items()
        for message in messages
    ]
    return render(
        request,
        "documents/decision_letters.html",
        {
            "child": child,
            "rows": rows,
            "required_items": REQUIRED_ITEMS,
            "errors": summary,
            "refused": refused,
            "recipients": letter_recipients(child),
        },
    )


@login_required
@require_GET
def decision_letters(request: HttpRequest, child_pk: int) -> HttpResponse:
    child = selectors.child_get(user=request.user, pk=child_pk, perm=ISSUE_PERMISSION)
    return _page(request, child)


@login_required
@require_http_methods(["GET", "POST"])
def decision_letter(request: HttpRequest, child_pk: int, key: str) -> HttpResponse:
    """POST: the Word letter for one decision (in large print when `format` is
    `large_print`), or the list page saying what it lacks."""
    child = selectors.child_get(user=request.user, pk=child_pk, perm=ISSUE_PERMISSION)
    decision = appealable_decision_get(user=request.user, child=child, key=key)
    if request.method != "POST":
        return redirect("documents:decision-letters", child_pk=child.pk)
    large_print = request.POST.get("format") == "large_print"
    try:
        content = decision_letter_generate(
            actor=request.user, decision=decision, large_print=large_print
        )
    except ValidationError as error:
        return _page(request, child, refused_key=decision.key, errors=error.message_dict)
    response = HttpResponse(content, content_type=DOCX)
    suffix = "-large-print" if large_print else ""
    filename = (
        f"{decision.kind.key.replace('_', '-')}-{child.pk}-{decision.notice_date}{suffix}.docx"
    )
    response["Content-Disposition"] = content_disposition(filename)
    return response
