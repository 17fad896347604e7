"""The health listener: a small gunicorn of its own that answers the load balancer's checks.

    HEALTH_WEB_ADDRESS=127.0.0.1:8000 GUNICORN_BIND=127.0.0.1:8001 WEB_CONCURRENCY=1 \\
        .venv/bin/gunicorn cooperatieve_stad.health_wsgi

The web server answers requests in the order they come. In a reservation rush hundreds of
them wait for its threads, and a check sent to it waits as long: the load balancer would
take a busy server out. This process has threads of its own, so its check is answered at
once. /healthz here says that the database answers and that the web server at
HEALTH_WEB_ADDRESS accepts connections. Any other path is 404, so no page is served here.
"""

from collections.abc import Callable, Iterable

from cooperatieve_stad.wsgi import application as site

HEALTH_PATHS = frozenset({"/healthz", "/healthz/queue"})


def application(environ: dict, start_response: Callable) -> Iterable[bytes]:
    if environ.get("PATH_INFO") in HEALTH_PATHS:
        return site(environ, start_response)
    start_response("404 Not Found", [("Content-Type", "text/plain; charset=utf-8")])
    return [b"Only health checks are answered here.\n"]
