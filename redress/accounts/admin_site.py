"""The administration site and the base every app's admin.py builds on.

Administrators (the Administrator role on a staff account) manage people, organisations and
bank holidays, within the organisations they administer (redress.accounts.selectors). Everything
else in /admin/ is for superusers, who are created on the command line only. Every addition,
change and deletion made here is written to Redress's audit trail as well as Django's admin log.
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.db import models
from django.http import HttpRequest

from redress.accounts.selectors import is_administrator, needs_second_factor
from redress.audit.services import audit_record

VIEW, ADD, CHANGE, DELETE = "view", "add", "change", "delete"


def _change_text(message: Any) -> str:
    """The admin's change message (a list of dicts or text) as the words the admin log shows."""
    if isinstance(message, list):
        message = json.dumps(message)
    return str(LogEntry(change_message=message or "").get_change_message())


def _label(obj: models.Model) -> str:
    return f"{obj._meta.verbose_name} “{obj}”"


class AuditedAdminMixin:
    """Writes an audit entry for every addition, change and deletion made in /admin/."""

    def log_addition(self, request: HttpRequest, obj: Any, message: Any) -> Any:
        audit_record(
            actor=request.user,
            action="create",
            obj=obj,
            summary=f"Administration: added {_label(obj)}",
        )
        return super().log_addition(request, obj, message)  # type: ignore[misc]

    def log_change(self, request: HttpRequest, obj: Any, message: Any) -> Any:
        text = _change_text(message) or "No fields changed."
        audit_record(
            actor=request.user,
            action="update",
            obj=obj,
            summary=f"Administration: changed {_label(obj)}. {text}",
        )
        return super().log_change(request, obj, message)  # type: ignore[misc]

    def log_deletions(self, request: HttpRequest, queryset: Any) -> Any:
        for obj in queryset:
            audit_record(
                actor=request.user,
                action="delete",
                obj=obj,
                summary=f"Administration: deleted {_label(obj)}",
            )
        return super().log_deletions(request, queryset)  # type: ignore[misc]

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        """Inline rows (a person's roles) get an entry each, naming what was given or taken."""
        # Recorded first: a deleted row has no primary key afterwards.
        for row in formset.deleted_forms:
            if row.instance.pk is not None and formset.can_delete:
                audit_record(
                    actor=request.user,
                    action="delete",
                    obj=row.instance,
                    summary=f"Administration: deleted {_label(row.instance)}",
                )
        super().save_formset(request, form, formset, change)  # type: ignore[misc]
        for obj in formset.new_objects:
            audit_record(
                actor=request.user,
                action="create",
                obj=obj,
                summary=f"Administration: added {_label(obj)}",
            )
        for obj, fields in formset.changed_objects:
            audit_record(
                actor=request.user,
                action="update",
                obj=obj,
                summary=f"Administration: changed {_label(obj)} ({', '.join(fields)})",
            )


class RedressAdminMixin(AuditedAdminMixin):
    """Permissions by role, not by Django's per-model permissions.

    A superuser keeps Django's usual checks. An administrator may do what
    `administrators_may` lists ("view", "add", "change", "delete"), and for a given record
    only what `administrator_may_touch` allows. Nobody else may do anything here.
    """

    administrators_may: frozenset[str] = frozenset()

    def administrator_may_touch(self, request: HttpRequest, obj: Any, action: str) -> bool:
        return True

    def _administrator_may(self, request: HttpRequest, action: str, obj: Any = None) -> bool:
        if action not in self.administrators_may or not is_administrator(request.user):
            return False
        return obj is None or self.administrator_may_touch(request, obj, action)

    def has_module_permission(self, request: HttpRequest) -> bool:
        if request.user.is_superuser:
            return bool(super().has_module_permission(request))  # type: ignore[misc]
        return bool(self.administrators_may) and is_administrator(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if request.user.is_superuser:
            return bool(super().has_view_permission(request, obj))  # type: ignore[misc]
        return self._administrator_may(request, VIEW, obj) or self._administrator_may(
            request, CHANGE, obj
        )

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        if request.user.is_superuser:
            return bool(super().has_add_permission(request, *args))  # type: ignore[misc]
        return self._administrator_may(request, ADD)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if request.user.is_superuser:
            return bool(super().has_change_permission(request, obj))  # type: ignore[misc]
        return self._administrator_may(request, CHANGE, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if request.user.is_superuser:
            return bool(super().has_delete_permission(request, obj))  # type: ignore[misc]
        return self._administrator_may(request, DELETE, obj)


class RedressModelAdmin(RedressAdminMixin, admin.ModelAdmin):  # type: ignore[type-arg]
    """The base for every model registered by a Redress app."""


class RedressTabularInline(RedressAdminMixin, admin.TabularInline):  # type: ignore[type-arg]
    """The base for inline rows; the parent's admin writes their audit entries."""


class _SuperusersOnly(RedressAdminMixin):
    """Wrapped around admin classes that Redress did not write (groups, axes, django-otp)."""


class RedressAdminSite(admin.AdminSite):
    site_header = "Redress administration"
    site_title = "Redress administration"
    index_title = "Administration"

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        if not (user.is_active and user.is_staff):
            return False
        if not (user.is_superuser or is_administrator(user)):
            return False
        if getattr(settings, "REDRESS_REQUIRE_2FA", False) and needs_second_factor(user):
            return bool(getattr(user, "is_verified", lambda: False)())
        return True

    def register(self, model_or_iterable: Any, admin_class: Any = None, **options: Any) -> None:
        """A model registered without Redress's base (by Django or a library) is for superusers
        only, and its changes are audited like the rest."""
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, RedressAdminMixin):
            admin_class = type(admin_class.__name__, (_SuperusersOnly, admin_class), {})
        super().register(model_or_iterable, admin_class, **options)
