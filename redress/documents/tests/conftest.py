"""The case the letter tests share: a child of Westmoor Council whose family asked for an
interpreter and large print, a request for an assessment, and a health commissioner."""

from datetime import date
from typing import Any

import pytest
import time_machine

from redress.accounts.models import Organisation
from redress.casework import services
from redress.casework.tests import factories
from redress.casework.tests.factories import Role, user_with_role

ChildFactory: Any = factories.ChildFactory
FamilyMemberFactory: Any = factories.FamilyMemberFactory
LocalAuthorityFactory: Any = factories.LocalAuthorityFactory
OrganisationFactory: Any = factories.OrganisationFactory


@pytest.fixture
def case() -> dict[str, Any]:
    la = LocalAuthorityFactory(name="Westmoor Council", address="Civic Centre\nWestmoor")
    caseworker = user_with_role(Role.LA_CASEWORKER, la)
    child = ChildFactory(local_authority=la, first_name="Nia", last_name="Roberts")
    FamilyMemberFactory(
        child=child, name="Carys Roberts", address="4 Mill Lane\nWestmoor",
        email="carys@example.org", interpreter_language="Welsh", accessible_format="Large print",
    )  # fmt: skip
    icb = OrganisationFactory(
        name="Westmoor ICB", kind=Organisation.Kind.HEALTH_COMMISSIONER,
        address="1 Health Way\nWestmoor", email="send@icb.example",
    )  # fmt: skip
    with time_machine.travel(date(2026, 4, 29)):
        services.case_event_record(
            actor=caseworker, child=child, event_type="assessment_requested",
            when=date(2026, 4, 29), expected_version=None,
        )  # fmt: skip
    return {"la": la, "caseworker": caseworker, "child": child, "icb": icb}
