import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from events.enums import EventStatus
from events.models import Event
from tests.conftest import SITE
from tests.factories import (
    CollectionFactory,
    DocumentFactory,
    EventFactory,
    InitiativeFactory,
    ModeratorFactory,
    OrganisationFactory,
    SeriesFactory,
    SessionFactory,
    SessionSpeakerFactory,
    SlotFactory,
    SpeakerFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_url")]

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap_locations(client, **extra) -> list[str]:
    response = client.get(reverse("sitemap"), **extra)
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return [loc.text for loc in root.findall("sm:url/sm:loc", NS)]


def absolute(obj) -> str:
    return SITE + obj.get_absolute_url()


def test_sitemap_lists_public_objects_on_site_url(client, settings):
    settings.ALLOWED_HOSTS = ["internal.local"]
    published = EventFactory(series=SeriesFactory())
    cancelled = EventFactory(status=EventStatus.CANCELLED)
    session = SessionFactory(event=published)
    speaker = SessionSpeakerFactory(session=session).speaker
    plenary_speaker = SpeakerFactory()
    SlotFactory(event=cancelled).speakers.add(plenary_speaker)
    moderator = ModeratorFactory(event=published).speaker
    organisation = OrganisationFactory()
    initiative = InitiativeFactory()
    collection = CollectionFactory()
    document = DocumentFactory(collection=collection)

    locations = sitemap_locations(client, HTTP_HOST="internal.local")

    for obj in (
        published,
        cancelled,
        session,
        speaker,
        plenary_speaker,
        moderator,
        published.series,
        organisation,
        initiative,
        collection,
        document,
    ):
        assert absolute(obj) in locations, obj
    for name in ("home", "events:agenda", "initiatives:directory"):
        assert SITE + reverse(name) in locations
    assert all(location.startswith(f"{SITE}/") for location in locations)


def test_sitemap_leaves_out_drafts_and_what_only_they_show(client):
    draft = EventFactory(status=EventStatus.DRAFT)
    hidden_session = SessionFactory(event=draft)
    hidden_speaker = SessionSpeakerFactory(session=hidden_session).speaker
    stage_speaker = SpeakerFactory()
    SlotFactory(event=draft).speakers.add(stage_speaker)
    draft_moderator = ModeratorFactory(event=draft).speaker

    locations = sitemap_locations(client)

    for obj in (draft, hidden_session, hidden_speaker, stage_speaker, draft_moderator):
        assert absolute(obj) not in locations, obj
        assert obj.get_absolute_url() not in "".join(locations)


def test_sitemap_gives_events_a_lastmod(client):
    event = EventFactory()
    # 23.30 UTC is already the next day in Amsterdam, whose date the sitemap gives.
    changed = dt.datetime(2026, 3, 9, 23, 30, tzinfo=dt.UTC)
    Event.objects.filter(pk=event.pk).update(updated_at=changed)
    response = client.get(reverse("sitemap"))
    root = ET.fromstring(response.content)
    (entry,) = [
        url for url in root.findall("sm:url", NS) if url.find("sm:loc", NS).text == absolute(event)
    ]
    assert entry.find("sm:lastmod", NS).text == "2026-03-10"


def test_sitemap_follows_site_url_scheme(client, settings):
    settings.SITE_URL = "http://localhost:8000"
    event = EventFactory()
    assert f"http://localhost:8000{event.get_absolute_url()}" in sitemap_locations(client)


@pytest.mark.parametrize("size", [1, 3])
def test_sitemap_queries_do_not_grow(client, django_assert_num_queries, size):
    for _ in range(size):
        event = EventFactory(series=SeriesFactory())
        SessionSpeakerFactory(session=SessionFactory(event=event))
        InitiativeFactory()
        DocumentFactory()
    # A count and a page for each of events, sessions (with their event), speakers, series,
    # organisations, initiatives, collections and documents
    with django_assert_num_queries(16):
        sitemap_locations(client)


def test_robots_txt_allows_all_but_admin_and_i18n(client):
    response = client.get(reverse("robots_txt"))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert sorted(line for line in lines if line.startswith("Disallow")) == [
        "Disallow: /admin/",
        "Disallow: /i18n/",
    ]
    assert f"Sitemap: {SITE}/sitemap.xml" in lines
    assert "Disallow: /" not in lines
