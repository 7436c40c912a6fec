"""`redress create_tasks`: bring tasks forward from the deadline table, and close those done.

Run it daily after `redress recompute_deadlines` (deploy/crontab, docs/deploy.md). A step
recorded on a case already brings its task forward or closes it at once; this catches up with
what the nightly recompute changed and with changes to an authority's bring-forward settings.
Running it twice creates nothing twice
(docs/decisions/0146-tasks-brought-forward-from-deadlines.md).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from redress.casefile.services_tasks import children_with_task_work, tasks_bring_forward
from redress.casework.models import Child


class Command(BaseCommand):
    help = (
        "Create the tasks the deadline table asks for (chase advice, send review invitations), "
        "assigned to each child's caseworker, and close those whose step was recorded. Run daily "
        "after recompute_deadlines; running it again creates nothing twice."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--batch-size", type=int, default=500, help="children read together (default 500)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        size = max(1, options["batch_size"])
        created = closed = 0
        last = 0
        while True:
            # Children a batch at a time, by id, so the caseload is never held in memory.
            ids = list(children_with_task_work().filter(pk__gt=last)[:size])
            if not ids:
                break
            last = ids[-1]
            for child in Child.objects.filter(pk__in=ids).select_related("local_authority"):
                made, shut = tasks_bring_forward(child=child)
                created += made
                closed += shut
        self.stdout.write(f"Tasks created: {created}; tasks closed: {closed}.")
