"""Guidance pages. Readers' pages need no sign-in and show only published text; editors' pages
need the guidance permissions (the "Guidance editors" group holds them)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from redress.accounts.ratelimit import rate_limit_allows
from redress.core.downloads import content_disposition
from redress.core.forms import add_service_errors
from redress.guidance import selectors, services
from redress.guidance.digest import (
    digest_between,
    render_digest_html,
    render_digest_markdown,
)
from redress.guidance.forms import (
    AnswerForm,
    DigestForm,
    PublishForm,
    QuestionForm,
    SearchForm,
    SinceForm,
    StepsForm,
    SubscribeForm,
    format_sources,
)
from redress.guidance.models import Answer, Question, Subscriber
from redress.guidance.search import search_questions
from redress.statutory.engine import today_in_london


def editor_required(permission: str) -> Callable[[Callable[..., HttpResponse]], Any]:
    def wrap(view: Callable[..., HttpResponse]) -> Any:
        return login_required(permission_required(permission, raise_exception=True)(view))

    return wrap


# --- Readers ------------------------------------------------------------------------------


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "guidance/index.html",
        {"topics": selectors.topics_with_questions(), "form": SearchForm()},
    )


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    # A long query is cut short rather than refused: only its first words are searched anyway.
    query = form.cleaned_data["q"].strip()[:200] if form.is_valid() else ""
    results = search_questions(query, user=request.user) if query else []
    return render(
        request, "guidance/search.html", {"form": form, "query": query, "results": results}
    )


@require_GET
def question_detail(request: HttpRequest, slug: str) -> HttpResponse:
    question = selectors.question_for_readers(slug)
    if question is None:
        raise Http404("No published question has this address.")
    return render(
        request,
        "guidance/question.html",
        {
            "question": question,
            "answers": list(question.answers.all()),
            "shown": selectors.answers_shown(question),
            "last_updated": selectors.last_updated(question),
        },
    )


@require_GET
def answer_detail(request: HttpRequest, pk: int) -> HttpResponseRedirect:
    """The stable link to one answer: its place on the question's page."""
    answer = get_object_or_404(
        Answer.objects.select_related("question"),
        pk=pk,
        published_version__isnull=False,
        question__status="published",
    )
    return redirect(f"{answer.question.get_absolute_url()}#answer-{answer.pk}")


@require_GET
def changes(request: HttpRequest) -> HttpResponse:
    today = today_in_london()
    if "since" in request.GET:
        form = SinceForm(request.GET)
        since = form.cleaned_data["since"] if form.is_valid() else None
    else:
        since = today - timedelta(days=30)
        form = SinceForm(initial={"since": since.isoformat()})
    if since is not None and since > today:
        form.add_error("since", "The date must be today or in the past")
        since = None
    digest = digest_between(since, today) if since is not None else None
    return render(request, "guidance/changes.html", {"form": form, "digest": digest})


@require_http_methods(["GET", "POST"])
def subscribe(request: HttpRequest) -> HttpResponse:
    form = SubscribeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        if not rate_limit_allows(request, scope="guidance-subscribe", address=email):
            # Said for any address, so it tells nobody who has subscribed.
            form.add_error(
                "email",
                "You have asked for too many subscription emails. Wait "
                f"{settings.RATE_LIMIT_WINDOW_MINUTES} minutes, then try again.",
            )
            return render(request, "guidance/subscribe.html", {"form": form}, status=429)
        services.subscriber_add(
            email=form.cleaned_data["email"], base_url=request.build_absolute_uri("/")
        )
        return render(request, "guidance/subscribe_sent.html", {})
    return render(request, "guidance/subscribe.html", {"form": form})


@require_GET
def subscribe_confirm(request: HttpRequest, token: str) -> HttpResponse:
    subscriber = get_object_or_404(Subscriber, token=token)
    services.subscriber_confirm(subscriber=subscriber)
    return render(request, "guidance/subscribe_done.html", {"subscriber": subscriber})


@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    subscriber = get_object_or_404(Subscriber, token=token)
    done = False
    if request.method == "POST":
        services.subscriber_remove(subscriber=subscriber)
        done = True
    return render(request, "guidance/unsubscribe.html", {"subscriber": subscriber, "done": done})


# --- Editors ------------------------------------------------------------------------------


@require_GET
@editor_required(services.EDIT_PERMISSION)
def editor_home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "guidance/editor/home.html",
        {"answers": selectors.editor_answers(), "questions": selectors.editor_questions()},
    )


@require_http_methods(["GET", "POST"])
@editor_required("guidance.add_question")
def question_new(request: HttpRequest) -> HttpResponse:
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            question = services.question_create(
                text=form.cleaned_data["text"],
                topics=form.cleaned_data["topics"],
                actor=request.user,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect("guidance:editor-question", slug=question.slug)
    return render(request, "guidance/editor/question_new.html", {"form": form})


@require_http_methods(["GET", "POST"])
@editor_required(services.EDIT_PERMISSION)
def editor_question(request: HttpRequest, slug: str) -> HttpResponse:
    question = get_object_or_404(Question, slug=slug)
    form = StepsForm(request.POST or None, initial={"steps": list(question.steps.all())})
    if request.method == "POST":
        if not request.user.has_perm(services.LINK_PERMISSION):
            raise PermissionDenied
        if form.is_valid():
            services.question_set_steps(
                question=question, steps=form.cleaned_data["steps"], actor=request.user
            )
            messages.success(request, "The steps for this question were saved.")
            return redirect("guidance:editor-question", slug=question.slug)
    return render(
        request,
        "guidance/editor/question.html",
        {
            "question": question,
            "answers": question.answers.select_related("respondent"),
            "form": form,
        },
    )


@require_POST
@editor_required(services.PUBLISH_PERMISSION)
def question_publish(request: HttpRequest, slug: str) -> HttpResponse:
    question = get_object_or_404(Question, slug=slug)
    services.question_publish(question=question, actor=request.user)
    messages.success(request, "The question is published.")
    return redirect("guidance:editor-question", slug=question.slug)


def _with_current_version(request: HttpRequest, version: int) -> Any:
    """What the editor typed, with the answer's current version, so that saving again after
    checking the other editor's change succeeds instead of being refused for ever."""
    data = request.POST.copy()
    data["version"] = str(version)
    return data


@require_http_methods(["GET", "POST"])
@editor_required(services.EDIT_PERMISSION)
def answer_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    question = get_object_or_404(Question, slug=slug)
    answer = get_object_or_404(Answer, pk=pk, question=question) if pk is not None else None
    initial: dict[str, Any] = {}
    if answer is not None:
        initial = {
            "body": answer.body,
            "sources": format_sources(answer.sources_snapshot()),
            "version": answer.version,
        }
    new = question if answer is None else None
    form = AnswerForm(request.POST or None, initial=initial, question=new)
    conflict = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if answer is not None and data.get("version") is None:
                raise services.ConcurrentEditError  # a change must say which version it edits
            saved = services.answer_save_draft(
                question=question,
                respondent=answer.respondent if answer else data["respondent"],
                body=data["body"],
                sources=data["sources"],
                reason=data["reason"],
                actor=request.user,
                expected_version=data.get("version"),
            )
        except services.ConcurrentEditError as exc:
            assert answer is not None  # only an existing answer has a version to conflict with
            answer.refresh_from_db()
            form = AnswerForm(_with_current_version(request, answer.version), question=new)
            form.is_valid()
            form.add_error(None, exc.message)
            conflict = True
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Draft saved as version {saved.version}.")
            return redirect("guidance:editor-question", slug=question.slug)
    return render(
        request,
        "guidance/editor/answer_edit.html",
        {
            "question": question,
            "answer": answer,
            "form": form,
            "conflict": conflict,
            "history": selectors.answer_history(answer) if answer else [],
        },
    )


@require_POST
@editor_required(services.EDIT_PERMISSION)
def answer_submit(request: HttpRequest, pk: int) -> HttpResponse:
    answer = get_object_or_404(Answer.objects.select_related("question"), pk=pk)
    try:
        services.answer_submit_for_review(answer=answer, actor=request.user)
        messages.success(request, "The answer is waiting for review.")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("guidance:editor-question", slug=answer.question.slug)


@require_http_methods(["GET", "POST"])
@editor_required(services.PUBLISH_PERMISSION)
def answer_publish(request: HttpRequest, pk: int) -> HttpResponse:
    answer = get_object_or_404(Answer.objects.select_related("question", "respondent"), pk=pk)
    form = PublishForm(request.POST or None, initial={"version": answer.version})
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data.get("version") is None:
                raise services.ConcurrentEditError  # publish only the version that was read
            services.answer_publish(
                answer=answer,
                actor=request.user,
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data.get("version"),
            )
        except services.ConcurrentEditError:
            answer.refresh_from_db()
            form = PublishForm(_with_current_version(request, answer.version))
            form.is_valid()
            form.add_error(
                None,
                "Someone changed this answer after you opened this page, so it was not "
                f"published. Read version {answer.version} below, then publish again.",
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "The answer is published.")
            return redirect("guidance:editor-question", slug=answer.question.slug)
    return render(
        request,
        "guidance/editor/answer_publish.html",
        {"answer": answer, "form": form},
    )


def _digest_from_request(request: HttpRequest) -> tuple[DigestForm, Any]:
    get = request.GET
    if not any(key in get for key in ("from", "to", "start", "end")):
        end = today_in_london()
        form = DigestForm({"start": (end - timedelta(days=30)).isoformat(), "end": end})
    else:
        form = DigestForm(
            {
                "start": get.get("from", get.get("start", "")),
                "end": get.get("to", get.get("end", "")),
            }
        )
    digest = None
    if form.is_valid():
        digest = digest_between(form.cleaned_data["start"], form.cleaned_data["end"])
    return form, digest


@require_GET
@editor_required(services.EDIT_PERMISSION)
def digest(request: HttpRequest) -> HttpResponse:
    form, result = _digest_from_request(request)
    query = ""
    if result is not None:
        query = f"?from={result.start.isoformat()}&to={result.end.isoformat()}"
    return render(
        request, "guidance/editor/digest.html", {"form": form, "digest": result, "query": query}
    )


@require_GET
@editor_required(services.EDIT_PERMISSION)
def digest_download(request: HttpRequest, fmt: str) -> HttpResponse:
    form, result = _digest_from_request(request)
    if result is None:
        return redirect(reverse("guidance:digest") + "?" + request.GET.urlencode())
    base_url = request.build_absolute_uri("/")
    name = f"guidance-digest-{result.start.isoformat()}-to-{result.end.isoformat()}.{fmt}"
    if fmt == "html":
        response = HttpResponse(
            render_digest_html(result, base_url=base_url), content_type="text/html; charset=utf-8"
        )
    else:
        response = HttpResponse(
            render_digest_markdown(result, base_url=base_url),
            content_type="text/markdown; charset=utf-8",
        )
    response["Content-Disposition"] = content_disposition(name)
    return response
