"""The appeals services' tests (one file a services module): each runs on the same day, in a
world of one authority, its partners and a child (`make_world`)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
import time_machine

from redress.appeals.tests.helpers import World, make_world

TODAY = date(2026, 11, 25)


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def world() -> World:
    return make_world()
