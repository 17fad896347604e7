"""Health checks for load balancers and monitoring.

`/healthz`: liveness and readiness, 200 when the database answers, 503 when not.
`/healthz/queue`: whether the task workers keep up, as JSON of counts and ages only (nothing
about what a task is for or whom it concerns), 503 when a due task has waited too long.
"""

import logging

from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from common.task_queue import queue_status

logger = logging.getLogger(__name__)


@never_cache
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: the database does not answer")
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


@never_cache
@require_safe
def healthz_queue(request: HttpRequest) -> HttpResponse:
    try:
        status = queue_status()
    except DatabaseError:
        logger.exception("Queue health check: the database does not answer")
        return JsonResponse({"healthy": False, "error": "database unavailable"}, status=503)
    return JsonResponse(status.as_dict(), status=200 if status.healthy else 503)
