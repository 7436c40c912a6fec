"""The SEN2 return's data items that Redress records nowhere else.

Each record hangs off the record it describes (the authority, the child, the placement named in a
plan, the decision to cease a plan), so the apps that own those records need no new fields. The
code lists are the return's own (`redress.sen2.codes`).
"""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models
from simple_history.models import HistoricalRecords

from redress.accounts.models import Organisation
from redress.casework.models import CaseEvent, Child
from redress.plans.models import Cessation, Placement
from redress.sen2 import codes

_la_code = RegexValidator(r"^\d{3}$", "Enter the authority's 3-digit code, for example 935.")
_urn = RegexValidator(r"^\d{6}$", "A URN is 6 digits, for example 100001.")
_ukprn = RegexValidator(r"^1\d{7}$", "A UKPRN is 8 digits starting with 1, for example 10012345.")
_postcode = RegexValidator(
    r"^[A-Za-z]{1,2}\d[A-Za-z\d]? ?\d[A-Za-z]{2}$", "Enter a full postcode, for example NW1 4AB."
)


class AuthorityReturnDetails(models.Model):
    """The local authority's own details for the return's header."""

    authority = models.OneToOneField(
        Organisation,
        on_delete=models.CASCADE,
        related_name="sen2_details",
        limit_choices_to={"kind": Organisation.Kind.LOCAL_AUTHORITY},
    )
    la_code = models.CharField(
        "local authority code", max_length=3, validators=[_la_code], help_text="3 digits."
    )

    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"SEN2 details of {self.authority}"


class ChildReturnItems(models.Model):
    """Person details and needs the return asks for (items 1.x and 5.8)."""

    child = models.OneToOneField(Child, on_delete=models.CASCADE, related_name="sen2_items")
    sex = models.CharField(max_length=1, choices=codes.SEX, blank=True)
    ethnicity = models.CharField(max_length=4, choices=codes.ETHNICITY, blank=True)
    postcode = models.CharField(max_length=8, blank=True, validators=[_postcode])
    upn_unknown = models.CharField(
        "why there is no UPN or ULN",
        max_length=3,
        choices=codes.UPN_UNKNOWN,
        blank=True,
        help_text="Only when neither a UPN nor a ULN can be given.",
    )
    sen_type_primary = models.CharField(
        "primary type of need", max_length=4, choices=codes.SEN_TYPE, blank=True
    )
    sen_type_secondary = models.CharField(
        "secondary type of need", max_length=4, choices=codes.SEN_TYPE, blank=True
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"SEN2 items of {self.child}"


class PlacementReturnItems(models.Model):
    """How the return identifies the placement named in section I of a plan (items 4.7, 5.7)."""

    placement = models.OneToOneField(Placement, on_delete=models.CASCADE, related_name="sen2_items")
    urn = models.CharField(
        "URN", max_length=6, blank=True, validators=[_urn], help_text="Schools' 6-digit number."
    )
    ukprn = models.CharField(
        "UKPRN",
        max_length=8,
        blank=True,
        validators=[_ukprn],
        help_text="Colleges and other providers' 8-digit number.",
    )
    sen_setting = models.CharField(
        "kind of setting, when it has no URN or UKPRN",
        max_length=4,
        choices=codes.SEN_SETTING,
        blank=True,
    )
    sen_unit = models.BooleanField("in a SEN unit", default=False)
    resourced_provision = models.BooleanField("in resourced provision", default=False)
    entry_date = models.DateField("started at the placement", null=True, blank=True)
    leaving_date = models.DateField("left the placement", null=True, blank=True)

    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"SEN2 items of {self.placement}"


class CessationReturnItems(models.Model):
    """Why a plan ceased (item 4.6)."""

    cessation = models.OneToOneField(Cessation, on_delete=models.CASCADE, related_name="sen2_items")
    cease_reason = models.CharField(max_length=1, choices=codes.CEASE_REASON)

    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Why {self.cessation.plan} ceased"


class RequestReturnItems(models.Model):
    """What the return asks about a request for an EHC needs assessment that casework does not
    record: who made it, and whether it was made whilst in relevant youth accommodation."""

    event = models.OneToOneField(
        CaseEvent,
        on_delete=models.CASCADE,
        related_name="sen2_request",
        limit_choices_to={"type": CaseEvent.Type.ASSESSMENT_REQUESTED},
    )
    request_source = models.CharField(
        "who made the request", max_length=1, choices=codes.REQUEST_SOURCE, blank=True
    )
    in_youth_accommodation = models.BooleanField(
        "made whilst the child was in relevant youth accommodation",
        default=False,
        help_text="Detained in youth custody when the request was made (CFA 2014 s.70).",
    )

    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"SEN2 items of {self.event}"


class TransferReturnItems(models.Model):
    """What the return asks about a plan transferred in from another authority (reg 15): the old
    authority's code (`TransferLA`) and, since the request was made to the old authority, the
    request as its papers record it."""

    event = models.OneToOneField(
        CaseEvent,
        on_delete=models.CASCADE,
        related_name="sen2_transfer",
        limit_choices_to={"type": CaseEvent.Type.PLAN_TRANSFERRED_IN},
    )
    from_la_code = models.CharField(
        "the old authority's code",
        max_length=3,
        blank=True,
        validators=[_la_code],
        help_text="Its 3-digit local authority code, for example 935.",
    )
    request_received = models.DateField(
        "date the old authority received the request for an assessment",
        null=True,
        blank=True,
        help_text="From the transferred papers.",
    )
    request_source = models.CharField(
        "who made that request", max_length=1, choices=codes.REQUEST_SOURCE, blank=True
    )

    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"SEN2 items of {self.event}"
