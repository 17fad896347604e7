"""The event page's programme is rendered once per content version and language, for
signed-in visitors too; seats and places left are filled in per request."""

import datetime as dt
import re

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from common.fragment_cache import local_parts
from reservations.enums import ReservationStatus
from sessions.enums import SlotKind
from tests.factories import (
    EventFactory,
    ReservationFactory,
    SeatChoiceFactory,
    SessionFactory,
    SessionSpeakerFactory,
    SittingFactory,
    SlotFactory,
    SpeakerFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme_cache_on(settings):
    """As in production with a shared cache (here the process's own)."""
    settings.FRAGMENT_CACHE_SECONDS = 3600
    cache.clear()
    local_parts.clear()
    yield
    cache.clear()
    local_parts.clear()


def event_with(sittings: int, **kwargs):
    event = EventFactory(**kwargs)
    round_ = SlotFactory(event=event, title="Ronde 1 tafelsessies")
    plenary = SlotFactory(
        event=event, starts_at=event.starts_at, ends_at=round_.starts_at, kind=SlotKind.PLENARY
    )
    plenary.speakers.add(SpeakerFactory())
    for number in range(sittings):
        session = SessionFactory(event=event, title=f"Tafel over wonen {number}")
        SittingFactory(session=session, slot=round_, capacity=10, room=f"Zaal {number}")
        SessionSpeakerFactory.create_batch(2, session=session)
    return event


def tables_read(queries) -> set[str]:
    return {table for query in queries for table in re.findall(r'FROM "(\w+)"', query["sql"])}


@pytest.mark.parametrize("sittings", [1, 30])
def test_signed_in_with_the_programme_cached_reads_the_event_and_their_own_data(
    client, user, programme_cache_on, sittings
):
    event = event_with(sittings)
    ReservationFactory(event=event, user=user)
    client.get(event.get_absolute_url())  # renders the programme and counts the seats

    with CaptureQueriesContext(connection) as queries:
        response = client.get(event.get_absolute_url())

    assert response.status_code == 200
    assert "Tafel over wonen 0" in response.text
    assert "Je hebt een plaats gereserveerd." in response.text
    # Session and user (authentication), the event row, the visitor's reservation, and
    # whether they saved the event (their "Bewaar" button, outside the shared programme).
    assert tables_read(queries.captured_queries) <= {
        "django_session",
        "auth_user",
        "events_event",
        "events_reservation",
        "reservations_saveditem",
    }
    assert len(queries) <= 5


def test_without_a_shared_cache_every_request_renders_the_programme(client, user, settings):
    assert settings.FRAGMENT_CACHE_SECONDS == 0  # the tests' local-memory cache
    event = event_with(2)
    client.get(event.get_absolute_url())

    with CaptureQueriesContext(connection) as queries:
        client.get(event.get_absolute_url())

    assert "programme_sitting" in tables_read(queries.captured_queries)


def test_a_change_to_the_programme_shows_on_the_next_request(client, user, programme_cache_on):
    event = event_with(2)
    client.get(event.get_absolute_url())
    session = event.sessions.get(title="Tafel over wonen 1")
    session.title = "Tafel over energie"
    session.save()

    page = client.get(event.get_absolute_url()).text

    assert "Tafel over energie" in page
    assert "Tafel over wonen 1" not in page


def test_seats_left_follow_reservations_within_the_bound(
    client, user, programme_cache_on, settings, committed
):
    event = event_with(1)
    sitting = event.slots.get(kind=SlotKind.ROUND).sittings.get()
    assert "Zaal 0 · 10 plaatsen vrij" in client.get(event.get_absolute_url()).text

    settings.PAGE_CACHE_AVAILABILITY_SECONDS = 60
    with committed():  # the availability version changes after the commit
        SeatChoiceFactory(sitting=sitting)
    # Counted less than the bound ago: the page may show the seats of then.
    assert "Zaal 0 · 10 plaatsen vrij" in client.get(event.get_absolute_url()).text

    settings.PAGE_CACHE_AVAILABILITY_SECONDS = 0
    page = client.get(event.get_absolute_url()).text
    assert "Zaal 0 · 9 plaatsen vrij" in page
    assert "49 plaatsen vrij" in page  # the event's places, in its facts


def test_full_sittings_and_sittings_without_a_limit(client, user, programme_cache_on):
    event = event_with(1, capacity=1)
    round_ = event.slots.get(kind=SlotKind.ROUND)
    full = round_.sittings.get()
    full.capacity = 1
    full.save()
    SittingFactory(session=SessionFactory(event=event), slot=round_, capacity=None, room="Hal")
    SeatChoiceFactory(sitting=full)

    page = client.get(event.get_absolute_url()).text

    assert "Zaal 0 · <strong>Vol</strong>" in page
    assert '<p class="meta">Hal</p>' in page  # no seat limit: nothing to count
    assert "<dd><strong>Vol</strong></dd>" in page  # the event itself
    assert "Zet me op de wachtlijst" in page
    assert "@@" not in page and "<!--" not in page
    client.logout()
    assert "SoldOut" in client.get(event.get_absolute_url()).text  # in the JSON-LD


def test_only_search_engines_get_the_structured_data(client, user, programme_cache_on):
    """Crawlers never sign in: a signed-in page goes without the JSON-LD, the same
    programme for an anonymous visitor has it."""
    event = event_with(2)

    signed_in = client.get(event.get_absolute_url()).text
    client.logout()
    anonymous = client.get(event.get_absolute_url()).text

    assert "application/ld+json" not in signed_in
    assert anonymous.count("application/ld+json") == 1
    assert "Tafel over wonen 1" in signed_in and "Tafel over wonen 1" in anonymous
    assert signed_in.count("Zaal 1 · 10 plaatsen vrij") == 1


def test_each_language_has_its_own_programme(client, user, programme_cache_on):
    event = event_with(1)
    assert '<h2 id="programme">Programma</h2>' in client.get(event.get_absolute_url()).text

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(event.get_absolute_url()).text

    assert '<h2 id="programme">Programme</h2>' in page
    assert "10 places left" in page


def test_an_event_that_ended_since_shows_as_past(client, user, programme_cache_on, monkeypatch):
    event = event_with(1)
    assert "Dit evenement is voorbij." not in client.get(event.get_absolute_url()).text

    later = event.ends_at + dt.timedelta(hours=1)
    monkeypatch.setattr(timezone, "now", lambda: later)

    assert "Dit evenement is voorbij." in client.get(event.get_absolute_url()).text


def test_the_reservation_form_reads_the_cached_rounds(client, user, programme_cache_on):
    """Kept beside the programme, built by the first form that asks (the event page does
    not pay for them)."""
    event = event_with(3)
    client.get(f"{event.get_absolute_url()}reserveren/")  # the rounds are kept from here

    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"{event.get_absolute_url()}reserveren/")

    assert response.status_code == 200
    assert "Tafel over wonen 2 · Zaal 2 · 10 plaatsen vrij" in response.text
    assert not {"programme_sitting", "programme_slot", "programme_session"} & tables_read(
        queries.captured_queries
    )


def test_a_sitting_shown_free_but_full_is_refused_live(client, user, programme_cache_on, settings):
    settings.PAGE_CACHE_AVAILABILITY_SECONDS = 60
    event = event_with(1)
    sitting = event.slots.get(kind=SlotKind.ROUND).sittings.get()
    sitting.capacity = 1
    sitting.save()
    form_url = f"{event.get_absolute_url()}reserveren/"
    assert "1 plaats vrij" in client.get(form_url).text  # counted now, kept for a minute

    SeatChoiceFactory(sitting=sitting)  # someone else takes the last seat
    response = client.post(form_url, {"name": "Anna", f"round_{sitting.slot_id}": sitting.pk})

    assert response.status_code == 200
    assert "Deze sessie is vol" in response.text
    assert not event.reservations.filter(user=user).exists()
    # The seats are counted anew for the next visitor, not a minute later.
    other = UserFactory()
    client.force_login(other)
    assert "Zaal 0 · <strong>Vol</strong>" in client.get(event.get_absolute_url()).text


def test_the_change_sessions_form_reads_the_cached_rounds(client, user, programme_cache_on):
    event = event_with(2)
    reservation = ReservationFactory(event=event, user=user, status=ReservationStatus.CONFIRMED)
    client.get(f"/mijn-reserveringen/{reservation.code}/sessies/")  # the rounds are kept

    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/mijn-reserveringen/{reservation.code}/sessies/")

    assert response.status_code == 200, response
    assert "Tafel over wonen 1 · Zaal 1 · 10 plaatsen vrij" in response.text
    assert "programme_sitting" not in tables_read(queries.captured_queries)


def test_a_draft_preview_is_never_served_from_the_public_cache(admin_client, programme_cache_on):
    event = event_with(1)
    admin_client.get(event.get_absolute_url())
    event.status = "draft"
    event.save()

    assert admin_client.get(event.get_absolute_url()).status_code == 404
    preview = admin_client.get(f"/beheer/evenementen/{event.slug}/voorbeeld/")
    assert preview.status_code == 200
    assert "Tafel over wonen 0" in preview.text
