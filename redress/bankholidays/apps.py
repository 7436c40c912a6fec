from redress.core.apps import DomainAppConfig


class BankHolidaysConfig(DomainAppConfig):
    name = "redress.bankholidays"
    verbose_name = "Bank holidays"
