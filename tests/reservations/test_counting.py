"""The statement a reservation is counted with (reservations.counting) gives the same
answers as the counts the pages show (reservations.queries.seat_counts)."""

import pytest
from django.db import transaction

from reservations.counting import SittingCount, Taken, count_taken
from reservations.enums import ReservationStatus
from reservations.models import SeatChoice
from reservations.queries import seat_counts
from tests.factories import EventFactory, ReservationFactory, SittingFactory, SlotFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    return EventFactory(capacity=20)


@pytest.fixture
def sittings(event):
    slot = SlotFactory(event=event)
    return [
        SittingFactory(session__event=event, slot=slot, capacity=capacity)
        for capacity in (3, None, 5)
    ]


def reservation_in(event, *sittings, status=ReservationStatus.CONFIRMED):
    reservation = ReservationFactory(event=event, status=status)
    for sitting in sittings:
        SeatChoice.objects.create(reservation=reservation, sitting=sitting, slot=sitting.slot)
    return reservation


@pytest.fixture
def reservations(event, sittings):
    first, unlimited, last = sittings
    return [
        reservation_in(event, first),
        reservation_in(event, first),
        reservation_in(event, unlimited),
        reservation_in(event),
        reservation_in(event, first, status=ReservationStatus.WAITLISTED),
        reservation_in(event, last, status=ReservationStatus.CANCELLED),
    ]


@pytest.mark.parametrize("lock", [False, True])
def test_the_counts_are_those_the_pages_show(event, sittings, reservations, lock):
    with transaction.atomic():
        taken = count_taken(event.pk, [s.pk for s in sittings], lock=lock)

    shown = seat_counts(event)
    assert taken == Taken(
        places=shown.confirmed,
        sittings=[
            SittingCount(s.pk, s.slot_id, s.session_id, s.capacity, shown.taken.get(s.pk, 0))
            for s in sittings
        ],
    )
    assert (taken.places, [row.seats_taken for row in taken.sittings]) == (4, [2, 1, 0])


def test_one_reservation_can_be_left_out(event, sittings, reservations):
    taken = count_taken(event.pk, [sittings[0].pk], excluding=reservations[0].pk)

    assert (taken.places, taken.sittings[0].seats_taken) == (3, 1)


def test_without_sittings_only_the_places(event, reservations):
    assert count_taken(event.pk, []) == Taken(places=4, sittings=[])
    assert count_taken(event.pk, [], excluding=reservations[3].pk) == Taken(3, [])


def test_sittings_of_another_event_are_left_out(event, sittings, reservations):
    elsewhere = SittingFactory()

    taken = count_taken(event.pk, [elsewhere.pk, sittings[2].pk])

    assert taken == Taken(
        4, [SittingCount(sittings[2].pk, sittings[2].slot_id, sittings[2].session_id, 5, 0)]
    )
    assert count_taken(event.pk, [elsewhere.pk]) == Taken(places=4, sittings=[])
