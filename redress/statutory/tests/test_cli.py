"""The command line (contract §5): JSON on stdout and exit 0; on invalid input exit 2, one line per
problem on stderr, nothing on stdout."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from redress.statutory.tests.conftest import ev, pick

REPO = Path(__file__).resolve().parents[3]

DOC = {
    "today": "2026-03-02",
    "events": [
        {"type": "assessment_requested", "date": "2025-09-03"},
        {"type": "assessment_decision", "date": "2025-10-08", "decision": "assess"},
        {"type": "advice_requested", "date": "2025-10-20", "ref": "health", "advice": "health"},
        {"type": "advice_received", "date": "2025-12-05", "ref": "health"},
    ],
}

DOC_NO_TODAY = {"events": [ev("assessment_requested", "2025-09-03")]}

BAD_DOC = {
    "today": "2026-03-02",
    "events": [
        ev("assessment_requested", "2025-09-03"),
        ev("assessment_decision", "2025-10-08"),  # event 2: missing decision
        ev("advice_requested", "2026-02-30", ref="h", advice="health"),  # event 3: impossible date
        ev("time_travel", "2025-10-20"),  # event 4: unknown type
    ],
}


def call(argv, stdin_text="") -> tuple[int, str, str]:
    from redress.statutory.cli import main

    out, err = io.StringIO(), io.StringIO()
    try:
        code = main(argv, stdin=io.StringIO(stdin_text), stdout=out, stderr=err)
    except SystemExit as exc:  # argparse may exit; treat as the exit code
        code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()


def write(tmp_path, obj, name="case.json") -> str:
    path = tmp_path / name
    path.write_text(obj if isinstance(obj, str) else json.dumps(obj), encoding="utf-8")
    return str(path)


def assert_valid_output(code, out, err):
    assert code == 0, err
    data = json.loads(out)
    assert set(data) == {"deadlines"}
    return data["deadlines"]


def assert_invalid(code, out, err, min_lines=1):
    assert code == 2
    assert out == ""
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) >= min_lines, err
    return lines


# ---------------------------------------------------------------------------
# Valid input
# ---------------------------------------------------------------------------


def test_file(tmp_path):
    deadlines = assert_valid_output(*call([write(tmp_path, DOC)]))
    d = pick(deadlines, "assessment.decision")
    assert (d["due"], d["status"], d["met_on"]) == ("2025-10-15", "met", "2025-10-08")
    f = pick(deadlines, "plan.final")
    assert (f["due"], f["status"]) == ("2026-01-21", "overdue")


def test_stdin():
    deadlines = assert_valid_output(*call(["-"], json.dumps(DOC)))
    assert pick(deadlines, "advice.response", "health")["status"] == "late"


def test_same_result_as_compute(tmp_path):
    from redress.statutory import compute

    deadlines = assert_valid_output(*call([write(tmp_path, DOC)]))
    assert deadlines == compute(DOC)["deadlines"]


@pytest.mark.parametrize("today,status", [("2025-10-15", "pending"), ("2025-10-16", "overdue")])
def test_today_option(tmp_path, today, status):
    deadlines = assert_valid_output(*call([write(tmp_path, DOC_NO_TODAY), "--today", today]))
    assert pick(deadlines, "assessment.decision")["status"] == status


def test_today_option_wins_over_document_today(tmp_path):
    doc = {"today": "2025-10-01", "events": DOC_NO_TODAY["events"]}
    deadlines = assert_valid_output(*call([write(tmp_path, doc), "--today", "2025-10-16"]))
    assert pick(deadlines, "assessment.decision")["status"] == "overdue"


def test_today_option_with_stdin():
    deadlines = assert_valid_output(*call(["-", "--today", "2025-10-16"], json.dumps(DOC_NO_TODAY)))
    assert pick(deadlines, "assessment.decision")["status"] == "overdue"


def test_today_option_before_file(tmp_path):
    deadlines = assert_valid_output(*call(["--today", "2025-10-15", write(tmp_path, DOC_NO_TODAY)]))
    assert pick(deadlines, "assessment.decision")["status"] == "pending"


def test_empty_events(tmp_path):
    assert (
        assert_valid_output(*call([write(tmp_path, {"today": "2026-01-01", "events": []})])) == []
    )


# ---------------------------------------------------------------------------
# Invalid input
# ---------------------------------------------------------------------------


def test_invalid_document_one_line_per_problem(tmp_path):
    lines = assert_invalid(*call([write(tmp_path, BAD_DOC)]), min_lines=3)
    for position in (2, 3, 4):
        assert any(f"event {position}" in line for line in lines), lines
    assert len(lines) == 3, lines


def test_invalid_document_on_stdin():
    lines = assert_invalid(*call(["-"], json.dumps(BAD_DOC)), min_lines=3)
    assert len(lines) == 3, lines


@pytest.mark.parametrize(
    "event,position",
    [
        (ev("assessment_requested", "2026-02-30"), 1),  # impossible date
        (ev("assessment_requested", "3 Sep 2025"), 1),  # malformed date
        (ev("no_such_event", "2025-09-03"), 1),  # unknown type
        (ev("assessment_decision", "2025-10-08"), 1),  # missing field
        (ev("assessment_decision", "2025-10-08", decision="perhaps"), 1),  # bad enum
        (ev("advice_received", "2025-10-08", ref="x"), 1),  # stops a clock never started
    ],
)
def test_each_kind_of_invalid_event(tmp_path, event, position):
    lines = assert_invalid(*call([write(tmp_path, {"events": [event]}), "--today", "2026-01-01"]))
    assert len(lines) == 1, lines
    assert f"event {position}" in lines[0]


def test_stop_before_start(tmp_path):
    doc = {
        "events": [
            ev("advice_requested", "2025-10-20", ref="h", advice="health"),
            ev("advice_received", "2025-10-01", ref="h"),
        ]
    }
    lines = assert_invalid(*call([write(tmp_path, doc)]))
    assert any("event 2" in line for line in lines), lines


def test_invalid_today_in_document(tmp_path):
    lines = assert_invalid(*call([write(tmp_path, {"today": "2026-02-30", "events": []})]))
    assert any("today" in line for line in lines), lines


def test_invalid_today_option(tmp_path):
    assert_invalid(*call([write(tmp_path, DOC_NO_TODAY), "--today", "2026-02-30"]))
    assert_invalid(*call([write(tmp_path, DOC_NO_TODAY), "--today", "tomorrow"]))


def test_missing_file(tmp_path):
    missing = str(tmp_path / "no-such-file.json")
    lines = assert_invalid(*call([missing]))
    assert len(lines) == 1, lines
    assert "no-such-file.json" in lines[0]


@pytest.mark.parametrize("text", ["{not json", "", "[1, 2", "{'events': []}"])
def test_invalid_json(tmp_path, text):
    lines = assert_invalid(*call([write(tmp_path, text)]))
    assert len(lines) == 1, lines


def test_invalid_json_on_stdin():
    lines = assert_invalid(*call(["-"], "{oops"))
    assert len(lines) == 1, lines


@pytest.mark.parametrize("doc", [[], "events", 42, {"events": "x"}])
def test_json_of_the_wrong_shape(tmp_path, doc):
    assert_invalid(*call([write(tmp_path, doc)]))


def test_no_arguments():
    code, out, err = call([])
    assert code == 2
    assert out == ""
    assert err.strip()


# ---------------------------------------------------------------------------
# The module run as a real process
# ---------------------------------------------------------------------------


def run_module(args, stdin_text=None):
    return subprocess.run(
        [sys.executable, "-m", "redress.statutory", *args],
        cwd=str(REPO),
        input=stdin_text,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_subprocess_file(tmp_path):
    proc = run_module([write(tmp_path, DOC)])
    assert proc.returncode == 0, proc.stderr
    deadlines = json.loads(proc.stdout)["deadlines"]
    assert pick(deadlines, "assessment.decision")["due"] == "2025-10-15"


def test_subprocess_stdin_and_today():
    proc = run_module(["-", "--today", "2025-10-16"], json.dumps(DOC_NO_TODAY))
    assert proc.returncode == 0, proc.stderr
    d = pick(json.loads(proc.stdout)["deadlines"], "assessment.decision")
    assert (d["due"], d["status"]) == ("2025-10-15", "overdue")


def test_subprocess_invalid(tmp_path):
    proc = run_module([write(tmp_path, BAD_DOC)])
    assert proc.returncode == 2
    assert proc.stdout == ""
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 3, proc.stderr
    assert "Traceback" not in proc.stderr


def test_subprocess_missing_file(tmp_path):
    proc = run_module([str(tmp_path / "absent.json")])
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert "Traceback" not in proc.stderr
    assert proc.stderr.strip()


def test_subprocess_does_not_import_django(tmp_path):
    code = (
        "import sys, runpy; sys.argv=['x', %r];\n"
        "try:\n    runpy.run_module('redress.statutory', run_name='__main__')\n"
        "except SystemExit: pass\n"
        "assert 'django' not in sys.modules, 'django imported'\n"
    ) % write(tmp_path, DOC)
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=str(REPO), capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
