"""Events and series for search engines. Drafts never appear."""

import datetime as dt

from django.db.models import QuerySet
from django.utils import timezone

from common.sitemaps import SiteSitemap
from events.models import Event, Series
from events.queries import public_series


class EventSitemap(SiteSitemap):
    def items(self) -> QuerySet[Event]:
        # Published and cancelled: a cancelled event's page says it is off.
        return Event.objects.published().order_by("-starts_at", "pk")

    def lastmod(self, event: Event) -> dt.datetime:
        return event.updated_at

    def changefreq(self, event: Event) -> str:
        return "yearly" if event.ends_at < timezone.now() else "daily"


class SeriesSitemap(SiteSitemap):
    """Series with a public event: one holding only drafts would announce them by name."""

    def items(self) -> QuerySet[Series]:
        return public_series().order_by("pk")


SITEMAPS = {"events": EventSitemap, "series": SeriesSitemap}
