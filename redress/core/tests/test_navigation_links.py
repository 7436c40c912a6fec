"""The menu takes each person to the pages of their work, and anyone to the appeal window."""

import pytest
from django.test import Client
from django.urls import reverse

from redress.accounts.models import Organisation, Role
from redress.casework.tests.factories import OrganisationFactory, user_with_role

pytestmark = pytest.mark.django_db


def test_anyone_signed_out_finds_the_last_day_to_appeal_in_the_menu():
    page = Client().get(reverse("core:home")).content.decode()
    assert f'href="{reverse("appeals:appeal-window")}"' in page
    assert "Last day to appeal" in page


def test_mediation_provider_staff_find_their_dashboard_in_the_menu():
    provider = OrganisationFactory(kind=Organisation.Kind.MEDIATION_PROVIDER)
    client = Client()
    client.force_login(user_with_role(Role.MEDIATION_CASE_MANAGER, provider))
    page = client.get(reverse("mediation:case-list")).content.decode()
    assert f'href="{reverse("agreements:dashboard")}"' in page


def test_a_parent_is_not_offered_the_provider_dashboard():
    client = Client()
    client.force_login(user_with_role(Role.PARENT_CARER))
    page = client.get(reverse("core:home"), follow=True).content.decode()
    assert reverse("agreements:dashboard") not in page
