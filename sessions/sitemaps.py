"""Sessions and speakers of public programmes for search engines. Drafts never appear."""

from django.db.models import QuerySet

from common.sitemaps import SiteSitemap
from events.models import Event
from sessions.models import Session, Speaker
from sessions.queries import speakers_in_public_programmes


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
        return speakers_in_public_programmes().order_by("pk")


SITEMAPS = {"sessions": SessionSitemap, "speakers": SpeakerSitemap}
