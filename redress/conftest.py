"""Shared test set-up for every app."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import cache
from django.test import override_settings


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hasher() -> Iterator[None]:
    """Tests create thousands of users; hashing each password the production way takes most of
    a second. The production hashers are checked by `check --deploy`, not by the suite, so the
    suite hashes with MD5. override_settings sends setting_changed, which clears Django's cached
    hashers."""
    fast = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    fast.enable()
    yield
    fast.disable()


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    """Each test starts with an empty cache, so rate limits counted there (password reset,
    guidance subscriptions) never carry over from one test to the next."""
    cache.clear()
    yield
