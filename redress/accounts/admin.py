"""People, their roles and organisations in /admin/, within what an administrator administers.

No form here offers the superuser flag, groups or Django permissions: a superuser is created on
the command line (`redress createsuperuser`), and what people see comes from their roles.
"""

from __future__ import annotations

from typing import Any

from axes.utils import reset as axes_reset
from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest

from redress.accounts.admin_site import (
    ADD,
    CHANGE,
    DELETE,
    VIEW,
    RedressAdminMixin,
    RedressModelAdmin,
    RedressTabularInline,
)
from redress.accounts.models import FAMILY_ROLES, Membership, Organisation, User
from redress.accounts.selectors import administered_organisations, people_managed_by
from redress.accounts.services import second_factor_reset
from redress.audit.services import audit_record


class MembershipForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Membership
        fields = ["organisation", "role", "team", "active"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        role = cleaned.get("role")
        if role and cleaned.get("organisation") is None and role not in FAMILY_ROLES:
            raise ValidationError(
                {"organisation": "Choose the organisation where this person holds the role."}
            )
        return cleaned


class MembershipInline(RedressTabularInline):
    model = Membership
    form = MembershipForm
    extra = 0
    administrators_may = frozenset({VIEW, ADD, CHANGE, DELETE})

    def administrator_may_touch(self, request: HttpRequest, obj: Any, action: str) -> bool:
        # obj is the person whose roles these are. Nobody changes their own roles here.
        return action == VIEW or obj.pk != request.user.pk

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and not request.user.is_superuser and obj.pk == request.user.pk:
            return False
        return super().has_add_permission(request, obj)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Membership]:
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(organisation__in=administered_organisations(request.user)) | (
            queryset.filter(organisation__isnull=True)
        )

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "organisation" and not request.user.is_superuser:
            kwargs["queryset"] = administered_organisations(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(User)
class RedressUserAdmin(RedressAdminMixin, UserAdmin):  # type: ignore[type-arg]
    inlines = [MembershipInline]
    administrators_may = frozenset({VIEW, ADD, CHANGE})  # deactivate, never delete
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("Personal details", {"fields": ("first_name", "last_name", "email")}),
        (
            "Access",
            {
                "fields": ("is_active", "is_staff"),
                "description": "Roles below decide what the person sees. Staff status lets an "
                "administrator use these pages.",
            },
        ),
        ("Important dates", {"fields": ("last_login", "date_joined")}),
    )
    readonly_fields = ("last_login", "date_joined")
    list_display = ("username", "email", "first_name", "last_name", "is_active", "is_staff")
    list_filter = ("is_staff", "is_active")
    filter_horizontal = ()

    actions = ["reset_second_factor", "lift_sign_in_lock"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[User]:
        return people_managed_by(request.user).order_by("username")

    @admin.action(description="Reset two-factor sign-in (a lost phone)", permissions=["change"])
    def reset_second_factor(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        for person in queryset:
            second_factor_reset(actor=request.user, user=person)
        self.message_user(
            request, f"Two-factor sign-in reset for {queryset.count()}: they set it up again."
        )

    @admin.action(description="Lift the sign-in lock after wrong passwords", permissions=["change"])
    def lift_sign_in_lock(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        for person in queryset:
            axes_reset(username=person.get_username())
            audit_record(
                actor=request.user,
                action="update",
                obj=person,
                summary=f"Administration: lifted the sign-in lock for “{person}”",
            )
        self.message_user(request, f"Sign-in lock lifted for {queryset.count()}.")

    def administrator_may_touch(self, request: HttpRequest, obj: Any, action: str) -> bool:
        return people_managed_by(request.user).filter(pk=obj.pk).exists()


@admin.register(Organisation)
class OrganisationAdmin(RedressModelAdmin):
    list_display = ["name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name"]
    administrators_may = frozenset({VIEW, ADD, CHANGE})

    def administrator_may_touch(self, request: HttpRequest, obj: Any, action: str) -> bool:
        return action == VIEW or administered_organisations(request.user).filter(pk=obj.pk).exists()

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "parent" and not request.user.is_superuser:
            kwargs["queryset"] = administered_organisations(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
