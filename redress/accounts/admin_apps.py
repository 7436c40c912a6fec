"""Django's admin with Redress's own site as the default (INSTALLED_APPS names this)."""

from django.contrib.admin.apps import AdminConfig


class RedressAdminConfig(AdminConfig):
    default_site = "redress.accounts.admin_site.RedressAdminSite"
