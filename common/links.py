"""Addresses on the public site, for what leaves it: mails, calendar files, downloads,
structured data, canonical links."""

from urllib.parse import urlsplit

from django.conf import settings


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
