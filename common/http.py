"""Request types for views, so that type checking knows what the decorators guarantee, and
the one rule of which responses no cache may keep."""

from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponseBase
from django.utils.cache import patch_cache_control


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
