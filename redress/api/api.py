"""The JSON API, version 1 (`/api/v1/`, OpenAPI document at `/api/v1/openapi.json`, interactive
docs at `/api/v1/docs`).

Every call authenticates with an organisation's API token (`Authorization: Bearer rdx_…`), is
limited by the token's scopes and rate, reads through the same selectors and writes through the
same services as the pages (acting as the token's account), and is written to the audit log.
The mediator's notes are not in any schema here.
"""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any, Literal

from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Field, NinjaAPI, Query, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import HttpBearer

from redress.api.models import ApiToken, token_hash
from redress.audit.services import audit_record
from redress.casework import selectors as casework_selectors
from redress.casework.models import AdviceRequest, Deadline
from redress.casework.services import advice_request_mark_received
from redress.core.versions import ConcurrentEditError
from redress.mediation.selectors import mediation_cases_visible_to

PAGE_SIZE = 50


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        found = (
            ApiToken.objects.select_related("user", "organisation")
            .filter(hashed=token_hash(token), revoked_at__isnull=True)
            .first()
        )
        if found is None or not found.user.is_active:
            return None
        minute = int(timezone.now().timestamp() // 60)
        key = f"api-rate:{found.pk}:{minute}"
        calls = cache.get_or_set(key, 0, timeout=120) or 0
        if calls >= found.rate_per_minute:
            raise RateLimited(found.rate_per_minute)
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, timeout=120)
        ApiToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
        request.user = found.user
        request.api_token = found  # type: ignore[attr-defined]
        return found


class RateLimited(Exception):
    def __init__(self, per_minute: int) -> None:
        super().__init__(per_minute)
        self.per_minute = per_minute


api = NinjaAPI(
    title="Redress API",
    version="1",
    description=(
        "Read the advice requests sent to your organisation and record advice received; read "
        "your mediation cases; read open deadlines. Authenticate with the API token an "
        "administrator issued to your organisation: `Authorization: Bearer rdx_…`."
    ),
    auth=TokenAuth(),
    urls_namespace="api-v1",
)


class Error(Schema):
    detail: str
    code: str


def _error(request: HttpRequest, status: int, code: str, detail: str) -> HttpResponse:
    return api.create_response(request, {"detail": detail, "code": code}, status=status)


@api.exception_handler(RateLimited)
def _rate_limited(request: HttpRequest, exc: RateLimited) -> HttpResponse:
    response = _error(
        request,
        429,
        "rate_limited",
        f"This token may make {exc.per_minute} calls a minute. Wait and try again.",
    )
    response["Retry-After"] = "60"
    return response


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: Exception) -> HttpResponse:
    response = _error(
        request,
        401,
        "unauthenticated",
        "Send a valid, unrevoked API token: 'Authorization: Bearer rdx_…'.",
    )
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _error(request, 403, "forbidden", str(exc) or "This token may not do that.")


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _error(request, 404, "not_found", "There is no such record, or it is not yours.")


@api.exception_handler(NinjaValidationError)
def _invalid(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    problems = "; ".join(
        f"{'.'.join(str(p) for p in e.get('loc', [])[1:]) or 'request'}: {e.get('msg', '')}"
        for e in exc.errors
    )
    return _error(request, 422, "invalid", problems or "The request is not valid.")


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    codes = {
        400: "bad_request",
        409: "conflict",
        412: "precondition_failed",
        428: "precondition_required",
    }
    return _error(request, exc.status_code, codes.get(exc.status_code, "error"), str(exc))


def _token(request: HttpRequest) -> ApiToken:
    return request.api_token  # type: ignore[attr-defined,no-any-return]


def _require(request: HttpRequest, scope: str) -> ApiToken:
    token = _token(request)
    if scope not in token.scopes:
        raise PermissionDenied(f"This token lacks the scope {scope}.")
    return token


def _audit(
    request: HttpRequest,
    action: str,
    summary: str,
    obj: Any = None,
    child: Any = None,
    object_type: str = "",
) -> None:
    token = _token(request)
    audit_record(
        actor=token.user,
        action=action,
        obj=obj,
        child=child,
        object_type=object_type,
        summary=f"API ({token.name}, {token.prefix}…): {summary}",
    )


def _page(queryset: QuerySet[Any], page: int) -> tuple[list[Any], int]:
    total = queryset.count()
    start = (page - 1) * PAGE_SIZE
    return list(queryset[start : start + PAGE_SIZE]), total


# -- Advice requests ------------------------------------------------------------------------


class AdviceRequestOut(Schema):
    id: int
    ref: str
    child_id: int
    child_name: str
    child_date_of_birth: date
    advice_type: str
    recipient_organisation: str
    date_sent: date
    date_received: date | None
    due: date | None
    status: Literal["open", "received"]
    withdrawn: bool = Field(
        description="Withdrawn by the local authority as sent in error: no advice is due."
    )
    etag: str


class AdviceRequestPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[AdviceRequestOut]


class AdviceReceivedIn(Schema):
    date_received: date


def _advice_etag(advice: AdviceRequest) -> str:
    # The case's version is what the service checks, so it is what the tag carries.
    raw = f"{advice.pk}:{advice.child.version}:{advice.date_received}:{advice.withdrawn_at}"
    return '"' + hashlib.sha256(raw.encode()).hexdigest()[:20] + f'-v{advice.child.version}"'


def _advice_out(advice: AdviceRequest, due: dict[tuple[int, str], date]) -> AdviceRequestOut:
    return AdviceRequestOut(
        id=advice.pk,
        ref=advice.ref,
        child_id=advice.child_id,
        child_name=advice.child.full_name,
        child_date_of_birth=advice.child.date_of_birth,
        advice_type=advice.advice_type,
        recipient_organisation=advice.recipient_organisation.name,
        date_sent=advice.date_sent,
        date_received=advice.date_received,
        due=due.get((advice.child_id, advice.ref)),
        status="received" if advice.date_received else "open",
        withdrawn=advice.withdrawn,
        etag=_advice_etag(advice),
    )


def _dues(advice: list[AdviceRequest]) -> dict[tuple[int, str], date]:
    rows = Deadline.objects.filter(
        rule="advice.response",
        child_id__in={a.child_id for a in advice},
        ref__in={a.ref for a in advice},
    ).values_list("child_id", "ref", "due")
    return {(child, ref): due for child, ref, due in rows}


class AdviceFilters(Schema):
    status: Literal["open", "received"] | None = None
    sent_from: date | None = None
    sent_to: date | None = None
    page: int = Field(1, ge=1, le=100000, description="Page number, from 1 (50 to a page)")


@api.get(
    "/advice-requests",
    response={200: AdviceRequestPage, 401: Error, 403: Error, 422: Error, 429: Error},
    tags=["advice"],
    summary="Advice requests sent to your organisation",
)
def advice_requests_list(request: HttpRequest, filters: Query[AdviceFilters]) -> AdviceRequestPage:
    _require(request, "advice:read")
    # A request withdrawn as sent in error is not one the organisation has to answer.
    queryset = (
        casework_selectors.advice_requests_visible_to(request.user)
        .filter(withdrawn_at__isnull=True)
        .select_related("child")
    )
    if filters.status == "open":
        queryset = queryset.filter(date_received__isnull=True)
    elif filters.status == "received":
        queryset = queryset.filter(date_received__isnull=False)
    if filters.sent_from:
        queryset = queryset.filter(date_sent__gte=filters.sent_from)
    if filters.sent_to:
        queryset = queryset.filter(date_sent__lte=filters.sent_to)
    rows, total = _page(queryset.order_by("date_sent", "id"), filters.page)
    due = _dues(rows)
    _audit(
        request,
        "view",
        f"listed advice requests (page {filters.page}, {len(rows)} rows)",
        object_type="casework.AdviceRequest",
    )
    return AdviceRequestPage(
        count=total,
        page=filters.page,
        page_size=PAGE_SIZE,
        results=[_advice_out(a, due) for a in rows],
    )


@api.get(
    "/advice-requests/{advice_id}",
    response={
        200: AdviceRequestOut,
        304: None,
        401: Error,
        403: Error,
        404: Error,
        422: Error,
        429: Error,
    },
    tags=["advice"],
    summary="One advice request",
    description="Send an ETag you hold in If-None-Match: while the request is unchanged the "
    "answer is 304 with no body.",
)
def advice_request_detail(
    request: HttpRequest, advice_id: int, response: HttpResponse
) -> AdviceRequestOut | HttpResponse:
    _require(request, "advice:read")
    advice = casework_selectors.advice_request_get(user=request.user, pk=advice_id)
    out = _advice_out(advice, _dues([advice]))
    if _matches(request.headers.get("If-None-Match"), out.etag):
        _audit(request, "view", f"checked {advice}: unchanged", obj=advice, child=advice.child)
        not_modified = HttpResponse(status=304)
        not_modified["ETag"] = out.etag
        return not_modified
    response["ETag"] = out.etag
    _audit(request, "view", f"read {advice}", obj=advice, child=advice.child)
    return out


def _matches(if_none_match: str | None, etag: str) -> bool:
    """RFC 9110's weak comparison for If-None-Match: any listed tag, or "*"."""
    if not if_none_match:
        return False
    tags = [t.strip().removeprefix("W/") for t in if_none_match.split(",")]
    return "*" in tags or etag in tags


@api.post(
    "/advice-requests/{advice_id}/received",
    response={
        200: AdviceRequestOut,
        400: Error,
        401: Error,
        403: Error,
        404: Error,
        412: Error,
        422: Error,
        428: Error,
        429: Error,
    },
    tags=["advice"],
    summary="Record the advice as received",
    description="Send the advice request's current ETag in If-Match; a stale tag is refused "
    "with 412 and nothing is changed.",
)
def advice_request_received(
    request: HttpRequest, advice_id: int, body: AdviceReceivedIn, response: HttpResponse
) -> AdviceRequestOut:
    _require(request, "advice:write")
    advice = casework_selectors.advice_request_get(
        user=request.user, pk=advice_id, perm="casework.respond_advicerequest"
    )
    if_match = request.headers.get("If-Match")
    if not if_match:
        raise HttpError(428, "Send the advice request's ETag in If-Match.")
    if if_match.strip() != _advice_etag(advice):
        raise HttpError(412, "The advice request changed since you read it: read it again.")
    try:
        advice = advice_request_mark_received(
            actor=request.user,
            advice_request=advice,
            date_received=body.date_received,
            expected_version=advice.child.version,
        )
    except ConcurrentEditError:
        raise HttpError(412, "The case changed while saving: read it again.") from None
    except ValidationError as error:
        raise HttpError(400, " ".join(error.messages)) from None
    advice.child.refresh_from_db(fields=["version"])
    out = _advice_out(advice, _dues([advice]))
    response["ETag"] = out.etag
    _audit(
        request,
        "update",
        f"recorded {advice} received on {body.date_received}",
        obj=advice,
        child=advice.child,
    )
    return out


# -- Mediation cases -------------------------------------------------------------------------


class MediationCaseOut(Schema):
    id: int
    child_id: int
    child_name: str
    provider: str
    decision: str
    decision_notice_date: date
    adviser_contacted_on: date | None
    family_choice: str
    meeting_dates: list[date]
    held_on: date | None


class MediationCasePage(Schema):
    count: int
    page: int
    page_size: int
    results: list[MediationCaseOut]


class MediationFilters(Schema):
    decision_from: date | None = None
    decision_to: date | None = None
    status: Literal["held", "not_held"] | None = None
    page: int = Field(1, ge=1, le=100000, description="Page number, from 1 (50 to a page)")


@api.get(
    "/mediation-cases",
    response={200: MediationCasePage, 400: Error, 401: Error, 403: Error, 422: Error, 429: Error},
    tags=["mediation"],
    summary="Mediation cases you may see (without the mediator's notes)",
)
def mediation_cases_list(
    request: HttpRequest, filters: Query[MediationFilters]
) -> MediationCasePage:
    _require(request, "mediation:read")
    queryset = mediation_cases_visible_to(request.user).prefetch_related("meetings")
    if filters.decision_from:
        queryset = queryset.filter(decision_notice_date__gte=filters.decision_from)
    if filters.decision_to:
        queryset = queryset.filter(decision_notice_date__lte=filters.decision_to)
    if filters.status == "held":
        queryset = queryset.filter(meetings__status="held").distinct()
    elif filters.status == "not_held":
        queryset = queryset.exclude(meetings__status="held")
    rows, total = _page(queryset.order_by("decision_notice_date", "id"), filters.page)
    results = []
    for case in rows:
        meetings = [m for m in case.meetings.all() if m.status != "cancelled"]
        held = [m.held_on or m.meeting_date for m in meetings if m.status == "held"]
        results.append(
            MediationCaseOut(
                id=case.pk,
                child_id=case.child_id,
                child_name=case.child.full_name,
                provider=case.provider.name,
                decision=case.decision,
                decision_notice_date=case.decision_notice_date,
                adviser_contacted_on=case.adviser_contacted_on,
                family_choice=case.family_choice,
                meeting_dates=sorted(m.meeting_date for m in meetings),
                held_on=max(held) if held else None,
            )
        )
    _audit(
        request,
        "view",
        f"listed mediation cases (page {filters.page}, {len(rows)} rows)",
        object_type="mediation.MediationCase",
    )
    return MediationCasePage(count=total, page=filters.page, page_size=PAGE_SIZE, results=results)


# -- Deadlines -------------------------------------------------------------------------------


class DeadlineOut(Schema):
    child_id: int
    rule: str
    ref: str
    title: str
    due: date
    status: str
    actor: str
    citation: str
    organisation: str | None
    start_event: str = Field(description="The event that started the clock ('' if unknown)")
    start_date: date | None = Field(description="The date of that event")


class DeadlinePage(Schema):
    count: int
    page: int
    page_size: int
    results: list[DeadlineOut]


class DeadlineFilters(Schema):
    status: Literal["pending", "overdue", "excepted"] | None = None
    due_from: date | None = None
    due_to: date | None = None
    rule: str | None = None
    page: int = Field(1, ge=1, le=100000, description="Page number, from 1 (50 to a page)")


@api.get(
    "/deadlines",
    response={200: DeadlinePage, 400: Error, 401: Error, 403: Error, 422: Error, 429: Error},
    tags=["deadlines"],
    summary="Open deadlines on the cases you may see",
)
def deadlines_list(request: HttpRequest, filters: Query[DeadlineFilters]) -> DeadlinePage:
    _require(request, "deadlines:read")
    queryset = casework_selectors.open_deadlines_visible_to(request.user)
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    if filters.due_from:
        queryset = queryset.filter(due__gte=filters.due_from)
    if filters.due_to:
        queryset = queryset.filter(due__lte=filters.due_to)
    if filters.rule:
        queryset = queryset.filter(rule=filters.rule)
    rows, total = _page(queryset.order_by("due", "rule", "child_id", "id"), filters.page)
    _audit(
        request,
        "view",
        f"listed deadlines (page {filters.page}, {len(rows)} rows)",
        object_type="casework.Deadline",
    )
    return DeadlinePage(
        count=total,
        page=filters.page,
        page_size=PAGE_SIZE,
        results=[
            DeadlineOut(
                child_id=d.child_id,
                rule=d.rule,
                ref=d.ref,
                title=d.title,
                due=d.due,
                status=d.status,
                actor=d.actor,
                citation=d.citation,
                organisation=d.organisation.name if d.organisation else None,
                start_event=d.start_event,
                start_date=d.start_date,
            )
            for d in rows
        ],
    )
