"""Health endpoints for a load balancer or an orchestrator: no personal data, no session.

- `/health/live`: the process answers (no database query), so a stuck worker is restarted.
- `/health/ready`: the database answers a trivial query and every migration has been applied,
  so traffic is sent only to a server that can serve it.

Both answer JSON with a status word and nothing about any child, person or organisation.
"""

from __future__ import annotations

import logging

from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


@never_cache
@require_GET
def live(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
def ready(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        executor = MigrationExecutor(connection)
        unapplied = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError:
        # The reason goes to the log (for the operator), never to the caller.
        logger.exception("readiness check: the database did not answer")
        return JsonResponse({"status": "unavailable", "database": "error"}, status=503)
    if unapplied:
        return JsonResponse(
            {"status": "unavailable", "database": "ok", "migrations": "pending"}, status=503
        )
    return JsonResponse({"status": "ok", "database": "ok", "migrations": "ok"})
