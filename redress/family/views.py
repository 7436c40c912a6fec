"""The family's pages: their cases in plain English, and what they can do.

Every date comes from the deadline table; these views never add or subtract days.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods

from redress.audit.reads import record_reads
from redress.audit.services import audit_record
from redress.casefile import selectors as casefile_selectors
from redress.casefile.models import CaseDocument
from redress.casefile.views_documents import document_file_response
from redress.casework.models import Child
from redress.casework.selectors import child_get, family_cases_for
from redress.core.downloads import safe_filename
from redress.core.forms import add_service_errors
from redress.core.late import NOT_LEGAL_ADVICE
from redress.core.voice import voice_for
from redress.family import selectors, services
from redress.family.display import needs_of
from redress.family.forms import (
    KIND_BY_SLUG,
    REQUEST_PAGES,
    CodeForm,
    DocumentForm,
    EmailForm,
    RequestForm,
    SectionAForm,
)
from redress.family.models import FamilyDocument
from redress.family.plain import ASK_TO_SEE_ADVICE
from redress.family.views_display import has_large_print

SESSION_EMAIL = "redress_sign_in_code_email"
SESSION_NEXT = "redress_sign_in_code_next"


def _case(request: HttpRequest, pk: int, perm: str = "family.view_case") -> Child:
    return child_get(user=request.user, pk=pk, perm=perm)


# -- Signing in with a code -----------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def code_request(request: HttpRequest) -> HttpResponse:
    """Step 1: the person gives their email address; a code goes to it if we know it."""
    form = EmailForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        services.sign_in_code_send(email=email)
        request.session[SESSION_EMAIL] = email
        next_url = request.POST.get("next", "")
        if url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
            request.session[SESSION_NEXT] = next_url
        return redirect("family:code-enter")
    return render(
        request, "family/code_request.html", {"form": form, "next": request.GET.get("next", "")}
    )


@require_http_methods(["GET", "POST"])
def code_enter(request: HttpRequest) -> HttpResponse:
    """Step 2: the person types the code from the email."""
    email = request.session.get(SESSION_EMAIL)
    if not email:
        return redirect("family:code-request")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = services.sign_in_code_check(email=email, code=form.cleaned_data["code"])
        if user is None:
            form.add_error(
                "code",
                gettext(
                    "That code is wrong, or it has run out. Check the email, or ask for a new code."
                ),
            )
        else:
            next_url = request.session.pop(SESSION_NEXT, "")
            request.session.pop(SESSION_EMAIL, None)
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            if next_url and url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
                return redirect(next_url)
            return redirect("family:home")
    return render(request, "family/code_enter.html", {"form": form, "email": email})


# -- The family's cases ---------------------------------------------------------------------


@require_GET
@login_required
def home(request: HttpRequest) -> HttpResponse:
    cases = list(family_cases_for(request.user))
    if len(cases) == 1:
        return redirect("family:case", pk=cases[0].pk)
    record_reads(cases, summary="Saw the child named on the family's home page")
    return render(request, "family/home.html", {"cases": cases})


@require_GET
@login_required
def case(request: HttpRequest, pk: int) -> HttpResponse:
    child = _case(request, pk)
    audit_record(
        actor=request.user, action="view", obj=child, child=child, summary="Viewed the family page"
    )
    contributions = selectors.family_contributions(user=request.user, child=child)
    family_case = selectors.family_case(user=request.user, child=child)
    shared = casefile_selectors.documents_shared_with_family(user=request.user, child=child)
    context: dict[str, Any] = {
        "case": family_case,
        # "You can ask to see the advice" links to the advice once the council has shared some.
        "ask_to_see_advice": family_case.voice.say(str(ASK_TO_SEE_ADVICE)),
        "advice_shared": shared.filter(kind=CaseDocument.Kind.ADVICE).exists(),
        "has_shared_documents": shared.exists(),
        "unseen_messages": casefile_selectors.unseen_by_family(child).count(),
        "child": child,
        "views": contributions.views[0] if contributions.views else None,
        "documents": contributions.documents,
        "requests": contributions.requests,
        "request_pages": [(page["slug"], page["title"]) for page in REQUEST_PAGES.values()],
        "has_many_cases": family_cases_for(request.user).count() > 1,
        "comment_window": selectors.comment_window(child=child),
        "not_legal_advice": NOT_LEGAL_ADVICE,
        # The reader's communication needs as recorded (decision 0175).
        "needs": needs_of(request.user, child),
    }
    return render(request, "family/case.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def section_a(request: HttpRequest, pk: int) -> HttpResponse:
    child = _case(request, pk, "family.contribute")
    latest = child.section_a_views.first()
    initial = (
        {"about_child": latest.about_child, "hopes": latest.hopes, "what_helps": latest.what_helps}
        if latest
        else None
    )
    form = SectionAForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.section_a_views_save(actor=request.user, child=child, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, gettext("Thank you. We have saved your views."))
            return redirect("family:case", pk=child.pk)
    return render(request, "family/section_a.html", {"child": child, "form": form})


@require_http_methods(["GET", "POST"])
@login_required
def document_upload(request: HttpRequest, pk: int) -> HttpResponse:
    child = _case(request, pk, "family.contribute")
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            record = services.family_document_upload(
                actor=request.user,
                child=child,
                document=form.cleaned_data["document"],
                description=form.cleaned_data["description"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, gettext("Uploaded: %(description)s.") % {"description": record.description}
            )
            return redirect("family:case", pk=child.pk)
    return render(request, "family/document_upload.html", {"child": child, "form": form})


@require_GET
@login_required
def document_download(request: HttpRequest, pk: int, document_pk: int) -> FileResponse:
    child = _case(request, pk, perm="family.read_contributions")
    record = get_object_or_404(FamilyDocument, pk=document_pk, child=child)
    audit_record(
        actor=request.user,
        action="download",
        obj=record,
        child=child,
        summary=f"Downloaded {record.description}",
    )
    return FileResponse(
        record.document.open("rb"), as_attachment=True, filename=safe_filename(record.original_name)
    )


@require_GET
@login_required
def shared_documents(request: HttpRequest, pk: int) -> HttpResponse:
    """The documents the council has shared with the family, each with the date it was sent."""
    child = _case(request, pk, "casefile.view_shared_documents")
    documents = list(
        casefile_selectors.documents_shared_with_family(user=request.user, child=child)
    )
    for document in documents:  # a letter as a Word file also comes in large print (0175)
        document.has_large_print = has_large_print(document)  # type: ignore[attr-defined]
    audit_record(
        actor=request.user,
        action="view",
        obj=child,
        child=child,
        summary=f"Viewed the documents shared with the family ({len(documents)})",
    )
    return render(
        request,
        "family/shared_documents.html",
        {
            "child": child,
            "documents": documents,
            "voice": voice_for(user=request.user, child=child),
            "needs": needs_of(request.user, child),
        },
    )


@require_GET
@login_required
def shared_document_download(request: HttpRequest, pk: int, document_pk: int) -> FileResponse:
    child = _case(request, pk, "casefile.view_shared_documents")
    document = casefile_selectors.document_get(user=request.user, child=child, pk=document_pk)
    return document_file_response(request, document)


@require_http_methods(["GET", "POST"])
@login_required
def family_request(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    request_kind = KIND_BY_SLUG.get(kind)
    if request_kind is None:
        raise Http404("No such request")
    page = REQUEST_PAGES[request_kind]
    child = _case(request, pk, "family.contribute")
    form = RequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.family_request_make(
                actor=request.user, child=child, kind=request_kind, text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, page["done"])
            return redirect("family:case", pk=child.pk)
    return render(request, "family/request.html", {"child": child, "form": form, "page": page})


@require_http_methods(["GET", "POST"])
@login_required
def consent_withdraw(request: HttpRequest, pk: int, consent_pk: int) -> HttpResponse:
    child = _case(request, pk, "family.manage_consent")  # the family only, never a supporter
    consent = selectors.consent_in_force_get(child=child, pk=consent_pk)
    if request.method == "POST":
        services.consent_withdraw(actor=request.user, consent=consent)
        who = consent.supporter_organisation or consent.supporter.get_full_name()
        messages.success(request, gettext("%(who)s can no longer see your case.") % {"who": who})
        return redirect("family:case", pk=child.pk)
    return render(request, "family/consent_withdraw.html", {"child": child, "consent": consent})
