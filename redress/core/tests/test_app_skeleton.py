"""Every app has the same parts (`redress.core.apps.SKELETON`), or says in its AppConfig which it
has none of and why (`skeleton_gaps`), so the next person finds each thing where the others are."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.apps import apps

from redress.core.apps import SKELETON, DomainAppConfig

APPS = sorted(
    (config for config in apps.get_app_configs() if isinstance(config, DomainAppConfig)),
    key=lambda config: config.label,
)


def _has(folder: Path, part: str) -> bool:
    """A module, a package, or modules split by subject (`selectors_letters.py`)."""
    return (
        (folder / f"{part}.py").is_file()
        or (folder / part).is_dir()
        or any(folder.glob(f"{part}_*.py"))
    )


def test_every_app_of_redress_is_held_to_the_skeleton() -> None:
    ours = {c.label for c in apps.get_app_configs() if c.name.startswith("redress.")}
    assert ours - {c.label for c in APPS} == {"core"}


@pytest.mark.parametrize("config", APPS, ids=lambda config: config.label)
def test_each_part_is_there_or_its_absence_explained(config: DomainAppConfig) -> None:
    folder = Path(config.path)
    missing = [part for part in SKELETON if not _has(folder, part)]
    unexplained = [part for part in missing if not config.skeleton_gaps.get(part, "").strip()]
    assert unexplained == [], f"{config.label} has no {unexplained} and does not say why"
    stale = [part for part in config.skeleton_gaps if part not in missing]
    assert stale == [], f"{config.label} explains the absence of {stale}, which it has"
    assert set(config.skeleton_gaps) <= set(SKELETON)
