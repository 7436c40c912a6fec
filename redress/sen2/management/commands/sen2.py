"""`redress sen2 --year 2027 --out FILE.xml`: build an authority's SEN2 person-level return,
check it against the schema and the return's checks, write the XML and list every failure."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from redress.accounts.models import Organisation
from redress.audit.services import audit_record
from redress.sen2.build import census_date, return_build
from redress.sen2.checks import return_check


class Command(BaseCommand):
    help = (
        "Build the SEN2 person-level return for a collection year (the census in January of "
        "that year), check it, and write the XML. Lists every error and warning with the child "
        "and the item to fix. Exit status 1 when the return has errors (the XML is still "
        "written, so it can be inspected)."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--year", type=int, required=True, help="collection year, e.g. 2027")
        parser.add_argument("--out", required=True, help="file to write the XML to")
        parser.add_argument(
            "--reference-date",
            help="census (reference) date, YYYY-MM-DD; default the third Thursday of January",
        )
        parser.add_argument(
            "--authority",
            help="the local authority's name (needed only when Redress holds more than one)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        year = options["year"]
        if not 2023 <= year <= 2100:
            raise CommandError("The year must be a collection year from 2023, e.g. 2027.")
        reference = census_date(year)
        if options["reference_date"]:
            try:
                reference = date.fromisoformat(options["reference_date"])
            except ValueError as exc:
                raise CommandError("The reference date must be YYYY-MM-DD.") from exc
        authorities = Organisation.objects.filter(kind=Organisation.Kind.LOCAL_AUTHORITY)
        if options["authority"]:
            authorities = authorities.filter(name=options["authority"])
        if authorities.count() != 1:
            names = ", ".join(authorities.values_list("name", flat=True)[:10]) or "none"
            raise CommandError(
                f"Name exactly one local authority with --authority (found: {names})."
            )
        authority = authorities.get()
        sen2 = return_build(authority=authority, year=year, reference_date=reference)
        result = return_check(sen2)
        Path(options["out"]).write_bytes(result.xml)
        audit_record(
            actor=None,
            action="generate",
            obj=authority,
            summary=f"SEN2 return {year} built from the command line ({len(sen2.persons)} "
            f"people, {len(result.errors)} errors)",
        )
        self.stdout.write(
            f"SEN2 {year}, reference date {reference.isoformat()}, {authority.name}: "
            f"{len(sen2.persons)} people; {len(result.errors)} errors, "
            f"{len(result.warnings)} warnings. XML written to {options['out']}."
        )
        for failure in result.errors + result.warnings:
            who = f"{failure.child_name} (child {failure.child_id})" if failure.child_id else "-"
            self.stdout.write(
                f"{failure.severity.upper():7} {failure.code:9} {who}: {failure.item}: "
                f"{failure.message}"
            )
        if result.errors:
            raise SystemExit(1)
