"""The notifications app's cases (a family, their local authority's staff) serve here too."""

from __future__ import annotations

from redress.notifications.tests.conftest import cases  # noqa: F401
