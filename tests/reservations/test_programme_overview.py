"""The programme at a glance on the event admin page: seats per sitting, totals, queries."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import Event
from reservations.enums import ReservationStatus
from reservations.queries import programme_overview
from sessions.enums import SlotKind
from tests.factories import (
    EventFactory,
    ReservationFactory,
    SeatChoiceFactory,
    SessionFactory,
    SittingFactory,
    SlotFactory,
)
from tests.query_counts import queries_for

pytestmark = pytest.mark.django_db

HOUR = dt.timedelta(hours=1)


def reservation(event: Event, status=ReservationStatus.CONFIRMED, **extra):
    return ReservationFactory(
        event=event, user=None, name="Deelnemer", email="d@example.org", status=status, **extra
    )


@pytest.fixture
def event() -> Event:
    """A plenary opening, then a round with sitting 1a (3 seats) and 1b (no limit)."""
    event = EventFactory(capacity=40)
    SlotFactory(
        event=event,
        starts_at=event.starts_at,
        ends_at=event.starts_at + HOUR,
        kind=SlotKind.PLENARY,
        title="Opening",
    )
    round_one = SlotFactory(
        event=event, starts_at=event.starts_at + HOUR, ends_at=event.starts_at + 2 * HOUR
    )
    full = SittingFactory(
        session=SessionFactory(event=event, code="1a", title="Buurtbudgetten"),
        slot=round_one,
        room="Raadzaal",
        capacity=3,
    )
    SittingFactory(
        session=SessionFactory(event=event, code="1b", title="Energie"),
        slot=round_one,
        room="Foyer",
        capacity=None,
    )
    for _number in range(2):
        SeatChoiceFactory(sitting=full, reservation=reservation(event))
    SeatChoiceFactory(sitting=full, reservation=reservation(event, checked_in_at=timezone.now()))
    # Waiting and cancelled people hold no seat, whatever they chose.
    SeatChoiceFactory(sitting=full, reservation=reservation(event, ReservationStatus.WAITLISTED))
    SeatChoiceFactory(sitting=full, reservation=reservation(event, ReservationStatus.CANCELLED))
    reservation(event, ReservationStatus.WAITLISTED)
    return event


def test_the_overview_counts_seats_and_places(event):
    overview = programme_overview(event)

    assert overview.slots[0].slot.title == "Opening"
    assert overview.slots[0].sittings == []
    sittings = overview.slots[1].sittings
    assert [
        (str(s.session), s.room, s.capacity, s.seats_taken, s.seats_left) for s in sittings
    ] == [
        ("1a Buurtbudgetten", "Raadzaal", 3, 3, 0),
        ("1b Energie", "Foyer", None, 0, None),
    ]
    assert (overview.capacity, overview.confirmed, overview.waitlisted, overview.checked_in) == (
        40,
        3,
        2,
        1,
    )
    assert overview.places_left == 37


def change_url(event: Event) -> str:
    return reverse("admin:events_event_change", args=[event.pk])


def cells(html: str, text: str) -> list[str]:
    """The cells of the overview row that mentions `text`, without tags."""
    row = next(row for row in re.findall(r"<tr.*?</tr>", html, re.S) if text in row)
    return [
        re.sub(r"<.*?>", "", cell).strip() for cell in re.findall(r"<t[hd].*?</t[hd]>", row, re.S)
    ]


def test_the_change_page_shows_the_overview(admin_client, event):
    html = admin_client.get(change_url(event)).content.decode()

    assert "Programma in één oogopslag" in html
    assert cells(html, "1a Buurtbudgetten")[-5:] == ["1a Buurtbudgetten", "Raadzaal", "3", "3", "0"]
    assert cells(html, "1b Energie") == ["1b Energie", "Foyer", "–", "0", "–"]
    assert "programme-overview__full" in html
    totals = re.sub(r"\s+", " ", re.sub(r"<.*?>", " ", html.split("programme-overview__totals")[1]))
    assert "Plaatsen 40 Bevestigd 3 Vrij 37 Wachtlijst 2 Aangemeld 1" in totals


def test_the_add_page_has_no_overview(admin_client):
    html = admin_client.get(reverse("admin:events_event_add")).content.decode()

    assert "Programma in één oogopslag" not in html


def test_the_change_page_costs_the_same_queries_with_one_or_three_sittings(admin_client):
    def event_with_sittings(count: int) -> Event:
        event = EventFactory()
        round_one = SlotFactory(event=event)
        for _number in range(count):
            sitting = SittingFactory(session=SessionFactory(event=event), slot=round_one)
            SeatChoiceFactory(sitting=sitting, reservation=reservation(event))
        return event

    one, three = event_with_sittings(1), event_with_sittings(3)

    assert queries_for(admin_client, change_url(one)) == queries_for(
        admin_client, change_url(three)
    )
