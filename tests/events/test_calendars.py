import datetime as dt

import icalendar
import pytest
from django.urls import reverse

from events.calendars import event_calendar_for
from events.enums import EventFormat, EventStatus
from events.models import Event
from sessions.enums import SlotKind
from tests.conftest import SITE
from tests.factories import (
    AMSTERDAM,
    EventFactory,
    SessionFactory,
    SittingFactory,
    SlotFactory,
    SpeakerFactory,
    VenueFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_url")]


def summer_event(**kwargs) -> Event:
    """Summer time: Amsterdam is two hours ahead of UTC, so a UTC slip would show."""
    defaults = {
        "title": "Werkconferentie Zaanstad",
        "slug": "werkconferentie-zaanstad",
        "starts_at": dt.datetime(2031, 7, 3, 14, 0, tzinfo=AMSTERDAM),
        "ends_at": dt.datetime(2031, 7, 3, 21, 30, tzinfo=AMSTERDAM),
        "summary": "Over buurtbudgetten en coöperaties.",
        "contact_email": "info@zaanstad.example",
        "venue": VenueFactory(name="Stadhuis Zaanstad"),
    }
    return EventFactory(**(defaults | kwargs))


def with_programme(event: Event) -> Event:
    SlotFactory(
        event=event,
        title="Ontvangst",
        kind=SlotKind.RECEPTION,
        starts_at=event.starts_at,
        ends_at=event.starts_at + dt.timedelta(minutes=30),
    )
    plenary = SlotFactory(
        event=event,
        title="Opening",
        kind=SlotKind.PLENARY,
        location="Raadzaal",
        starts_at=event.starts_at + dt.timedelta(minutes=30),
        ends_at=event.starts_at + dt.timedelta(hours=1),
    )
    plenary.speakers.add(SpeakerFactory(name="Wethouder Jansen"))
    round_one = SlotFactory(
        event=event,
        title="Break-out ronde I",
        kind=SlotKind.ROUND,
        starts_at=event.starts_at + dt.timedelta(hours=1),
        ends_at=event.starts_at + dt.timedelta(hours=2),
    )
    for code, title, room in (("1a", "Buurtbudgetten", "Zaal 2"), ("1b", "Energie", "")):
        session = SessionFactory(event=event, code=code, title=title)
        SittingFactory(session=session, slot=round_one, room=room)
    return event


def parse(response) -> icalendar.Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def event_file(client, event: Event) -> icalendar.Calendar:
    return parse(client.get(reverse("events:event_ics", kwargs={"slug": event.slug})))


def test_event_file_is_an_attachment_named_after_the_slug(client):
    event = summer_event()
    response = client.get(reverse("events:event_ics", kwargs={"slug": event.slug}))
    assert response["Content-Disposition"] == 'attachment; filename="werkconferentie-zaanstad.ics"'


def test_event_file_has_amsterdam_timezone_and_local_times(client):
    calendar = event_file(client, summer_event())

    assert [tz.tz_name for tz in calendar.timezones] == ["Europe/Amsterdam"]
    assert calendar.get_missing_tzids() == set()
    (entry,) = calendar.events
    assert entry["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert entry["DTEND"].params["TZID"] == "Europe/Amsterdam"
    assert entry["DTSTART"].to_ical() == b"20310703T140000"
    assert entry["DTEND"].to_ical() == b"20310703T213000"
    assert entry.decoded("DTSTART") == dt.datetime(2031, 7, 3, 14, 0, tzinfo=AMSTERDAM)
    # The VTIMEZONE itself says summer time is UTC+2, so clients elsewhere convert right.
    start_utc = entry.decoded("DTSTART").astimezone(dt.UTC)
    assert (start_utc.hour, start_utc.minute) == (12, 0)


def test_event_file_describes_the_event(client):
    event = summer_event()
    (entry,) = event_file(client, event).events

    assert str(entry["UID"]) == f"event-{event.pk}@coopstad.example"
    assert str(entry["URL"]) == f"{SITE}/evenementen/werkconferentie-zaanstad/"
    assert str(entry["SUMMARY"]) == "Werkconferentie Zaanstad"
    assert str(entry["STATUS"]) == "CONFIRMED"
    assert str(entry["LOCATION"]) == "Stadhuis Zaanstad, Stadhuisplein 100, 1506 MZ Zaandam"
    assert str(entry["ORGANIZER"]) == "mailto:info@zaanstad.example"
    assert entry["ORGANIZER"].params["CN"] == event.organiser.name
    assert entry.decoded("LAST-MODIFIED") == event.updated_at.replace(microsecond=0)
    assert entry.decoded("DTSTAMP") == event.updated_at.replace(microsecond=0)
    assert "SEQUENCE" in entry
    description = str(entry["DESCRIPTION"])
    assert description.startswith("Over buurtbudgetten en coöperaties.")
    assert f"{SITE}/evenementen/werkconferentie-zaanstad/" in description


def test_programme_is_summarised_in_the_description(client):
    event = with_programme(summer_event())
    calendar = event_file(client, event)

    assert len(calendar.events) == 1, "one entry per event, not one per slot"
    lines = str(calendar.events[0]["DESCRIPTION"]).splitlines()
    assert "14.00–14.30 Ontvangst" in lines
    assert "14.30–15.00 Opening (Raadzaal) — met Wethouder Jansen" in lines
    round_at = lines.index("15.00–16.00 Break-out ronde I")
    assert lines[round_at + 1 : round_at + 3] == [
        "  · 1a Buurtbudgetten (Zaal 2)",
        "  · 1b Energie",
    ]


def test_multi_day_programme_has_a_heading_per_day(client):
    event = summer_event(ends_at=dt.datetime(2031, 7, 4, 17, 0, tzinfo=AMSTERDAM))
    SlotFactory(event=event, title="Dag een", kind=SlotKind.PLENARY, starts_at=event.starts_at)
    SlotFactory(
        event=event,
        title="Dag twee",
        kind=SlotKind.PLENARY,
        starts_at=dt.datetime(2031, 7, 4, 10, 0, tzinfo=AMSTERDAM),
    )
    lines = str(event_file(client, event).events[0]["DESCRIPTION"]).splitlines()

    assert lines.index("Donderdag 3 juli") < lines.index("14.00–14.45 Dag een")
    assert lines.index("Vrijdag 4 juli") < lines.index("10.00–10.45 Dag twee")


def test_livecast_location_is_the_livestream(client):
    event = summer_event(
        format=EventFormat.LIVECAST, venue=None, livestream_url="https://live.example/stream"
    )
    (entry,) = event_file(client, event).events

    assert str(entry["LOCATION"]) == "https://live.example/stream"
    assert "Livestream: https://live.example/stream" in str(entry["DESCRIPTION"])


def test_organizer_without_contact_email_names_the_organisation_page(client):
    event = summer_event(contact_email="")
    (entry,) = event_file(client, event).events

    assert str(entry["ORGANIZER"]) == SITE + event.organiser.get_absolute_url()
    assert entry["ORGANIZER"].params["CN"] == event.organiser.name


def test_cancelled_event_is_marked_cancelled(client):
    event = summer_event(status=EventStatus.CANCELLED)
    (entry,) = event_file(client, event).events

    assert str(entry["STATUS"]) == "CANCELLED"
    assert str(entry["SUMMARY"]) == "Geannuleerd: Werkconferentie Zaanstad"
    assert str(entry["DESCRIPTION"]).startswith("Dit evenement is geannuleerd.")


def test_sequence_grows_when_the_event_changes(client):
    event = summer_event()
    Event.objects.filter(pk=event.pk).update(updated_at=event.created_at)
    before = event_file(client, event).events[0].decoded("SEQUENCE")
    Event.objects.filter(pk=event.pk).update(updated_at=event.created_at + dt.timedelta(hours=1))
    after = event_file(client, event).events[0].decoded("SEQUENCE")

    assert after > before


@pytest.mark.parametrize("slug", ["concept", "bestaat-niet"])
def test_draft_or_unknown_event_file_is_404(client, slug):
    EventFactory(slug="concept", status=EventStatus.DRAFT)
    response = client.get(reverse("events:event_ics", kwargs={"slug": slug}))
    assert response.status_code == 404


def test_calendar_views_only_answer_safe_methods(client):
    event = summer_event()
    assert client.post(reverse("events:feed")).status_code == 405
    assert client.post(reverse("events:event_ics", kwargs={"slug": event.slug})).status_code == 405


def feed(client) -> icalendar.Calendar:
    return parse(client.get(reverse("events:feed")))


def test_feed_lists_upcoming_public_events_only(client):
    upcoming = EventFactory(title="Komt eraan")
    cancelled = EventFactory(title="Gaat niet door", status=EventStatus.CANCELLED)
    EventFactory(title="Concept", status=EventStatus.DRAFT)
    EventFactory(
        title="Voorbij",
        starts_at=dt.datetime(2020, 3, 5, 14, 0, tzinfo=AMSTERDAM),
        ends_at=dt.datetime(2020, 3, 5, 18, 0, tzinfo=AMSTERDAM),
    )
    calendar = feed(client)

    by_uid = {str(entry["UID"]): entry for entry in calendar.events}
    assert set(by_uid) == {
        f"event-{upcoming.pk}@coopstad.example",
        f"event-{cancelled.pk}@coopstad.example",
    }
    assert str(by_uid[f"event-{cancelled.pk}@coopstad.example"]["STATUS"]) == "CANCELLED"
    assert str(by_uid[f"event-{upcoming.pk}@coopstad.example"]["STATUS"]) == "CONFIRMED"


def test_feed_is_subscribable(client):
    calendar = feed(client)

    assert str(calendar["X-WR-CALNAME"]) == "Coöperatieve Stad — agenda"
    assert calendar["REFRESH-INTERVAL"].to_ical() == b"PT6H"
    assert str(calendar["X-PUBLISHED-TTL"]) == "PT6H"
    assert str(calendar["SOURCE"]) == f"{SITE}/agenda.ics"
    # Even an empty feed declares its time zone.
    assert [tz.tz_name for tz in calendar.timezones] == ["Europe/Amsterdam"]
    assert calendar.events == []


def test_builder_accepts_events_without_prefetched_programme():
    event = with_programme(summer_event())
    calendar = event_calendar_for(Event.objects.filter(pk=event.pk))

    assert "  · 1a Buurtbudgetten (Zaal 2)" in str(calendar.events[0]["DESCRIPTION"])


def programme_of_size(size: int) -> None:
    for _ in range(size):
        event = EventFactory()
        plenary = SlotFactory(event=event, kind=SlotKind.PLENARY)
        plenary.speakers.add(*SpeakerFactory.create_batch(size))
        round_slot = SlotFactory(
            event=event, starts_at=plenary.ends_at, ends_at=plenary.ends_at + dt.timedelta(hours=1)
        )
        for _ in range(size):
            SittingFactory(session=SessionFactory(event=event), slot=round_slot)


# events, slots, slot speakers, sittings with their sessions and themes
CALENDAR_QUERIES = 4


@pytest.mark.parametrize("size", [1, 30])
def test_feed_queries_do_not_grow_with_events_slots_or_sittings(
    client, django_assert_num_queries, size
):
    programme_of_size(size)
    with django_assert_num_queries(CALENDAR_QUERIES):
        calendar = feed(client)
    assert len(calendar.events) == size


@pytest.mark.parametrize("size", [1, 30])
def test_event_file_queries_do_not_grow_with_slots_or_sittings(
    client, django_assert_num_queries, size
):
    programme_of_size(1)
    event = Event.objects.get()
    round_slot = event.slots.get(kind=SlotKind.ROUND)
    for _ in range(size - 1):
        SittingFactory(session=SessionFactory(event=event), slot=round_slot)
        SlotFactory(
            event=event,
            kind=SlotKind.ALONGSIDE,
            starts_at=event.starts_at,
            ends_at=event.ends_at,
        )
    with django_assert_num_queries(CALENDAR_QUERIES):
        calendar = event_file(client, event)
    assert str(calendar.events[0]["DESCRIPTION"]).count("  · ") == size


def test_an_event_whose_title_holds_control_characters_still_gives_its_calendar(client):
    """Rows from before the validator, or from update(), which skips it."""
    event = EventFactory()
    Event.objects.filter(pk=event.pk).update(title="Regel een\nRegel twee\x07")
    slot = SlotFactory(event=event, title="Opening\r\n", location="Zaal\t1")
    session = SessionFactory(event=event, title="Tafel\nA")
    # Not NUL: PostgreSQL stores none at all.
    SittingFactory(slot=slot, session=session, room="Hoek\x1b")

    response = client.get(reverse("events:event_ics", args=[event.slug]))

    assert response.status_code == 200
    [entry] = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert str(entry["summary"]) == "Regel een Regel twee"
    assert "Opening" in str(entry["description"])
    assert not any(ord(char) < 32 and char not in "\r\n" for char in response.content.decode())
