"""Demo data for reports: a small sample of national and regional figures (made up for the
demonstration, and labelled so in their source) imported through the ordinary service."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from redress.reports.services import published_statistics_import

SAMPLE = Path(__file__).resolve().parent / "demo_data" / "sample_tribunal_statistics.csv"


def demo_reports(*, orgs: dict[str, Any], users: dict[str, Any], today: date) -> None:
    # The published figures are national data: the demo imports them as the operator would.
    published_statistics_import(
        actor=None, content=SAMPLE.read_bytes(), filename=SAMPLE.name, check_permission=False
    )
