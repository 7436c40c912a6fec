"""Reads for the appeals screens. Selectors that list records take the acting user, so who sees
what is decided here (mirroring `permissions.py`)."""

from __future__ import annotations

from redress.appeals.models import Appeal
from redress.casework.models import Child


def live_appeal_for_child(child: Child) -> Appeal | None:
    """The child's appeal that is lodged and not yet decided, withdrawn or conceded (the most
    recently lodged one, should there be two)."""
    return Appeal.objects.filter(child=child, outcome="").order_by("-lodged_on", "-id").first()
