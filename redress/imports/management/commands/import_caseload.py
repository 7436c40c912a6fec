"""`redress import_caseload FOLDER`: bring a caseload in from CSV files (docs/import.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from redress.accounts.models import Organisation
from redress.imports.layout import FILES
from redress.imports.services import STEP_CHANGED, ImportReport, caseload_import


class Command(BaseCommand):
    help = (
        "Import a caseload from the CSV files in FOLDER (settings.csv, children.csv, "
        "family_members.csv, requests.csv, plans.csv, advice_requests.csv, mediation.csv, "
        "appeals.csv; see docs/import.md). "
        "Each file is imported whole or not at all; rows imported before (matched by the source "
        "system's id) update children, family members and contact details when they changed in "
        "the source, and changed steps are listed to correct on the case. --dry-run reports "
        "every row that would be refused or changed and keeps nothing. Exit status 1 when any "
        "row is refused."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("folder")
        parser.add_argument("--dry-run", action="store_true", help="check only; keep nothing")
        parser.add_argument(
            "--source", help="the system the files came from (default: the folder's name)"
        )
        parser.add_argument(
            "--authority", help="the local authority's name (when Redress holds more than one)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        folder = Path(options["folder"])
        if not folder.is_dir():
            raise CommandError(f"{folder} is not a folder.")
        files = {
            layout.name: (folder / layout.file_name).read_bytes()
            for layout in FILES
            if (folder / layout.file_name).is_file()
        }
        if not files:
            raise CommandError(
                f"{folder} has none of the files: " + ", ".join(f.file_name for f in FILES)
            )
        known = {f.file_name for f in FILES}
        for path in sorted(folder.glob("*.csv")):
            if path.name not in known:
                self.stderr.write(f"Ignored {path.name}: not a file of the layout.")
        authorities = Organisation.objects.filter(kind=Organisation.Kind.LOCAL_AUTHORITY)
        if options["authority"]:
            authorities = authorities.filter(name=options["authority"])
        if authorities.count() != 1:
            names = ", ".join(authorities.values_list("name", flat=True)[:10]) or "none"
            raise CommandError(f"Name exactly one local authority with --authority ({names}).")
        source = (options["source"] or folder.resolve().name).strip()
        report = caseload_import(
            files=files, authority=authorities.get(), source=source, dry_run=options["dry_run"]
        )
        self.write_report(report)
        if report.refused:
            raise SystemExit(1)

    def write_report(self, report: ImportReport) -> None:
        verb = "Dry run (nothing kept)" if report.dry_run else "Imported"
        self.stdout.write(f"{verb} from {report.source}:")
        for f in report.files:
            if f.refusals:
                self.stdout.write(
                    f"  {f.name}.csv: REFUSED, nothing imported from it "
                    f"({len(f.refusals)} of {f.rows} rows refused)"
                )
                for r in f.refusals:
                    where = f"line {r.line}" if r.line else "file"
                    ident = f" ({r.source_id})" if r.source_id else ""
                    self.stdout.write(f"    {where}{ident}: {r.reason}")
            else:
                would = "would be new" if report.dry_run else "new"
                updated = ""
                if f.updated:
                    updated = f", {f.updated} {'would be updated' if report.dry_run else 'updated'}"
                to_correct = (
                    f", {f.rows_to_correct} changed in the source: correct on the case"
                    if f.rows_to_correct
                    else ""
                )
                self.stdout.write(
                    f"  {f.name}.csv: {f.rows} rows, {f.created} {would}{updated}, "
                    f"{f.already} already imported{to_correct}"
                )
                for c in f.changes:
                    self.stdout.write(
                        f"    line {c.line} ({c.source_id}): {c.column} {c.old!r} -> {c.new!r}"
                        + ("" if c.applied else f": {STEP_CHANGED}")
                    )
        if not report.dry_run:
            self.stdout.write(f"Deadlines recomputed for {report.children_recomputed} children.")
