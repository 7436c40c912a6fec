"""Importing published tribunal statistics: the documented columns, a clear error naming the row
for every bad file (and nothing saved), and no duplicates on a second import."""

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse

from redress.audit.models import AuditEntry
from redress.casework.tests import factories
from redress.casework.tests.factories import Role, user_with_role
from redress.reports.models import PublishedStatistic
from redress.reports.services import published_statistics_import
from redress.reports.statistics_format import COLUMN_NAMES, MAX_BYTES

pytestmark = pytest.mark.django_db

LocalAuthorityFactory: Any = factories.LocalAuthorityFactory

HEADER = "period,geography_level,geography_name,measure,value,source\n"
GOOD = HEADER + (
    "2023/24,national,England,appeals_registered,21000,Tribunal Statistics Quarterly\n"
    "2023/24,regional,North East,appeals_registered,820,Tribunal Statistics Quarterly\n"
    "2024-Q3,national,England,pc_found_for_appellant,98.5,Tribunal Statistics Quarterly\n"
)


def national_data_user() -> Any:
    """The national data role: the model permission reports.import_statistics."""
    user = factories.UserFactory()
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="reports", codename="import_statistics")
    )
    return get_user_model().objects.get(pk=user.pk)  # a fresh object: no cached permissions


@pytest.fixture
def manager() -> Any:
    """Whoever imports in these tests holds the national data role."""
    return national_data_user()


def _import(actor: Any, text: str | bytes) -> Any:
    content = text.encode() if isinstance(text, str) else text
    return published_statistics_import(actor=actor, content=content, filename="stats.csv")


def _refusal(actor: Any, text: str | bytes) -> list[str]:
    with pytest.raises(ValidationError) as refused:
        _import(actor, text)
    return refused.value.message_dict["file"]


def test_a_good_file_is_imported_and_audited(manager: Any) -> None:
    result = _import(manager, GOOD)
    assert (result.created, result.updated, result.unchanged) == (3, 0, 0)
    figure = PublishedStatistic.objects.get(geography_name="North East")
    assert figure.value == Decimal("820") and figure.period == "2023/24"
    assert figure.imported_by == manager and figure.source == "Tribunal Statistics Quarterly"
    assert PublishedStatistic.objects.get(measure="pc_found_for_appellant").value == Decimal(
        "98.50"
    )
    (entry,) = AuditEntry.objects.filter(action="upload")
    assert "3 new" in entry.summary


def test_importing_the_same_rows_again_does_not_duplicate_and_a_changed_value_updates(
    manager: Any,
) -> None:
    _import(manager, GOOD)
    again = _import(manager, GOOD)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert PublishedStatistic.objects.count() == 3
    revised = GOOD.replace(",820,", ",835,")
    result = _import(manager, revised)
    assert (result.created, result.updated, result.unchanged) == (0, 1, 2)
    assert PublishedStatistic.objects.get(geography_name="North East").value == Decimal("835")
    assert PublishedStatistic.objects.count() == 3


def test_columns_in_another_order_with_extra_columns_and_a_byte_order_mark(manager: Any) -> None:
    text = (
        "\ufeffsource,value,measure,notes,geography_name,geography_level,period\n"
        "TSQ,14000,appeals_registered,provisional,England,national,2022/23\n"
    )
    assert _import(manager, text).created == 1


@pytest.mark.parametrize(
    ("row", "words"),
    [
        ('2023/24,national,England,appeals_registered,"25,000",TSQ', "'25,000' is not a number"),
        ("2023/24,national,England,appeals_registered,61%,TSQ", "'61%' is not a number"),
        ("2023/24,national,England,appeals_registered,many,TSQ", "'many' is not a number"),
        ("2023/24,national,England,appeals_registered,,TSQ", "'' is not a number"),
        ("2023-24,national,England,appeals_registered,1,TSQ", "period '2023-24'"),
        ("2023/25,national,England,appeals_registered,1,TSQ", "period '2023/25'"),
        ("2024-Q5,national,England,appeals_registered,1,TSQ", "period '2024-Q5'"),
        ("2023/24,county,England,appeals_registered,1,TSQ", "geography_level 'county'"),
        ("2023/24,national,,appeals_registered,1,TSQ", "geography_name is empty"),
        ("2023/24,national,England,Appeals Registered,1,TSQ", "measure 'Appeals Registered'"),
        ("2023/24,national,England,appeals_registered,1,", "source is empty"),
        ("2023/24,national,England,appeals_registered,1,TSQ,extra", "more values than"),
    ],
)
def test_a_bad_row_refuses_the_whole_file_naming_the_row(
    manager: Any, row: str, words: str
) -> None:
    # The good rows come first: they must not be saved either.
    messages = _refusal(manager, GOOD + row + "\n")
    assert messages[0].startswith("Row 5")
    assert words in messages[0]
    assert messages[-1] == "Nothing was imported."
    assert not PublishedStatistic.objects.exists()
    assert not AuditEntry.objects.filter(action="upload").exists()


def test_every_bad_row_is_listed(manager: Any) -> None:
    text = HEADER + "2023/24,national,England,x y,1,TSQ\n2023/24,national,England,ok,one,TSQ\n"
    messages = _refusal(manager, text)
    assert [m.split(":")[0] for m in messages[:2]] == ["Row 2", "Row 3"]


@pytest.mark.parametrize("missing", COLUMN_NAMES)
def test_a_missing_column_is_named(manager: Any, missing: str) -> None:
    names = [n for n in COLUMN_NAMES if n != missing]
    text = ",".join(names) + "\n" + ",".join("1" for _ in names) + "\n"
    (message, _) = _refusal(manager, text)
    assert f"no column {missing}" in message and message.startswith("Row 1")


def test_a_file_that_is_not_utf8_is_refused(manager: Any) -> None:
    text = (HEADER + "2023/24,regional,Yorkshire and The Humber – North,x,1,Bureau\n").encode(
        "cp1252"
    )
    (message, _) = _refusal(manager, text)
    assert "not UTF-8" in message and "CSV UTF-8" in message


def test_an_oversize_file_is_refused(manager: Any) -> None:
    row = "2023/24,national,England,appeals_registered,1,TSQ\n"
    text = HEADER + row * (MAX_BYTES // len(row) + 1)
    (message, _) = _refusal(manager, text)
    assert "larger than 2 MB" in message
    assert not PublishedStatistic.objects.exists()


def test_an_empty_file_and_a_header_alone_are_refused(manager: Any) -> None:
    assert "empty" in _refusal(manager, b"")[0]
    assert "no figures" in _refusal(manager, HEADER)[0]


def test_the_same_figure_twice_with_different_values_is_refused(manager: Any) -> None:
    text = GOOD + "2023/24,national,England,appeals_registered,21500,TSQ\n"
    (message, _) = _refusal(manager, text)
    assert "Row 5" in message and "different value from row 2" in message


def test_only_the_national_data_role_may_import() -> None:
    la = LocalAuthorityFactory()
    for role in (Role.LA_MANAGER, Role.LA_CASEWORKER, Role.HEALTH_OFFICER, Role.PARENT_CARER,
                 Role.ADMINISTRATOR):  # fmt: skip
        user = user_with_role(role, la if role in (Role.LA_CASEWORKER, Role.LA_MANAGER) else None)
        with pytest.raises(PermissionDenied):
            _import(user, GOOD)
    assert not PublishedStatistic.objects.exists()


def test_the_management_command_imports_a_file_and_refuses_a_bad_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "good.csv"
    good.write_text(GOOD, encoding="utf-8")
    call_command("import_tribunal_statistics", str(good))
    assert "3 new" in capsys.readouterr().out
    call_command("import_tribunal_statistics", str(good))
    assert "3 unchanged" in capsys.readouterr().out
    assert PublishedStatistic.objects.count() == 3
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "2030/31,national,England,new_measure,1x,TSQ\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Row 2"):
        call_command("import_tribunal_statistics", str(bad))
    with pytest.raises(CommandError, match="no such file"):
        call_command("import_tribunal_statistics", str(tmp_path / "missing.csv"))
    assert PublishedStatistic.objects.count() == 3


def test_the_sample_file_for_the_demo_imports_cleanly(manager: Any) -> None:
    from redress.reports.demo import SAMPLE

    assert _import(manager, SAMPLE.read_bytes()).created > 20


# -- The upload page ----------------------------------------------------------------------------


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_import_page_documents_the_columns(manager: Any) -> None:
    page = _client(manager).get(reverse("reports:statistics-import"))
    html = page.content.decode()
    assert page.status_code == 200
    for name in COLUMN_NAMES:
        assert f"<code>{name}</code>" in html
    assert "appeals_registered" in html and "2023/24" in html and "2024-Q3" in html


def test_uploading_a_good_file_reports_what_was_imported(manager: Any) -> None:
    client = _client(manager)
    upload = SimpleUploadedFile("tsq.csv", GOOD.encode(), content_type="text/csv")
    preview = client.post(reverse("reports:statistics-import"), {"file": upload}, follow=True)
    assert "would add 3 new figures" in preview.content.decode()
    assert not PublishedStatistic.objects.exists()  # nothing published before the check
    batch_url = preview.redirect_chain[-1][0]
    response = client.post(batch_url, {"action": "publish"}, follow=True)
    assert "Published 3 figures from tsq.csv: 3 new" in response.content.decode()
    assert PublishedStatistic.objects.count() == 3


def test_uploading_a_bad_file_shows_the_error_summary_and_saves_nothing(manager: Any) -> None:
    client = _client(manager)
    upload = SimpleUploadedFile("tsq.csv", (GOOD + "2023/24,national,England,x,1.2.3,TSQ\n")
                                .encode(), content_type="text/csv")  # fmt: skip
    response = client.post(reverse("reports:statistics-import"), {"file": upload})
    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html and "Row 5" in html and "&#x27;1.2.3&#x27;" in html
    assert 'href="#id_file"' in html
    assert not PublishedStatistic.objects.exists()
    empty = client.post(reverse("reports:statistics-import"), {})
    assert "Choose a CSV file to import" in empty.content.decode()


def test_the_import_page_is_for_the_national_data_role_only() -> None:
    la = LocalAuthorityFactory()
    for role in (Role.LA_CASEWORKER, Role.LA_MANAGER):
        staff = user_with_role(role, la)
        assert _client(staff).get(reverse("reports:statistics-import")).status_code == 403
        upload = SimpleUploadedFile("tsq.csv", GOOD.encode(), content_type="text/csv")
        assert (
            _client(staff).post(reverse("reports:statistics-import"), {"file": upload}).status_code
            == 403
        )
    assert Client().get(reverse("reports:statistics-import")).status_code == 302
    assert not PublishedStatistic.objects.exists()


def test_a_value_too_long_for_the_csv_reader_is_a_form_error_not_a_server_error(
    manager: Any,
) -> None:
    long_source = '"' + "Tribunal Statistics Quarterly " * 5000 + '"'
    text = GOOD + f"2024/25,national,England,appeals_registered,22000,{long_source}\n"
    upload = SimpleUploadedFile("tsq.csv", text.encode(), content_type="text/csv")
    response = _client(manager).post(reverse("reports:statistics-import"), {"file": upload})
    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html
    assert "Row 5: the file cannot be read as CSV" in html
    assert not PublishedStatistic.objects.exists()
