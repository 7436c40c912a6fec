"""Administration for the guidance library's reference data. Questions and answers are edited
on the editors' pages (/guidance/editor/), which keep their history; they are not offered here."""

from __future__ import annotations

from django.contrib import admin

from redress.accounts.admin_site import RedressModelAdmin
from redress.guidance.models import Respondent, Step, Subscriber, Topic


@admin.register(Topic)
class TopicAdmin(RedressModelAdmin):
    administrators_may = frozenset({"view"})
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Step)
class StepAdmin(RedressModelAdmin):
    administrators_may = frozenset({"view"})
    list_display = ["slug", "name"]


@admin.register(Respondent)
class RespondentAdmin(RedressModelAdmin):
    administrators_may = frozenset({"view"})
    list_display = ["name", "organisation"]


@admin.register(Subscriber)
class SubscriberAdmin(RedressModelAdmin):
    administrators_may = frozenset({"view"})
    list_display = ["email", "confirmed", "created_at", "unsubscribed_at"]
    list_filter = ["confirmed"]
    readonly_fields = ["token", "created_at", "unsubscribed_at"]
