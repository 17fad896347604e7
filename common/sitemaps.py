"""Sitemap pieces every app's sitemaps.py builds on.

Sitemap URLs are built on SITE_URL's scheme and host, not on the host of the request:
the sitemap is fetched through whatever name reached the server (an internal address, a
health-check host, plain http behind the proxy), while search engines must only learn the
canonical address.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Model, QuerySet


class SiteSitemap(Sitemap):
    """Absolute URLs on SITE_URL, whatever host or scheme the sitemap was requested on."""

    def get_protocol(self, protocol: str | None = None) -> str:
        return urlsplit(settings.SITE_URL).scheme or "https"

    def get_domain(self, site: object = None) -> str:
        return urlsplit(settings.SITE_URL).netloc


class ModelSitemap(SiteSitemap):
    """Pages of things that have no draft state: visible as soon as they exist."""

    def __init__(self, model: type[Model]) -> None:
        self.model = model

    def items(self) -> QuerySet:
        return self.model._default_manager.order_by("pk")
