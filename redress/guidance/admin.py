"""Administration for the guidance library's reference data. Questions and answers are edited
on the editors' pages (/guidance/editor/), which keep their history; they are not offered here."""

from __future__ import annotations

from django.contrib import admin

from redress.guidance.models import Respondent, Step, Subscriber, Topic
from redress.notifications.admin import AdministratorAccess


@admin.register(Topic)
class TopicAdmin(AdministratorAccess, admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Step)
class StepAdmin(AdministratorAccess, admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["slug", "name"]


@admin.register(Respondent)
class RespondentAdmin(AdministratorAccess, admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name", "organisation"]


@admin.register(Subscriber)
class SubscriberAdmin(AdministratorAccess, admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["email", "confirmed", "created_at", "unsubscribed_at"]
    list_filter = ["confirmed"]
    readonly_fields = ["token", "created_at", "unsubscribed_at"]
