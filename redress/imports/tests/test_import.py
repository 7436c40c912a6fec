"""`redress import_caseload`: the sample folder comes in whole, a second run changes nothing, and
a broken file is refused with its rows named and nothing from it kept."""

from __future__ import annotations

import io
import shutil
from datetime import date
from pathlib import Path

import pytest
import time_machine
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client

from redress.accounts.models import Organisation, Role
from redress.audit.models import AuditEntry
from redress.casework.models import AdviceRequest, CaseEvent, Child, Deadline, FamilyMember
from redress.casework.tests.factories import LocalAuthorityFactory, user_with_role
from redress.imports.models import ImportedRecord
from redress.imports.services import caseload_import
from redress.plans.models import Plan

SAMPLE = Path(__file__).resolve().parent.parent / "sample"
TODAY = date(2026, 12, 1)


def _counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in {"accounts", "casework", "plans", "imports"}
    }


def _run(folder: Path, *args: str) -> tuple[int, str]:
    out = io.StringIO()
    try:
        call_command("import_caseload", str(folder), *args, stdout=out)
    except SystemExit as exit_:
        return int(exit_.code or 0), out.getvalue()
    return 0, out.getvalue()


@pytest.fixture
def authority(db: None) -> Organisation:
    return LocalAuthorityFactory(name="Import Borough")


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


def test_the_sample_imports_and_a_second_run_creates_nothing(authority: Organisation) -> None:
    code, out = _run(SAMPLE, "--source", "OldSystem")
    assert code == 0, out
    assert "children.csv: 3 rows, 3 new" in out
    assert Child.objects.filter(local_authority=authority).count() == 3
    ada = Child.objects.get(first_name="Ada", last_name="Able")
    assert ada.setting.name == "Hill Primary School"
    assert FamilyMember.objects.filter(child=ada).count() == 1
    assert CaseEvent.objects.filter(child=ada).count() == 5
    assert Plan.objects.get(child=ada).issued_on == date(2026, 6, 15)
    assert AdviceRequest.objects.get(child=ada).recipient_organisation.name.startswith(
        "Northwick Sample"
    )
    ben = Child.objects.get(first_name="Ben", last_name="Baker")
    assert ben.mediation_cases.get().meetings.get().status == "held"
    assert ben.appeals.get().lodged_on == date(2026, 11, 20)
    # Deadlines recomputed at the end: Cara's decision is due 6 weeks after her request.
    cara = Child.objects.get(first_name="Cara")
    assert Deadline.objects.filter(child=cara, rule="assessment.decision").exists()
    # The source is in the audit trail, with the file, line and the source's id.
    assert AuditEntry.objects.filter(
        child=ada, summary__contains="Imported from OldSystem: children.csv line 2 (child C-1001)"
    ).exists()
    before = _counts()
    audit_before = AuditEntry.objects.count()
    code, out = _run(SAMPLE, "--source", "OldSystem")
    assert code == 0
    assert "children.csv: 3 rows, 0 new, 3 already imported" in out
    assert _counts() == before
    # Only the run itself is audited the second time.
    assert AuditEntry.objects.count() == audit_before + 1


def test_a_dry_run_keeps_nothing(authority: Organisation) -> None:
    before = _counts()
    code, out = _run(SAMPLE, "--dry-run")
    assert code == 0
    assert "Dry run (nothing kept)" in out and "3 would be new" in out
    assert _counts() == before


def test_a_broken_file_is_refused_with_its_rows_named(authority: Organisation, tmp_path) -> None:
    folder = tmp_path / "broken"
    shutil.copytree(SAMPLE, folder)
    (folder / "children.csv").write_text(
        "child_id,first_name,last_name,date_of_birth,upn,uln,setting_id,team\n"
        "C-1,Ada,Able,2016-05-17,,,S-1,North\n"
        "C-2,Ben,,2012-11-03,,,,\n"
        "C-3,Cara,Cole,30/01/2019,,,,\n"
        "C-4,Dan,Dale,2016-01-01,,,S-99,\n"
        "C-1,Eve,Ellis,2016-01-01,,,,\n",
        encoding="utf-8",
    )
    code, out = _run(folder, "--dry-run")
    assert code == 1
    assert "children.csv: REFUSED" in out
    assert "line 3 (C-2): last_name is empty" in out
    assert "line 4 (C-3): date_of_birth '30/01/2019' is not a date written YYYY-MM-DD" in out
    assert "line 5 (C-4): setting_id 'S-99' was not imported from broken" in out
    assert "line 6 (C-1): child_id 'C-1' is also on line 2" in out
    code, out = _run(folder)
    assert code == 1
    # All or nothing: Ada's good row was not kept, and the files that need the children are
    # refused in turn, naming the children they could not find.
    assert not Child.objects.filter(local_authority=authority).exists()
    assert "line 2 (F-1): child_id 'C-1001' was not imported from broken" in out
    # The settings file was fine and is kept.
    assert Organisation.objects.filter(name="Hill Primary School").exists()


def test_dates_the_engine_cannot_accept_refuse_the_file(authority: Organisation, tmp_path):
    folder = tmp_path / "dates"
    folder.mkdir()
    shutil.copy(SAMPLE / "children.csv", folder)
    shutil.copy(SAMPLE / "settings.csv", folder)
    (folder / "requests.csv").write_text(
        "event_id,child_id,type,date,decision\n"
        "E-1,C-1001,assessment_decision,2026-03-02,assess\n"
        "E-2,C-1002,assessment_requested,2027-03-02,\n"
        "E-3,C-1003,plan_decision,2026-03-02,maybe\n",
        encoding="utf-8",
    )
    code, out = _run(folder)
    assert code == 1
    assert "line 3 (E-2): date 2027-03-02 is in the future" in out
    assert "line 4 (E-3): decision 'maybe' is not one of: issue, not_issue" in out
    assert not CaseEvent.objects.exists()
    # Each row well formed, but a decision with no request before it: the page's own check.
    (folder / "requests.csv").write_text(
        "event_id,child_id,type,date,decision\n"
        "E-1,C-1001,assessment_decision,2026-03-02,assess\n"
        "E-2,C-1001,assessment_requested,2026-04-02,\n",
        encoding="utf-8",
    )
    code, out = _run(folder)
    assert code == 1
    assert "line 2 (E-1): There is no request for an assessment on or before this date." in out
    assert not CaseEvent.objects.exists()


def test_a_file_that_is_not_utf8_csv_is_refused(authority: Organisation) -> None:
    report = caseload_import(
        files={"children": "child_id,first_name\nC-1,Zoë\n".encode("latin-1")},
        authority=authority,
        source="Old",
    )
    assert report.files[0].refusals[0].reason.startswith("The file is not UTF-8 text")
    report = caseload_import(
        files={"children": b"child_id,first_name\nC-1,Zoe\n"}, authority=authority, source="Old"
    )
    assert "lacks the column(s) last_name, date_of_birth" in report.files[0].refusals[0].reason


def test_the_administrator_page_checks_uploads_and_imports(authority: Organisation) -> None:
    admin = user_with_role(Role.ADMINISTRATOR)
    caseworker = user_with_role(Role.LA_CASEWORKER, authority)
    client = Client()
    client.force_login(caseworker)
    assert client.get("/imports/").status_code == 403
    client.force_login(admin)
    page = client.get("/imports/")
    assert page.status_code == 200 and "children.csv" in page.content.decode()
    bad = client.post(
        "/imports/",
        {
            "authority": authority.pk,
            "source": "Old",
            "kind": "settings",
            "file": SimpleUploadedFile("settings.csv", "name\nCafé\n".encode("utf-16")),
        },
    )
    assert bad.status_code == 400
    assert "not a CSV text file" in bad.content.decode() or "UTF-8" in bad.content.decode()
    not_csv = client.post(
        "/imports/",
        {
            "authority": authority.pk,
            "source": "Old",
            "kind": "settings",
            "file": SimpleUploadedFile("settings.xlsx", b"PK\x03\x04"),
        },
    )
    assert "The file must be a CSV file" in not_csv.content.decode()
    good = client.post(
        "/imports/",
        {
            "authority": authority.pk,
            "source": "Old",
            "kind": "settings",
            "file": SimpleUploadedFile("settings.csv", (SAMPLE / "settings.csv").read_bytes()),
        },
    )
    assert good.status_code == 200
    assert "4 new" in good.content.decode()
    assert ImportedRecord.objects.filter(source="Old", kind="organisation").count() == 4
    assert "no-store" in good["Cache-Control"]


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_changed_row_updates_the_record_and_a_changed_step_is_reported(
    authority: Organisation, tmp_path
) -> None:
    code, out = _run(SAMPLE, "--source", "OldSystem")
    assert code == 0, out
    # Family members imported before the source row was kept are compared with the record.
    ImportedRecord.objects.filter(kind="family_member").update(row={})
    folder = tmp_path / "changed"
    shutil.copytree(SAMPLE, folder)
    _edit(folder / "children.csv", "C-1001,Ada,Able", "C-1001,Adah,Able")
    _edit(folder / "family_members.csv", "07700 900003", "07700 900333")
    _edit(
        folder / "requests.csv",
        "E-2,C-1001,assessment_decision,2026-03-02",
        "E-2,C-1001,assessment_decision,2026-03-04",
    )

    before = _counts()
    code, out = _run(folder, "--source", "OldSystem", "--dry-run")
    assert code == 0, out
    assert "children.csv: 3 rows, 0 would be new, 1 would be updated, 2 already imported" in out
    assert "line 2 (C-1001): first_name 'Ada' -> 'Adah'" in out
    assert "line 4 (F-3): phone '07700 900003' -> '07700 900333'" in out
    assert (
        "line 3 (E-2): date '2026-03-02' -> '2026-03-04': changed in the source: correct it on "
        "the case" in out
    )
    assert _counts() == before

    code, out = _run(folder, "--source", "OldSystem")
    assert code == 0, out
    ada = Child.objects.get(last_name="Able")
    assert ada.first_name == "Adah"
    assert [h.first_name for h in ada.history.order_by("history_date")][-2:] == ["Ada", "Adah"]
    assert "OldSystem" in ada.history.latest().history_change_reason
    assert AuditEntry.objects.filter(
        child=ada,
        summary="Updated from OldSystem: children.csv line 2 (C-1001) changed first_name",
    ).exists()
    ola = FamilyMember.objects.get(name="Ola Cole")
    assert ola.phone == "07700 900333"
    assert ola.history.order_by("history_date").first().phone == "07700 900003"
    assert AuditEntry.objects.filter(
        child=ola.child, summary__startswith="Updated from OldSystem: family_members.csv line 4"
    ).exists()
    # An unchanged row imported before its row was kept now has it, so a later correction made
    # in Redress is not mistaken for a change in the source.
    assert ImportedRecord.objects.get(source_id="F-1").row["name"] == "Grace Able"
    # The step is not changed by the import: its date is corrected on the case, with a reason.
    assert CaseEvent.objects.get(child=ada, type="assessment_decision").date == date(2026, 3, 2)
    assert "requests.csv: 8 rows, 0 new, 7 already imported, 1 changed in the source" in out

    # The same files again: nothing more changes, and the step is still reported.
    before = _counts()
    audit_before = AuditEntry.objects.count()
    code, out = _run(folder, "--source", "OldSystem")
    assert code == 0
    assert "children.csv: 3 rows, 0 new, 3 already imported" in out
    assert "line 3 (E-2): date '2026-03-02' -> '2026-03-04'" in out
    assert _counts() == before
    assert AuditEntry.objects.count() == audit_before + 1


def test_the_administrator_page_lists_what_a_re_import_would_change(
    authority: Organisation,
) -> None:
    code, out = _run(SAMPLE, "--source", "Old")
    assert code == 0, out
    admin = user_with_role(Role.ADMINISTRATOR)
    client = Client()
    client.force_login(admin)
    changed = (
        (SAMPLE / "children.csv").read_text(encoding="utf-8").replace("Ben,Baker", "Ben,Barker")
    )
    page = client.post(
        "/imports/",
        {
            "authority": authority.pk,
            "source": "Old",
            "kind": "children",
            "dry_run": "on",
            "file": SimpleUploadedFile("children.csv", changed.encode("utf-8")),
        },
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert "1 would be updated" in html
    assert "Line 3 (C-1002): last_name “Baker” to “Barker”" in html
    assert Child.objects.filter(last_name="Baker").exists()  # a check keeps nothing
