"""The `redress deadlines` command (`load_demo_data` is tested in test_demo_data.py)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from redress.bankholidays.models import BankHolidayOverride

# Thursday 3 June 2027: 3 working days later is Tuesday 8 June (Friday 4, Monday 7, Tuesday 8).
DOCUMENT = {
    "today": "2027-06-01",
    "events": [{"type": "mediation_declined", "date": "2027-06-03"}],
}


def redress(
    *args: str, stdin: str = "", var_dir: Path | None = None
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DEBUG"}}
    if var_dir is not None:
        env["REDRESS_VAR_DIR"] = str(var_dir)
    return subprocess.run(
        [sys.executable, "-m", "redress", *args],
        input=stdin,
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_deadlines_round_trips_a_document_without_a_database(tmp_path: Path) -> None:
    result = redress("deadlines", "-", stdin=json.dumps(DOCUMENT), var_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    output = json.loads(result.stdout)
    [deadline] = output["deadlines"]
    assert deadline["rule"] == "mediation.certificate_declined"
    assert deadline["due"] == "2027-06-08"
    assert deadline["status"] == "pending"
    # No database was needed, and none was created.
    assert list(tmp_path.iterdir()) == []


def test_deadlines_reads_a_file_and_honours_today(tmp_path: Path) -> None:
    case = tmp_path / "case.json"
    case.write_text(json.dumps({"events": DOCUMENT["events"]}), encoding="utf-8")
    result = redress("deadlines", str(case), "--today", "2027-06-30", var_dir=tmp_path / "var")
    assert result.returncode == 0, result.stderr
    [deadline] = json.loads(result.stdout)["deadlines"]
    assert deadline["status"] == "overdue"


def test_deadlines_rejects_invalid_input_with_exit_2_and_nothing_on_stdout(tmp_path: Path) -> None:
    bad = {"events": [{"type": "no_such_event", "date": "2027-02-30"}]}
    result = redress("deadlines", "-", stdin=json.dumps(bad), var_dir=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert "event 1" in result.stderr


def test_deadlines_rejects_text_that_is_not_json(tmp_path: Path) -> None:
    result = redress("deadlines", "-", stdin="this is not json", var_dir=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.strip()


def test_deadlines_help_describes_the_command() -> None:
    result = redress("deadlines", "--help")
    assert result.returncode == 0
    assert "Compute the statutory deadlines for one case" in result.stdout
    assert "--today" in result.stdout
    assert "exits with status 2" in result.stdout


@pytest.mark.django_db
def test_deadlines_uses_the_bank_holiday_overrides(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    BankHolidayOverride.objects.create(
        date=date(2027, 6, 7), action="add", name="Test holiday", reason="A test."
    )
    case = tmp_path / "case.json"
    case.write_text(json.dumps(DOCUMENT), encoding="utf-8")
    out = io.StringIO()
    call_command("deadlines", str(case), stdout=out)
    [deadline] = json.loads(out.getvalue())["deadlines"]
    assert deadline["due"] == "2027-06-09"  # Monday 7 June no longer counts


@pytest.mark.django_db
def test_deadlines_exit_status_2_propagates_from_call_command(tmp_path: Path) -> None:
    case = tmp_path / "case.json"
    case.write_text("[]", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(SystemExit) as exc:
        call_command("deadlines", str(case), stdout=out, stderr=err)
    assert exc.value.code == 2
    assert out.getvalue() == ""
    assert err.getvalue().strip()
