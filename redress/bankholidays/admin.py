from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from redress.accounts.admin_site import ADD, CHANGE, DELETE, VIEW, RedressAdminMixin
from redress.bankholidays.models import BankHolidayOverride


@admin.register(BankHolidayOverride)
class BankHolidayOverrideAdmin(RedressAdminMixin, SimpleHistoryAdmin):  # type: ignore[misc]
    administrators_may = frozenset({VIEW, ADD, CHANGE, DELETE})
    list_display = ("date", "action", "name", "created_by", "created_at")
    list_filter = ("action",)
    search_fields = ("name", "reason")
    date_hierarchy = "date"
    readonly_fields = ("created_by", "created_at")
    fields = ("date", "action", "name", "reason", "created_by", "created_at")

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if not change and obj.created_by_id is None and request.user.is_authenticated:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
