"""Addresses on the public site, for what leaves it: mails, calendar files, downloads,
structured data, canonical links."""

from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse


def absolute_url(path_or_url: str) -> str:
    """`path_or_url` (from get_absolute_url, reverse or a file's url) on the public site,
    SITE_URL. A URL that is absolute already (media on a CDN) stays as it is."""
    if urlsplit(path_or_url).scheme:
        return path_or_url
    return settings.SITE_URL + path_or_url


def webcal_url(url: str) -> str:
    """An absolute http(s) URL of a calendar feed as a webcal:// link, which calendar apps
    open as "subscribe"."""
    return "webcal://" + url.split("://", 1)[-1]


def address_maker(viewname: str, *leading: str) -> Callable[[str], str]:
    """The address of `viewname` for any slug as its last argument, from one ``reverse()``:
    a page listing hundreds of sessions need not resolve the URL patterns for each.
    `leading` are the arguments before the slug (an event's, for its sessions)."""
    # Slugs are plain ASCII (SlugField), which reverse() leaves as they are.
    head, tail = reverse(viewname, args=[*leading, "SLUG"]).rsplit("SLUG", 1)

    def address(slug: str) -> str:
        return f"{head}{slug}{tail}"

    return address
