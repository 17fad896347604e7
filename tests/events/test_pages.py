"""Home, agenda, event, series, session and speaker pages as a visitor sees them."""

import datetime as dt

import pytest
from django.utils import timezone

from events.enums import EventFormat, EventStatus
from reservations.enums import ReservationStatus
from sessions.enums import SlotKind
from tests.factories import (
    EventFactory,
    InitiativeFactory,
    ModeratorFactory,
    ReservationFactory,
    SeatChoiceFactory,
    SeriesFactory,
    SessionFactory,
    SessionSpeakerFactory,
    SittingFactory,
    SlotFactory,
    ThemeFactory,
    VenueFactory,
    past_event,
)
from tests.query_counts import queries_for

pytestmark = pytest.mark.django_db


def text(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


# Home --------------------------------------------------------------------------------------


def test_home_shows_next_events_series_initiatives_and_a_search_box(client):
    event = EventFactory(title="Coöperatieven maken de stad", series=SeriesFactory(name="Reeks A"))
    initiative = InitiativeFactory(name="NoordOogst")
    SessionFactory(event=event).initiatives.add(initiative)
    past_event(title="Voorbije bijeenkomst")
    EventFactory(title="Geheim concept", status=EventStatus.DRAFT)

    page = text(client.get("/"))

    assert "Coöperatieven maken de stad" in page
    assert "Reeks A" in page
    assert "NoordOogst" in page
    assert 'name="q"' in page
    assert "Voorbije bijeenkomst" not in page
    assert "Geheim concept" not in page


def test_home_without_events_says_so(client):
    assert "Er staan nu geen evenementen gepland." in text(client.get("/"))


# Agenda ------------------------------------------------------------------------------------


def titles(response) -> list[str]:
    return [event.title for event in response.context["page_obj"].object_list]


def test_agenda_shows_upcoming_by_default_and_past_on_request(client):
    later = EventFactory(
        title="Later",
        starts_at=timezone.now() + dt.timedelta(days=40),
        ends_at=timezone.now() + dt.timedelta(days=40, hours=3),
    )
    sooner = EventFactory(
        title="Eerder",
        starts_at=timezone.now() + dt.timedelta(days=2),
        ends_at=timezone.now() + dt.timedelta(days=2, hours=3),
    )
    past = past_event(title="Voorbij")

    assert titles(client.get("/agenda/")) == [sooner.title, later.title]
    assert titles(client.get("/agenda/", {"period": "past"})) == [past.title]
    assert set(titles(client.get("/agenda/", {"period": "all"}))) == {"Later", "Eerder", "Voorbij"}


def test_agenda_period_this_month_and_next_three_months(client):
    soon = EventFactory(
        title="Snel",
        starts_at=timezone.now() + dt.timedelta(hours=2),
        ends_at=timezone.now() + dt.timedelta(hours=3),
    )
    far = EventFactory(
        title="Ver weg",
        starts_at=timezone.now() + dt.timedelta(days=200),
        ends_at=timezone.now() + dt.timedelta(days=200, hours=3),
    )

    assert soon.title in titles(client.get("/agenda/", {"period": "month"}))
    assert far.title not in titles(client.get("/agenda/", {"period": "month"}))
    assert titles(client.get("/agenda/", {"period": "quarter"})) == [soon.title]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"series": "reeks-x"}, {"In reeks"}),
        ({"city": "Zaandam"}, {"In Zaandam"}),
        ({"format": EventFormat.LIVECAST}, {"Livecast"}),
        ({"domain": "voedsel"}, {"Over voedsel"}),
        ({"places_left": "on"}, {"In reeks", "In Zaandam", "Livecast", "Over voedsel"}),
        ({"q": "stadslandbouw"}, {"Over voedsel"}),
        ({"q": "Zaandam"}, {"In Zaandam"}),
        ({"city": "Zaandam", "format": EventFormat.LIVECAST}, set()),
    ],
)
def test_agenda_filters(client, params, expected):
    from tests.factories import DomainFactory

    EventFactory(
        title="In reeks", series=SeriesFactory(slug="reeks-x"), venue=VenueFactory(city="Utrecht")
    )
    EventFactory(title="In Zaandam", venue=VenueFactory(city="Zaandam"))
    EventFactory(title="Livecast", format=EventFormat.LIVECAST, venue=None)
    food = EventFactory(title="Over voedsel", venue=VenueFactory(city="Amsterdam"))
    initiative = InitiativeFactory(summary="stadslandbouw")
    initiative.domains.add(DomainFactory(slug="voedsel"))
    SessionFactory(event=food, title="Stadslandbouw in Noord").initiatives.add(initiative)
    full = EventFactory(title="Vol", capacity=1, venue=VenueFactory(city="Utrecht"))
    ReservationFactory(event=full)

    assert set(titles(client.get("/agenda/", params))) == expected | (
        {"Vol"} if not params.keys() - {"period"} else set()
    )


def test_agenda_filter_state_lives_in_the_url_and_pages_keep_it(client):
    for day in range(12):
        EventFactory(
            format=EventFormat.LIVECAST,
            venue=None,
            starts_at=timezone.now() + dt.timedelta(days=day + 1),
            ends_at=timezone.now() + dt.timedelta(days=day + 1, hours=2),
        )

    first = client.get("/agenda/", {"format": "livecast"})
    second = client.get("/agenda/", {"format": "livecast", "page": 2})

    assert len(first.context["page_obj"].object_list) == 10
    assert "format=livecast" in text(first) and "page=2" in text(first)
    assert len(second.context["page_obj"].object_list) == 2


def test_agenda_empty_result_offers_to_clear_the_filters(client):
    EventFactory()

    page = text(client.get("/agenda/", {"q": "bestaat-nergens"}))

    assert "Geen evenementen gevonden met deze filters." in page
    assert "Wis de filters" in page


@pytest.mark.parametrize(
    "params",
    [
        {"period": "gisteren"},
        {"series": "bestaat-niet"},
        {"domain": "<script>"},
        {"format": "teleport"},
        {"city": "Atlantis"},
        {"places_left": "misschien"},
        {"page": "abc"},
        {"page": "999"},
        {"page": "-1"},
        {"q": "x" * 5000},
    ],
)
def test_agenda_invalid_filter_values_never_fail(client, params):
    event = EventFactory(title="Blijft zichtbaar")

    response = client.get("/agenda/", params)

    assert response.status_code == 200
    if "page" in params or "q" in params or "places_left" in params:
        return
    assert event.title in titles(response)
    # An unknown period falls back to upcoming events; other bad values are named as ignored.
    assert ("ongeldige waarde" in text(response)) is ("period" not in params)


def test_agenda_hides_drafts(client):
    EventFactory(title="Concept", status=EventStatus.DRAFT)

    assert "Concept" not in titles(client.get("/agenda/", {"period": "all"}))


def test_agenda_shows_places_left_and_full(client):
    open_event = EventFactory(title="Open", capacity=3)
    ReservationFactory(event=open_event)
    ReservationFactory(event=open_event, status=ReservationStatus.WAITLISTED)
    full = EventFactory(title="Vol", capacity=1)
    ReservationFactory(event=full)

    page = text(client.get("/agenda/"))

    assert "2 plaatsen vrij" in page
    assert "Vol" in page


# Event page --------------------------------------------------------------------------------


def programme_event():
    event = EventFactory(
        title="Werken in de wijk",
        capacity=5,
        included="Toegang gratis, inclusief diner",
        description="**Welkom** <script>alert(1)</script>",
    )
    plenary = SlotFactory(
        event=event,
        title="welkom met plenair interview",
        kind=SlotKind.PLENARY,
        starts_at=event.starts_at,
        ends_at=event.starts_at + dt.timedelta(minutes=30),
    )
    round_ = SlotFactory(event=event, title="ronde 1 tafelsessies")
    theme = ThemeFactory(event=event, number=1, title="Buurtbudgetten")
    session = SessionFactory(event=event, theme=theme, code="1a", title="Breda Begroot")
    SessionSpeakerFactory(
        session=session,
        speaker__name="Suzanne van Eerden",
        speaker__organisation__name="Gemeente Breda",
    )
    sitting = SittingFactory(session=session, slot=round_, room="Raadzaal", capacity=2)
    SeatChoiceFactory(sitting=sitting, reservation=ReservationFactory(event=event))
    return event, plenary, sitting


def test_event_page_shows_the_whole_programme(client):
    event, _plenary, _sitting = programme_event()

    page = text(client.get(event.get_absolute_url()))

    for expected in [
        "Werken in de wijk",
        "welkom met plenair interview",
        "ronde 1 tafelsessies",
        "Thema 1. Buurtbudgetten",
        "1a",
        "Breda Begroot",
        "Suzanne van Eerden",
        "Gemeente Breda",
        "Raadzaal",
        "1 plaats vrij",
        "4 plaatsen vrij",
        "Toegang gratis, inclusief diner",
        "openstreetmap.org",
        "<strong>Welkom</strong>",
    ]:
        assert expected in page, expected
    assert "<script>alert(1)</script>" not in page


def test_an_empty_break_out_round_says_its_programme_follows(client):
    event = EventFactory()
    hour = dt.timedelta(hours=1)
    SlotFactory(event=event, kind=SlotKind.PLENARY, title="Opening", starts_at=event.starts_at)
    SlotFactory(event=event, title="Break-out ronde I", starts_at=event.starts_at + hour)
    round_ii = SlotFactory(
        event=event, title="Break-out ronde II", starts_at=event.starts_at + 2 * hour
    )
    SittingFactory(session=SessionFactory(event=event), slot=round_ii)

    page = text(client.get(event.get_absolute_url()))

    # Round I only: not the round with a session, not the plenary part.
    assert page.count("Het programma van deze ronde volgt.") == 1


def test_event_page_says_full_for_a_full_event_and_sitting(client):
    event, _plenary, sitting = programme_event()
    sitting.capacity = 1
    sitting.save()
    event.capacity = 1
    event.save()

    page = text(client.get(event.get_absolute_url()))

    assert page.count("<strong>Vol</strong>") == 2


def test_livecast_shows_its_online_links_and_no_map(client):
    event = EventFactory(
        format=EventFormat.LIVECAST,
        venue=None,
        livestream_url="https://dezwijger.nl/live",
        participation_url="https://zoom.us/j/1",
        networking_url="https://example.org/cafe",
    )

    page = text(client.get(event.get_absolute_url()))

    assert "https://dezwijger.nl/live" in page and "https://zoom.us/j/1" in page
    assert "https://example.org/cafe" in page
    assert "openstreetmap" not in page


def test_past_and_cancelled_events_say_so(client):
    assert "Dit evenement is voorbij." in text(client.get(past_event().get_absolute_url()))
    cancelled = EventFactory(status=EventStatus.CANCELLED)
    assert "Dit evenement is geannuleerd." in text(client.get(cancelled.get_absolute_url()))


def test_event_page_query_count_does_not_grow_with_the_programme(client):
    def build(size: int):
        event = EventFactory()
        rounds = [
            SlotFactory(
                event=event,
                starts_at=event.starts_at + dt.timedelta(minutes=50 * n),
                ends_at=event.starts_at + dt.timedelta(minutes=50 * n + 45),
            )
            for n in range(2)
        ]
        for _number in range(size):
            session = SessionFactory(event=event, theme=ThemeFactory(event=event))
            SessionSpeakerFactory.create_batch(2, session=session)
            for round_ in rounds:
                SeatChoiceFactory(
                    sitting=SittingFactory(session=session, slot=round_),
                    reservation=ReservationFactory(event=event),
                )
        return event.get_absolute_url()

    assert queries_for(client, build(1)) == queries_for(client, build(30))


def test_session_page_shows_sittings_with_seats_and_speakers(client):
    _event, _plenary, sitting = programme_event()

    page = text(client.get(sitting.session.get_absolute_url()))

    assert "ronde 1 tafelsessies" in page and "Raadzaal" in page and "1 plaats vrij" in page
    assert "Suzanne van Eerden" in page


def test_speaker_page_lists_sessions_plenary_parts_and_moderation(client):
    event, plenary, sitting = programme_event()
    speaker = sitting.session.speakers.get()
    plenary.speakers.add(speaker)
    ModeratorFactory(event=event, speaker=speaker)
    draft_session = SessionFactory(event__status=EventStatus.DRAFT, title="Geheime sessie")
    SessionSpeakerFactory(session=draft_session, speaker=speaker)

    page = text(client.get(speaker.get_absolute_url()))

    assert "Breda Begroot" in page
    assert "welkom met plenair interview" in page
    assert "Moderator" in page
    assert "Geheime sessie" not in page


def test_500_page_renders_in_the_site_design(rf):
    from django.views.defaults import server_error

    response = server_error(rf.get("/"))

    assert response.status_code == 500
    assert "Er ging iets mis" in response.content.decode()
    assert "site.css" in response.content.decode()


def test_404_page_in_the_site_design(client):
    response = client.get("/evenementen/bestaat-niet/")

    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()
