"""The demo's SEN2 items: most demo children have them, a few are left without so that the list
of children lacking items and the return's checks have something to show."""

from __future__ import annotations

import random
from datetime import date
from typing import Any

from redress.casework.models import CaseEvent, Child
from redress.plans.models import Cessation, Placement
from redress.sen2 import codes
from redress.sen2.models import (
    AuthorityReturnDetails,
    CessationReturnItems,
    ChildReturnItems,
    PlacementReturnItems,
    RequestReturnItems,
)

DEMO_LA_CODE = "999"
# Made-up URNs for the demo's settings (the college has a UKPRN instead).
_DEMO_URNS = {
    "Little Acorns Nursery": "",
    "Northwick Primary School": "190001",
    "St Aidan's Church of England Primary School": "190002",
    "Northwick Academy": "190003",
    "Riverside Special School": "190004",
}
_DEMO_UKPRNS = {"Northwick College": "10090001"}


def demo_sen2_items(*, orgs: dict[str, Any], users: dict[str, Any], today: date) -> None:
    la = orgs["la"]
    AuthorityReturnDetails.objects.get_or_create(authority=la, defaults={"la_code": DEMO_LA_CODE})
    rng = random.Random(2027)  # noqa: S311 - made-up demo data, not security
    ethnicities = [code for code, _ in codes.ETHNICITY]
    needs = [code for code, _ in codes.SEN_TYPE]
    rows = []
    for index, child in enumerate(Child.objects.filter(local_authority=la).order_by("id")):
        if index % 9 == 4:
            continue  # left without, to show on the list of children lacking items
        primary = rng.choice(needs)
        secondary = rng.choice([n for n in needs if n != primary] + ["", ""])
        rows.append(
            ChildReturnItems(
                child=child,
                sex=rng.choice(["M", "F"]),
                ethnicity=rng.choice(ethnicities),
                postcode=f"NW{rng.randint(1, 9)} {rng.randint(1, 9)}{rng.choice('ABDEFGH')}"
                f"{rng.choice('JLNPQRSTUWXYZ')}",
                upn_unknown="" if child.upn or child.uln else "UN1",
                sen_type_primary=primary,
                sen_type_secondary=secondary,
            )
        )
    ChildReturnItems.objects.bulk_create(rows, ignore_conflicts=True)
    placements = []
    for index, placement in enumerate(
        Placement.objects.filter(plan__child__local_authority=la).select_related(
            "institution", "plan"
        )
    ):
        name = placement.name
        urn, ukprn = _DEMO_URNS.get(name, ""), _DEMO_UKPRNS.get(name, "")
        if index % 11 == 6:
            continue  # left without
        placements.append(
            PlacementReturnItems(
                placement=placement,
                urn=urn,
                ukprn=ukprn,
                sen_setting="" if urn or ukprn else "EYP" if "Nursery" in name else "OTH",
                entry_date=placement.plan.issued_on,
            )
        )
    PlacementReturnItems.objects.bulk_create(placements, ignore_conflicts=True)
    cessations = [
        CessationReturnItems(cessation=c, cease_reason=rng.choice(["1", "2", "5", "6"]))
        for c in Cessation.objects.filter(plan__child__local_authority=la, ceased_on__isnull=False)
    ]
    CessationReturnItems.objects.bulk_create(cessations, ignore_conflicts=True)
    requests = []
    for index, event in enumerate(
        CaseEvent.objects.filter(
            child__local_authority=la, type=CaseEvent.Type.ASSESSMENT_REQUESTED
        ).order_by("id")
    ):
        if index % 13 == 5:
            continue  # left without: who made the request is a warning in the return
        requests.append(
            RequestReturnItems(
                event=event,
                request_source=rng.choice(["1", "1", "1", "2", "2", "3", "4", "5"]),
                # A few requests made whilst the young person was in youth custody.
                in_youth_accommodation=index % 17 == 3,
            )
        )
    RequestReturnItems.objects.bulk_create(requests, ignore_conflicts=True)
