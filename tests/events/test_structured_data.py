import datetime as dt
import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from events.enums import EventFormat, EventStatus
from events.models import Event
from events.structured_data import event_schema, json_ld_script
from reservations.enums import ReservationStatus
from reservations.queries import with_confirmed_count
from sessions.enums import SlotKind
from sessions.queries import event_with_programme
from tests.conftest import SITE
from tests.factories import (
    AMSTERDAM,
    EventFactory,
    ModeratorFactory,
    OrganisationFactory,
    ReservationFactory,
    SessionFactory,
    SessionSpeakerFactory,
    SlotFactory,
    SpeakerFactory,
    VenueFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_url")]

SCHEMA = "https://schema.org/"
TINY_GIF = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00"
    b",\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)


def make_event(**kwargs) -> Event:
    defaults = {
        "title": "Werkconferentie Zaanstad",
        "slug": "werkconferentie-zaanstad",
        "summary": "Over buurtbudgetten.",
        "starts_at": dt.datetime(2031, 7, 3, 14, 0, tzinfo=AMSTERDAM),
        "ends_at": dt.datetime(2031, 7, 3, 21, 30, tzinfo=AMSTERDAM),
        "venue": VenueFactory(
            name="Stadhuis Zaanstad",
            street_address="Stadhuisplein 100",
            postcode="1506 MZ",
            city="Zaandam",
        ),
        "organiser": OrganisationFactory(name="Gemeente Zaanstad", slug="gemeente-zaanstad"),
    }
    return EventFactory(**(defaults | kwargs))


def programme_with_seats():
    """Events as the event page loads them (events.event_page.build_programme), with the
    confirmed count that availability reads when no mark is given."""
    return with_confirmed_count(event_with_programme())


def schema_of(event: Event) -> dict:
    """As the event page sees it."""
    return event_schema(programme_with_seats().get(pk=event.pk))


def test_on_site_event_has_every_required_key():
    data = schema_of(make_event())

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Event"
    assert data["name"] == "Werkconferentie Zaanstad"
    assert data["description"] == "Over buurtbudgetten."
    assert data["url"] == f"{SITE}/evenementen/werkconferentie-zaanstad/"
    assert data["startDate"] == "2031-07-03T14:00:00+02:00"
    assert data["endDate"] == "2031-07-03T21:30:00+02:00"
    assert data["eventAttendanceMode"] == SCHEMA + "OfflineEventAttendanceMode"
    assert data["eventStatus"] == SCHEMA + "EventScheduled"
    assert data["location"]["@type"] == "Place"
    assert data["location"]["name"] == "Stadhuis Zaanstad"
    assert data["location"]["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "Stadhuisplein 100",
        "postalCode": "1506 MZ",
        "addressLocality": "Zaandam",
        "addressCountry": "NL",
    }
    assert data["organizer"] == {
        "@type": "Organization",
        "name": "Gemeente Zaanstad",
        "url": f"{SITE}/organisaties/gemeente-zaanstad/",
    }
    assert data["offers"] == {
        "@type": "Offer",
        "price": "0",
        "priceCurrency": "EUR",
        "availability": SCHEMA + "InStock",
        "url": f"{SITE}/evenementen/werkconferentie-zaanstad/",
    }
    assert "performer" not in data
    assert "image" not in data


def test_livecast_is_a_virtual_location_online():
    data = schema_of(
        make_event(format=EventFormat.LIVECAST, venue=None, livestream_url="https://live.example/s")
    )

    assert data["location"] == {"@type": "VirtualLocation", "url": "https://live.example/s"}
    assert data["eventAttendanceMode"] == SCHEMA + "OnlineEventAttendanceMode"


def test_hybrid_has_place_and_virtual_location():
    data = schema_of(make_event(format=EventFormat.HYBRID, livestream_url="https://live.example/s"))

    assert [location["@type"] for location in data["location"]] == ["Place", "VirtualLocation"]
    assert data["location"][0]["address"]["addressCountry"] == "NL"
    assert data["location"][1]["url"] == "https://live.example/s"
    assert data["eventAttendanceMode"] == SCHEMA + "MixedEventAttendanceMode"


def test_cancelled_event_status():
    data = schema_of(make_event(status=EventStatus.CANCELLED))
    assert data["eventStatus"] == SCHEMA + "EventCancelled"


@pytest.mark.parametrize("load", [programme_with_seats, Event.objects.all], ids=["page", "plain"])
def test_sold_out_when_confirmed_reservations_fill_capacity(load):
    event = make_event(capacity=2)
    ReservationFactory(event=event)
    ReservationFactory(event=event, status=ReservationStatus.WAITLISTED)
    ReservationFactory(event=event, status=ReservationStatus.CANCELLED)
    assert event_schema(load().get(pk=event.pk))["offers"]["availability"] == SCHEMA + "InStock"

    ReservationFactory(event=event)
    assert event_schema(load().get(pk=event.pk))["offers"]["availability"] == SCHEMA + "SoldOut"


@pytest.mark.parametrize("capacity", [None, 2], ids=["unlimited", "places left"])
def test_a_past_event_is_not_in_stock(capacity):
    event = make_event(
        capacity=capacity,
        starts_at=dt.datetime(2020, 7, 3, 14, 0, tzinfo=AMSTERDAM),
        ends_at=dt.datetime(2020, 7, 3, 21, 30, tzinfo=AMSTERDAM),
    )

    assert schema_of(event)["offers"]["availability"] == SCHEMA + "OutOfStock"


def test_unlimited_capacity_is_in_stock():
    event = make_event(capacity=None)
    ReservationFactory.create_batch(3, event=event)
    assert schema_of(event)["offers"]["availability"] == SCHEMA + "InStock"


def test_offer_window_and_image_are_absolute():
    opens = dt.datetime(2031, 6, 1, 9, 0, tzinfo=AMSTERDAM)
    event = make_event(
        reservations_open_at=opens,
        reservations_close_at=dt.datetime(2031, 7, 2, 12, 0, tzinfo=AMSTERDAM),
        image=SimpleUploadedFile("poster.gif", TINY_GIF, content_type="image/gif"),
    )
    data = schema_of(event)

    assert data["offers"]["validFrom"] == "2031-06-01T09:00:00+02:00"
    assert data["offers"]["validThrough"] == "2031-07-02T12:00:00+02:00"
    (image,) = data["image"]
    assert image.startswith(f"{SITE}/") and image.endswith(".gif")


def with_performers(event: Event, extra_sessions: int = 0) -> Event:
    """A moderator who also runs a session, a plenary speaker, and shared session speakers."""
    moderator = SpeakerFactory(
        name="Anna de Vries",
        slug="anna-de-vries",
        title="wijkmanager",
        organisation=OrganisationFactory(name="Gemeente Zaanstad", slug="zaanstad"),
    )
    ModeratorFactory(event=event, speaker=moderator)
    keynote = SpeakerFactory(name="Bas Bakker", slug="bas-bakker", title="", organisation=None)
    SlotFactory(event=event, kind=SlotKind.PLENARY).speakers.add(keynote)
    shared = SpeakerFactory(name="Cor Coops", slug="cor-coops")
    for index in range(2 + extra_sessions):
        session = SessionFactory(event=event)
        SessionSpeakerFactory(session=session, speaker=shared)
        SessionSpeakerFactory(session=session, speaker=SpeakerFactory())
        if index == 0:
            SessionSpeakerFactory(session=session, speaker=moderator)
            SessionSpeakerFactory(session=session, speaker=keynote)
    return event


@pytest.mark.parametrize("load", [programme_with_seats, Event.objects.all], ids=["page", "plain"])
def test_performers_are_deduplicated_people(load):
    event = with_performers(make_event())
    performers = event_schema(load().get(pk=event.pk))["performer"]

    names = [person["name"] for person in performers]
    assert len(names) == len(set(names)) == 5
    assert names[:3] == ["Anna de Vries", "Bas Bakker", "Cor Coops"]
    assert performers[0] == {
        "@type": "Person",
        "name": "Anna de Vries",
        "url": f"{SITE}/sprekers/anna-de-vries/",
        "jobTitle": "wijkmanager",
        "affiliation": {"@type": "Organization", "name": "Gemeente Zaanstad"},
    }
    assert performers[1] == {
        "@type": "Person",
        "name": "Bas Bakker",
        "url": f"{SITE}/sprekers/bas-bakker/",
    }
    # Those at a table are named only: hundreds of them would otherwise fill half the page.
    assert performers[2] == {"@type": "Person", "name": "Cor Coops"}
    assert all(person["@type"] == "Person" for person in performers)


@pytest.mark.parametrize("extra", [0, 20])
def test_no_queries_per_speaker_on_the_event_page(django_assert_num_queries, extra):
    event = programme_with_seats().get(pk=with_performers(make_event(), extra).pk)
    with django_assert_num_queries(0):
        performers = event_schema(event)["performer"]
    assert len(performers) == 5 + extra * 1


@pytest.mark.parametrize("extra", [0, 20])
def test_plain_event_costs_a_fixed_number_of_queries(django_assert_num_queries, extra):
    event = Event.objects.get(pk=with_performers(make_event(capacity=10), extra).pk)
    # venue, organiser, moderator, plenary speakers, session speakers, their organisations
    # in one batch, and one count of confirmed reservations
    with django_assert_num_queries(7):
        event_schema(event)


def render_tag(event: Event) -> str:
    return json_ld_script(event_schema(event))


def test_renders_a_json_ld_data_block():
    html = render_tag(programme_with_seats().get(pk=make_event().pk))

    match = re.fullmatch(r'<script type="application/ld\+json">(.*)</script>', html, re.S)
    assert match
    assert json.loads(match.group(1))["name"] == "Werkconferentie Zaanstad"


def test_escapes_a_title_that_would_end_the_script():
    title = 'Wonen </script><script>alert("x")</script> & <!-- meer'
    html = render_tag(programme_with_seats().get(pk=make_event(title=title).pk))

    assert html.count("</script>") == 1
    assert "<script>" not in html
    assert "<!--" not in html
    assert "&" not in html
    body = html.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert "\\u003C/script\\u003E" in body
    assert json.loads(body)["name"] == title
