"""Shared test set-up for every app."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    """Each test starts with an empty cache, so rate limits counted there (password reset,
    guidance subscriptions) never carry over from one test to the next."""
    cache.clear()
    yield
