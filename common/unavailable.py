"""The site's own 503 page when the database cannot be reached.

Django answers any uncaught exception with its 500 handler; a connection that fails
(the database is down, restarting or refusing connections) is not a bug in a page but a
pause in the service, so it gets 503 Service Unavailable with Retry-After, which tells
browsers, crawlers and load balancers to come back later. The page renders from the
template alone, without the request and its context processors, which would look up the
session and the user in the very database that does not answer. /healthz tells load
balancers the same in plain text (cooperatieve_stad/health.py).
"""

import sys
from http import HTTPStatus

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.views import defaults

# Failures of the connection itself, as Django raises them for every database backend.
CONNECTION_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30
TEMPLATE = "503.html"


def is_database_unavailable(error: BaseException | None) -> bool:
    """Whether `error`, or an error it was raised from, is a failed database connection."""
    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, CONNECTION_ERRORS):
            return True
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return False


def service_unavailable() -> HttpResponse:
    response = HttpResponse(
        loader.get_template(TEMPLATE).render(), status=HTTPStatus.SERVICE_UNAVAILABLE
    )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    """urls.handler500: the 503 page for a database that does not answer, else Django's 500.

    Django calls it while handling the exception, so the exception is sys.exc_info()."""
    if is_database_unavailable(sys.exc_info()[1]):
        return service_unavailable()
    return defaults.server_error(request)
