"""Health checks for load balancers and monitoring.

`/healthz`: liveness and readiness, 200 when the database answers, 503 when not. On the
health listener (`cooperatieve_stad.health_wsgi`) the web server at HEALTH_WEB_ADDRESS must
also accept a connection.
`/healthz/queue`: whether the task workers keep up, as JSON of counts and ages only (nothing
about what a task is for or whom it concerns), 503 when a due task has waited too long.
"""

import logging
import socket

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from common.task_queue import queue_status

logger = logging.getLogger(__name__)

# The kernel completes a connection to a listening socket at once, however busy its workers
# are; a web server that is down refuses it, one whose backlog is full lets it time out.
WEB_CONNECT_SECONDS = 1.0


def web_server_refuses() -> bool:
    """Whether the web server at HEALTH_WEB_ADDRESS ("host:port") refuses a connection;
    False when no address is set (the check is then the web server's own)."""
    if not settings.HEALTH_WEB_ADDRESS:
        return False
    host, _, port = settings.HEALTH_WEB_ADDRESS.rpartition(":")  # host:port, as settings check
    try:
        socket.create_connection((host.strip("[]"), int(port)), WEB_CONNECT_SECONDS).close()
    except OSError as error:
        logger.warning("Health check: the web server at %s: %s", settings.HEALTH_WEB_ADDRESS, error)
        return True
    return False


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
    if web_server_refuses():
        return HttpResponse("web server unavailable\n", status=503, content_type="text/plain")
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
