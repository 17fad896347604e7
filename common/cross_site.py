"""Responses meant for other sites: open data that any origin may fetch, and pages that any
site may frame.

Both decorators go above ``cache_public_page``: a page served from the page cache is a new
response built from the cached body, so headers and marks set inside the view would not
reach it.

Everything else on the site keeps refusing to be framed (``X_FRAME_OPTIONS = "DENY"`` and
``frame-ancestors 'none'`` in the Content-Security-Policy): only views marked ``frameable``
loosen both, and only for their own responses.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from csp.decorators import csp_replace
from django.http import HttpRequest, HttpResponseBase
from django.utils.cache import patch_cache_control
from django.views.decorators.clickjacking import xframe_options_exempt


def open_data(*, max_age: int) -> Callable:
    """The response is public data: any origin may read it (``Access-Control-Allow-Origin:
    *``, no credentials) and any cache may keep it for `max_age` seconds, after which it is
    revalidated (its ETag comes from ConditionalGetMiddleware or the page cache).

    A response that was marked private on the way (a signed-in visitor, see
    common.middleware.PrivateWhenSignedInMiddleware) stays private."""

    def decorator(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            response = view(request, *args, **kwargs)
            response["Access-Control-Allow-Origin"] = "*"
            cache_control = response.get("Cache-Control", "")
            if response.status_code == 200 and "private" not in cache_control:
                patch_cache_control(response, public=True, max_age=max_age)
            return response

        return wrapper

    return decorator


# Any site may put these pages in a frame: the whole point of an embed.
_FRAME_ANCESTORS_ANYONE = {"frame-ancestors": ["*"]}


def frameable(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Other sites may frame the view's pages: no X-Frame-Options (Django's per-view
    exemption) and ``frame-ancestors *`` in place of ``'none'`` (django-csp's per-view
    replacement); the rest of the policy stays as it is."""
    return xframe_options_exempt(csp_replace(_FRAME_ANCESTORS_ANYONE)(view))
