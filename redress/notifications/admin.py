"""The outbox, reminder rules and calendar addresses in /admin/. Administrators (the
Administrator role) see them without model permissions being handed out one by one."""

from __future__ import annotations

from typing import Any

from django.contrib import admin

from redress.notifications.models import (
    CalendarToken,
    Message,
    NotificationPreference,
    ReminderRule,
)


def is_administrator(request: Any) -> bool:
    """An active, staff account holding the Administrator role somewhere."""
    from redress.accounts.models import Membership, Role

    user = getattr(request, "user", None)
    return bool(
        user is not None
        and user.is_active
        and user.is_staff
        and Membership.objects.filter(user=user, role=Role.ADMINISTRATOR, active=True).exists()
    )


class AdministratorAccess:
    """Administrators may see and change these settings; others need the model permissions."""

    def has_module_permission(self, request: Any) -> bool:
        return is_administrator(request) or super().has_module_permission(request)  # type: ignore[misc]

    def has_view_permission(self, request: Any, obj: Any = None) -> bool:
        return is_administrator(request) or super().has_view_permission(request, obj)  # type: ignore[misc]

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return is_administrator(request) or super().has_change_permission(request, obj)  # type: ignore[misc]

    def has_add_permission(self, request: Any, *args: Any) -> bool:
        return is_administrator(request) or super().has_add_permission(request, *args)  # type: ignore[misc]


class AdministratorReadOnly(AdministratorAccess):
    """Administrators may look (the outbox is a log; it is never edited by hand)."""

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_add_permission(self, request: Any, *args: Any) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(ReminderRule)
class ReminderRuleAdmin(AdministratorAccess, admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("rule", "lead_days", "remind_overdue", "escalate_after_days", "active")
    list_editable = ("lead_days", "remind_overdue", "escalate_after_days", "active")
    list_filter = ("active",)


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("user", "delivery")
    list_filter = ("delivery",)
    raw_id_fields = ("user",)


@admin.register(Message)
class MessageAdmin(AdministratorReadOnly, admin.ModelAdmin):  # type: ignore[type-arg]
    """The message log (the outbox): read-only (the failures page sends messages again)."""

    list_display = ("pk", "template", "to_address", "channel", "status", "attempts", "created_at")
    list_filter = ("status", "channel", "template")
    search_fields = ("to_address", "dedupe_key")
    exclude = ("personalisation",)  # may hold a child's details or a sign-in code


@admin.register(CalendarToken)
class CalendarTokenAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("user", "hint", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("user", "token_hash", "hint", "created_at", "last_used_at")
    fields = ("user", "hint", "created_at", "last_used_at", "revoked_at")

    def has_add_permission(self, request: object) -> bool:
        return False
