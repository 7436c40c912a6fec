from django.contrib import admin

from redress.agreements.models import ProviderRates


@admin.register(ProviderRates)
class ProviderRatesAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("provider", "local_authority", "per_case", "per_session", "per_hour",
                    "cancellation_fee")  # fmt: skip
    list_filter = ("provider",)
