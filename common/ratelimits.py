"""Rate limits on the actions that write: per signed-in user and per client address.

The numbers leave room for real use and stop a script. A person reserves or cancels a
few times an hour; a whole office behind one address may reserve together. A host at
the door checks in hundreds of people an hour, one every few seconds at the peak, with
an undo now and then; several hosts may share the venue's wifi.

Views are decorated with ``limit(...)`` after ``login_required`` (so anonymous visitors
are sent to the login page, never counted under one shared "user"). A refusal raises
django-ratelimit's ``Ratelimited``; its middleware calls ``too_many_requests``.
"""

import ipaddress
from collections.abc import Callable
from http import HTTPStatus

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django_ratelimit.decorators import ratelimit

# Only POSTs count: looking at a form is free.
RATES: dict[str, tuple[str, str]] = {
    # group: (per user, per client address)
    "reserve": ("10/m", "60/m"),
    "change_sessions": ("20/m", "60/m"),
    "cancel": ("10/m", "60/m"),
    "save": ("120/m", "600/m"),
    "check_in": ("120/m", "600/m"),
}
# Reads that cost more than a cached page, per client address (GET and HEAD count): the
# search runs a query per kind of result and is never served from the page cache. A person
# searches a few times a minute; a script is stopped.
READ_RATES: dict[str, str] = {"search": "60/m"}
RETRY_AFTER_SECONDS = 60


def limit(group: str) -> Callable:
    """Both limits of `group` on a view; the first one exceeded refuses with 429."""

    # Looked up per request, so that a test can lower them.
    def per_user(_group: str, _request: HttpRequest) -> str:
        return RATES[group][0]

    def per_address(_group: str, _request: HttpRequest) -> str:
        return RATES[group][1]

    def decorator(view: Callable) -> Callable:
        view = ratelimit(group=f"{group}:address", key="ip", rate=per_address, method="POST")(view)
        return ratelimit(group=f"{group}:user", key="user", rate=per_user, method="POST")(view)

    return decorator


def limit_reads(group: str) -> Callable:
    """The per-address limit of READ_RATES[group] on a view that only reads."""

    def per_address(_group: str, _request: HttpRequest) -> str:
        return READ_RATES[group]

    return ratelimit(group=f"{group}:address", key="ip", rate=per_address, method=["GET", "HEAD"])


def client_ip(request: HttpRequest) -> str:
    """The visitor's address: behind trusted proxies, the one the outermost of them saw.

    Follows ALLAUTH_TRUSTED_PROXY_COUNT, so allauth's login limits and ours count the same
    address. Entries further left in X-Forwarded-For come from the client and can be forged.
    """
    trusted = settings.ALLAUTH_TRUSTED_PROXY_COUNT
    forwarded = [part.strip() for part in request.headers.get("X-Forwarded-For", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if trusted and len(forwarded) >= trusted and _is_address(forwarded[-trusted]):
        return forwarded[-trusted]
    return request.META.get("REMOTE_ADDR") or "0.0.0.0"


def _is_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def too_many_requests(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The 429 page, for our limits (RATELIMIT_VIEW) and allauth's (urls.handler429)."""
    response = render(request, "429.html", status=HTTPStatus.TOO_MANY_REQUESTS)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
