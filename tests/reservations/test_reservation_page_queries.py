"""The attendee and organiser pages run a fixed number of queries, however much they show."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.factories import (
    EventFactory,
    ReservationFactory,
    SeatChoiceFactory,
    SessionFactory,
    SittingFactory,
    SlotFactory,
    UserFactory,
)
from tests.query_counts import queries_for

pytestmark = pytest.mark.django_db


def event_with_sittings(count: int):
    event = EventFactory(capacity=100)
    rounds = [
        SlotFactory(
            event=event,
            starts_at=event.starts_at + dt.timedelta(minutes=50 * n),
            ends_at=event.starts_at + dt.timedelta(minutes=50 * n + 45),
        )
        for n in range(2)
    ]
    for _ in range(count):
        for round_ in rounds:
            SittingFactory(session=SessionFactory(event=event), slot=round_, capacity=5)
    return event


def test_reservation_form(client):
    client.force_login(UserFactory())

    one = queries_for(client, reverse("reservations:reserve", args=[event_with_sittings(1).slug]))
    many = queries_for(client, reverse("reservations:reserve", args=[event_with_sittings(30).slug]))

    assert one == many


def test_my_reservations(client):
    def person_with(count: int):
        user = UserFactory()
        for _ in range(count):
            sitting = SittingFactory()
            SeatChoiceFactory(
                sitting=sitting, reservation=ReservationFactory(user=user, event=sitting.slot.event)
            )
        return user

    client.force_login(person_with(1))
    one = queries_for(client, reverse("reservations:my_reservations"))
    client.force_login(person_with(30))
    many = queries_for(client, reverse("reservations:my_reservations"))

    assert one == many


def test_participant_list(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    def event_with_participants(count: int):
        event = event_with_sittings(2)
        sittings = list(event.sessions.values_list("sittings", flat=True))
        for number in range(count):
            reservation = ReservationFactory(event=event)
            SeatChoiceFactory(
                reservation=reservation, sitting_id=sittings[number % len(sittings)], slot_id=None
            )
        return event

    one = queries_for(
        client, reverse("reservations:participants", args=[event_with_participants(1).slug])
    )
    many = queries_for(
        client, reverse("reservations:participants", args=[event_with_participants(30).slug])
    )

    assert one == many
