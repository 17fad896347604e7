"""robots.txt and the sitemap: what search engines may index. Drafts never appear.

Sitemap URLs are built on SITE_URL's scheme and host, not on the host of the request:
the sitemap is fetched through whatever name reached the server (an internal address, a
health-check host, plain http behind the proxy), while search engines must only learn the
canonical address.
"""

import datetime as dt
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, Model, OuterRef, QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from events.models import Event, Series
from events.queries import public_series
from initiatives.models import Collection, Document, Initiative, Organisation
from sessions.models import Session, SessionSpeaker, Slot, Speaker


@require_safe
@cache_control(max_age=86400, public=True)
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /i18n/",
        "",
        f"Sitemap: {settings.SITE_URL}{reverse('sitemap')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


class SiteSitemap(Sitemap):
    """Absolute URLs on SITE_URL, whatever host or scheme the sitemap was requested on."""

    def get_protocol(self, protocol: str | None = None) -> str:
        return urlsplit(settings.SITE_URL).scheme or "https"

    def get_domain(self, site=None) -> str:
        return urlsplit(settings.SITE_URL).netloc


class PagesSitemap(SiteSitemap):
    """The overview pages that have no object of their own."""

    changefreq = "daily"

    def items(self) -> list[str]:
        return [
            "home",
            "events:agenda",
            "initiatives:directory",
            "initiatives:collections",
            "initiatives:documents",
        ]

    def location(self, item: str) -> str:
        return reverse(item)


class EventSitemap(SiteSitemap):
    def items(self) -> QuerySet[Event]:
        # Published and cancelled: a cancelled event's page says it is off.
        return Event.objects.published().order_by("-starts_at", "pk")

    def lastmod(self, event: Event) -> dt.datetime:
        return event.updated_at

    def changefreq(self, event: Event) -> str:
        return "yearly" if event.ends_at < timezone.now() else "daily"


class SessionSitemap(SiteSitemap):
    def items(self) -> QuerySet[Session]:
        return (
            Session.objects.filter(event__in=Event.objects.published())
            .select_related("event")
            .order_by("event__starts_at", "event_id", "pk")
        )


class SpeakerSitemap(SiteSitemap):
    """Speakers who appear in a public programme; not someone only lined up for a draft."""

    def items(self) -> QuerySet[Speaker]:
        public = Event.objects.published()
        in_session = SessionSpeaker.objects.filter(
            speaker=OuterRef("pk"), session__event__in=public
        )
        on_stage = Slot.objects.filter(speakers=OuterRef("pk"), event__in=public)
        moderating = public.filter(moderator=OuterRef("pk"))
        return Speaker.objects.filter(
            Exists(in_session) | Exists(on_stage) | Exists(moderating)
        ).order_by("pk")


class SeriesSitemap(SiteSitemap):
    """Series with a public event: one holding only drafts would announce them by name."""

    def items(self) -> QuerySet[Series]:
        return public_series().order_by("pk")


class ModelSitemap(SiteSitemap):
    """Pages of things that have no draft state: visible as soon as they exist."""

    def __init__(self, model: type[Model]) -> None:
        self.model = model

    def items(self) -> QuerySet:
        return self.model._default_manager.order_by("pk")


SITEMAPS = {
    "pages": PagesSitemap,
    "events": EventSitemap,
    "sessions": SessionSitemap,
    "speakers": SpeakerSitemap,
    "series": SeriesSitemap,
    "organisations": ModelSitemap(Organisation),
    "initiatives": ModelSitemap(Initiative),
    "collections": ModelSitemap(Collection),
    "documents": ModelSitemap(Document),
}
