from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from redress.bankholidays.selectors import overrides_in_force


@require_GET
def override_list(request: HttpRequest) -> HttpResponse:
    return render(request, "bankholidays/list.html", {"overrides": overrides_in_force()})
