from django.contrib import admin

from redress.accounts.admin_site import RedressModelAdmin
from redress.agreements.models import ProviderRates


@admin.register(ProviderRates)
class ProviderRatesAdmin(RedressModelAdmin):
    """A provider's rates for each authority it invoices: changes are audited like every
    change in /admin/."""

    list_display = ("provider", "local_authority", "per_case", "per_session", "per_hour",
                    "cancellation_fee")  # fmt: skip
    list_filter = ("provider",)
