from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from redress.core import catalogue
from redress.statutory.rules import RULES


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html")


@require_GET
def rules(request: HttpRequest) -> HttpResponse:
    groups = catalogue.group_rules(RULES)
    return render(
        request,
        "core/rules.html",
        {"groups": groups, "rule_count": len(RULES), "evidence_tags": catalogue.EVIDENCE_TAGS},
    )


@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")
