from django.apps import AppConfig


class BankHolidaysConfig(AppConfig):
    name = "redress.bankholidays"
    verbose_name = "Bank holidays"
