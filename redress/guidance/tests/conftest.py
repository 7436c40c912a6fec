"""Fixtures for the guidance tests: the seed document (read from the shared folder beside the
repository, never copied into it), editors and a small hand-made library."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from redress.guidance.importer import ImportReport, import_document

PASSWORD = "correct horse battery"  # noqa: S105 - the browser tests' sign-in password
SEED = Path(settings.BASE_DIR).parent / "shared" / "seeds" / "000_b5337df01957a591.txt"


@pytest.fixture
def seed_text() -> str:
    if not SEED.exists():
        message = f"The seed document {SEED} is missing (it lives in the shared folder beside the repository)."
        if os.environ.get("CI", "").strip():
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return SEED.read_text(encoding="utf-8-sig")


@pytest.fixture
def seeded(db: None, seed_text: str) -> ImportReport:
    return import_document(seed_text, source_name=SEED.name)


@pytest.fixture
def editor(db: None) -> Any:
    user = get_user_model().objects.create_user(username="guidance-editor", password=PASSWORD)
    user.groups.add(Group.objects.get(name="Guidance editors"))
    return get_user_model().objects.get(pk=user.pk)  # fresh: no cached permissions


@pytest.fixture
def reader(db: None) -> Any:
    return get_user_model().objects.create_user(username="just-a-reader", password=PASSWORD)
