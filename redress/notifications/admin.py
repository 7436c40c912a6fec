"""The outbox, reminder rules and calendar addresses in /admin/. Administrators (the
Administrator role) see them without model permissions being handed out one by one."""

from __future__ import annotations

from django.contrib import admin

from redress.accounts.admin_site import RedressModelAdmin
from redress.notifications.models import (
    CalendarToken,
    Message,
    NotificationPreference,
    ReminderRule,
)


@admin.register(ReminderRule)
class ReminderRuleAdmin(RedressModelAdmin):
    administrators_may = frozenset({"view"})
    list_display = ("rule", "lead_days", "remind_overdue", "escalate_after_days", "active")
    list_editable = ("lead_days", "remind_overdue", "escalate_after_days", "active")
    list_filter = ("active",)


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(RedressModelAdmin):
    list_display = ("user", "delivery")
    list_filter = ("delivery",)
    raw_id_fields = ("user",)


@admin.register(Message)
class MessageAdmin(RedressModelAdmin):
    """The message log: read-only (the failures page sends messages again)."""

    administrators_may = frozenset({"view"})

    list_display = ("pk", "template", "to_address", "channel", "status", "attempts", "created_at")
    list_filter = ("status", "channel", "template")
    search_fields = ("to_address", "dedupe_key")
    exclude = ("personalisation",)  # may hold a child's details or a sign-in code

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(CalendarToken)
class CalendarTokenAdmin(RedressModelAdmin):
    list_display = ("user", "hint", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("user", "token_hash", "hint", "created_at", "last_used_at")
    fields = ("user", "hint", "created_at", "last_used_at", "revoked_at")

    def has_add_permission(self, request: object) -> bool:
        return False
