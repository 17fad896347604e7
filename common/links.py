"""Addresses on the public site, for what leaves it: mails, calendar files, downloads."""

from django.conf import settings


def absolute_url(path: str) -> str:
    """`path` (from get_absolute_url or reverse) on the public site, SITE_URL."""
    return settings.SITE_URL + path
