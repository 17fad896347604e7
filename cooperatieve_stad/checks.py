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
