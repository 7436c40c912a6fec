"""The published statistics are one national dataset: no authority's manager may overwrite them,
every figure is checked (percentages, totals), the web import previews before publishing, and
every import is kept so the figures can be rolled back to an earlier one."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from redress.audit.models import AuditEntry
from redress.casework.tests import factories
from redress.casework.tests.factories import Role, user_with_role
from redress.reports import services
from redress.reports.models import PublishedStatistic, StatisticsBatch
from redress.reports.tests.test_statistics_import import national_data_user

pytestmark = pytest.mark.django_db

HEADER = "period,geography_level,geography_name,measure,value,source\n"
FIRST = HEADER + (
    "2023/24,national,England,appeals_registered,14000,TSQ\n"
    "2023/24,regional,North East,appeals_registered,820,TSQ\n"
    "2023/24,local_authority,Northwick,appeals_registered,41,TSQ\n"
    "2023/24,national,England,pc_found_for_appellant,98.5,TSQ\n"
)


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _upload(client: Client, text: str) -> Any:
    upload = SimpleUploadedFile("tsq.csv", text.encode(), content_type="text/csv")
    return client.post(reverse("reports:statistics-import"), {"file": upload})


def _value(level: str, measure: str = "appeals_registered") -> Decimal:
    return PublishedStatistic.objects.get(geography_level=level, measure=measure).value


def test_an_authority_manager_cannot_overwrite_the_national_figures() -> None:
    services.published_statistics_import(
        actor=None, content=FIRST.encode(), filename="tsq.csv", check_permission=False
    )
    manager = user_with_role(Role.LA_MANAGER, factories.LocalAuthorityFactory())
    tampered = FIRST.replace(",41,", ",99999,")
    assert _upload(_client(manager), tampered).status_code == 403
    with pytest.raises(PermissionDenied):
        services.published_statistics_import(
            actor=manager, content=tampered.encode(), filename="x.csv"
        )
    assert _value("local_authority") == Decimal("41")
    # The reports page offers the manager no import.
    page = _client(manager).get(reverse("reports:index"))
    assert reverse("reports:statistics-import") not in page.content.decode()


def test_a_superuser_and_a_granted_user_hold_the_national_data_role() -> None:
    superuser = get_user_model().objects.create_superuser("root", password=None)
    assert superuser.has_perm("reports.import_statistics")
    assert national_data_user().has_perm("reports.import_statistics")


@pytest.mark.parametrize(
    ("row", "words"),
    [
        ("2023/24,national,England,pc_found_for_appellant,150,TSQ", "must be from 0 to 100"),
        ("2023/24,national,England,pc_other_share,100.5,TSQ", "must be from 0 to 100"),
        ("2023/24,national,England,appeals_decided,10.5,TSQ", "must be a whole number"),
    ],
)
def test_percentages_over_100_and_fractional_counts_are_refused(row: str, words: str) -> None:
    with pytest.raises(ValidationError) as refused:
        services.statistics_batch_stage(
            actor=national_data_user(), content=(HEADER + row + "\n").encode(), filename="x.csv"
        )
    assert words in refused.value.message_dict["file"][0]
    assert not StatisticsBatch.objects.exists()


def test_figures_that_do_not_add_up_are_refused() -> None:
    steward = national_data_user()
    too_many_regions = FIRST + "2023/24,regional,North West,appeals_registered,13500,TSQ\n"
    with pytest.raises(ValidationError) as refused:
        services.statistics_batch_stage(
            actor=steward, content=too_many_regions.encode(), filename="x.csv"
        )
    assert "add up to 14320, more than the national figure of 14000" in str(refused.value)
    # Checked against the figures already in force too.
    services.published_statistics_import(actor=steward, content=FIRST.encode(), filename="a.csv")
    local_too_big = HEADER + "2023/24,local_authority,Northwick,appeals_registered,99999,TSQ\n"
    with pytest.raises(ValidationError):
        services.statistics_batch_stage(
            actor=steward, content=local_too_big.encode(), filename="x.csv"
        )
    assert _value("local_authority") == Decimal("41")


def test_the_web_import_previews_then_publishes_or_discards() -> None:
    steward = national_data_user()
    client = _client(steward)
    services.published_statistics_import(actor=steward, content=FIRST.encode(), filename="a.csv")
    revised = FIRST.replace(",820,", ",835,") + (
        "2024/25,national,England,appeals_registered,15000,TSQ\n"
    )
    response = _upload(client, revised)
    assert response.status_code == 302
    preview = client.get(response["Location"]).content.decode()
    assert "would add 1 new figures and change 1" in preview
    assert ">820<" in preview and ">835<" in preview
    assert _value("regional") == Decimal("820")  # nothing published yet
    client.post(response["Location"], {"action": "discard"})
    assert _value("regional") == Decimal("820")
    assert StatisticsBatch.objects.filter(status="discarded").count() == 1
    # A discarded import cannot be published afterwards.
    assert client.post(response["Location"], {"action": "publish"}).status_code == 400
    assert _value("regional") == Decimal("820")


def test_a_roll_back_puts_the_earlier_figures_back_and_keeps_every_import() -> None:
    steward = national_data_user()
    services.published_statistics_import(actor=steward, content=FIRST.encode(), filename="a.csv")
    first = StatisticsBatch.objects.get(filename="a.csv")
    second_file = FIRST.replace(",820,", ",835,") + (
        "2024/25,national,England,appeals_registered,15000,TSQ\n"
    )
    services.published_statistics_import(
        actor=steward, content=second_file.encode(), filename="b.csv"
    )
    services.published_statistics_import(
        actor=steward, content=second_file.replace(",41,", ",45,").encode(), filename="c.csv"
    )
    assert _value("regional") == Decimal("835") and _value("local_authority") == Decimal("45")
    assert PublishedStatistic.objects.filter(period="2024/25").exists()

    response = _client(steward).post(
        reverse("reports:statistics-batch", args=[first.pk]), {"action": "rollback"}
    )
    assert response.status_code == 302
    assert _value("regional") == Decimal("820") and _value("local_authority") == Decimal("41")
    assert not PublishedStatistic.objects.filter(period="2024/25").exists()
    statuses = dict(StatisticsBatch.objects.values_list("filename", "status"))
    assert statuses == {"a.csv": "published", "b.csv": "rolled_back", "c.csv": "rolled_back"}
    assert AuditEntry.objects.filter(summary__startswith="Rolled the published").count() == 1
    # Rolling back to the latest import is refused with a clear message.
    with pytest.raises(ValidationError):
        services.statistics_rollback_to(actor=steward, batch=first)


def test_the_command_line_previews_lists_and_rolls_back(
    tmp_path: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    from django.core.management import call_command

    first = tmp_path / "a.csv"
    first.write_text(FIRST, encoding="utf-8")
    second = tmp_path / "b.csv"
    second.write_text(FIRST.replace(",820,", ",835,"), encoding="utf-8")
    call_command("import_tribunal_statistics", str(first))
    call_command("import_tribunal_statistics", str(second), "--dry-run")
    out = capsys.readouterr().out
    assert "changed  2023/24 North East appeals_registered: 820.00 -> 835.00" in out
    assert "Nothing was saved." in out
    assert _value("regional") == Decimal("820")
    call_command("import_tribunal_statistics", str(second))
    assert _value("regional") == Decimal("835")
    batch = StatisticsBatch.objects.get(filename="a.csv", status="published")
    call_command("import_tribunal_statistics", "--rollback-to", str(batch.pk))
    assert _value("regional") == Decimal("820")
    call_command("import_tribunal_statistics", "--list")
    assert "Rolled back" in capsys.readouterr().out


def test_a_program_renamed_csv_is_refused_by_its_content() -> None:
    client = _client(national_data_user())
    program = SimpleUploadedFile("figures.csv", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00")
    response = client.post(reverse("reports:statistics-import"), {"file": program})
    assert response.status_code == 200
    assert "The file is not a real CSV file" in response.content.decode()
    assert not StatisticsBatch.objects.exists()
