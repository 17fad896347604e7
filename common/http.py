"""Request types for views, so that type checking knows what the decorators guarantee, the
one rule of which responses no cache may keep, the mark of those never compressed, and
how our scripts ask for JSON."""

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponseBase
from django.utils.cache import patch_cache_control

# The attribute that common.middleware.GZipMiddleware looks for; never sent to the browser.
UNCOMPRESSED = "keep_uncompressed"

ViewT = TypeVar("ViewT", bound=Callable[..., HttpResponseBase])


class AuthenticatedRequest(HttpRequest):
    """A request that passed login_required (or staff_member_required): a signed-in user."""

    user: User


def keep_out_of_caches(response: HttpResponseBase) -> None:
    """Mark a response that is personal to its visitor: ``Cache-Control: private, no-store``.

    No shared cache (proxy, CDN) keeps it and the browser does not store it either, so it is
    not shown again from the disk or the history after logging out. Directives a view set
    that are stricter still (``no-cache``, ``max-age=0``, ``must-revalidate``) stay; a
    ``public`` one goes.
    """
    patch_cache_control(response, private=True, no_store=True)


def keep_uncompressed(response: HttpResponseBase) -> None:
    """Mark a response that holds a secret which is the same in every response, such as the
    calendar-feed token: it is sent without gzip, whatever the browser accepts.

    Compressing a page that holds both such a secret and text an attacker can have put in it
    lets the attacker guess the secret from the compressed size (BREACH). The CSRF token is
    not such a secret: Django masks it anew in every response. README → Performance →
    "Signed-in pages" says which pages are marked and why.
    """
    setattr(response, UNCOMPRESSED, True)


def is_kept_uncompressed(response: HttpResponseBase) -> bool:
    return getattr(response, UNCOMPRESSED, False) is True


def uncompressed(view: ViewT) -> ViewT:
    """The view's responses are never compressed (keep_uncompressed)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        response = view(request, *args, **kwargs)
        keep_uncompressed(response)
        return response

    return wrapper  # type: ignore[return-value]


def wants_json(request: HttpRequest) -> bool:
    """Our scripts send a form with ``Accept: application/json`` to the view that takes it
    without them; a browser's own form post accepts HTML and gets the page."""
    return request.accepts("application/json") and not request.accepts("text/html")
