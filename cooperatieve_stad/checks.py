"""Deployment checks of our own, run by `manage.py check --deploy`."""

from django.conf import settings
from django.core.checks import Tags, Warning, register

# Caches that live inside one process: each gunicorn worker would keep its own.
PROCESS_LOCAL_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)


@register(Tags.caches, deploy=True)
def shared_cache(app_configs, **kwargs) -> list[Warning]:
    """Rate limits (allauth's and ours) and the page cache need one cache for all processes."""
    if settings.CACHES["default"]["BACKEND"] not in PROCESS_LOCAL_CACHES:
        return []
    return [
        Warning(
            "The default cache lives inside each process: every worker counts rate limits "
            "on its own, and the page cache is off.",
            hint="Set CACHE_URL to a Redis or Memcached server shared by every app server.",
            id="cooperatieve_stad.W001",
        )
    ]


# Task backends that run no work outside the request, and what production would suffer.
NO_WORKER_BACKENDS = {
    "django_tasks.backends.immediate.ImmediateBackend": (
        "every task (a mail) runs inside the request that queues it, while the visitor waits"
    ),
    "django_tasks.backends.dummy.DummyBackend": "tasks are never run, so no mail is sent",
}


@register("tasks", deploy=True)
def tasks_leave_the_request(app_configs, **kwargs) -> list[Warning]:
    """Production queues mails and scheduled jobs for the workers (manage.py run_worker)."""
    backend = settings.TASKS["default"]["BACKEND"]
    if settings.DEBUG or backend not in NO_WORKER_BACKENDS:
        return []
    return [
        Warning(
            f"TASKS_BACKEND is {backend}: {NO_WORKER_BACKENDS[backend]}.",
            hint="Unset TASKS_BACKEND (the default is django_tasks_db.DatabaseBackend) and "
            "run `manage.py run_worker` beside the web server (README → Deployment → Worker).",
            id="cooperatieve_stad.W002",
        )
    ]
