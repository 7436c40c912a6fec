"""Demo appeals for Northwick (filled in below)."""

from __future__ import annotations

from datetime import date
from typing import Any


def demo_appeals(*, orgs: dict[str, Any], users: dict[str, Any], today: date) -> None:
    return None
