"""Many people reserving and cancelling at once never overbook an event or a sitting.

Runs on PostgreSQL with real threads, each with its own connection. A control test takes the
locks away and shows the race, so these tests can fail.
"""

import threading
from collections import Counter

import pytest
from django.db import connection, connections

from events.models import Event
from reservations import counting, services
from reservations.enums import ReservationStatus
from reservations.models import Reservation, SeatChoice
from tests.factories import EventFactory, ReservationFactory, SittingFactory, UserFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs row locks and concurrent connections: run with DATABASE_URL on PostgreSQL",
    ),
]

CLIENTS = 50


def run_concurrently(work, arguments) -> list[object]:
    """Run work(argument) in one thread each, released together; return results or errors."""
    barrier = threading.Barrier(len(arguments))
    results: list[object] = [None] * len(arguments)

    def run(index: int, argument: object) -> None:
        try:
            barrier.wait()
            results[index] = work(argument)
        except Exception as error:  # every failure is reported to the test
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(arguments)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def reserve_as(event: Event, sitting_id: int):
    """What a visitor does: ask for the sitting, and reserve without it when it is full."""

    def work(user):
        try:
            return services.reserve(
                event_id=event.pk,
                user=user,
                name=user.username,
                email=user.email,
                sitting_ids=[sitting_id],
            )
        except services.ReservationError as error:
            if error.code != "sitting_full":
                raise
            return services.reserve(
                event_id=event.pk, user=user, name=user.username, email=user.email
            )

    return work


def statuses(event: Event) -> Counter:
    return Counter(Reservation.objects.filter(event=event).values_list("status", flat=True))


def seats_taken(sitting) -> int:
    return SeatChoice.objects.filter(
        sitting=sitting, reservation__status=ReservationStatus.CONFIRMED
    ).count()


def test_concurrent_reservations_fill_exactly_the_places_and_seats():
    event = EventFactory(capacity=10)
    sitting = SittingFactory(session__event=event, capacity=5)
    users = [UserFactory() for _ in range(CLIENTS)]

    results = run_concurrently(reserve_as(event, sitting.pk), users)

    assert [r for r in results if isinstance(r, Exception)] == []
    assert statuses(event) == {
        ReservationStatus.CONFIRMED: 10,
        ReservationStatus.WAITLISTED: CLIENTS - 10,
    }
    assert seats_taken(sitting) == 5


def test_without_the_locks_the_same_load_overbooks(monkeypatch):
    """Control: skip the row locks, and let no transaction commit before many have counted
    (a pause alone proved too short on a busy machine: the clients then ran one by one)."""
    event = EventFactory(capacity=10)
    sitting = SittingFactory(session__event=event, capacity=5)
    users = [UserFactory() for _ in range(CLIENTS)]
    original_count = services.lock_and_count
    arrived, mutex, together = [], threading.Lock(), threading.Event()

    def count_then_wait_for_others(*args, **kwargs):
        counted = original_count(*args, **kwargs)
        with mutex:
            arrived.append(counted)
            if len(arrived) == 20:
                together.set()
        together.wait(timeout=10)
        return counted

    monkeypatch.setattr(services, "lock_event", lambda event_id: Event.objects.get(pk=event_id))
    monkeypatch.setattr(services, "lock_and_count", count_then_wait_for_others)
    monkeypatch.setattr(counting, "_lock_clause", lambda: "")

    run_concurrently(reserve_as(event, sitting.pk), users)

    assert statuses(event)[ReservationStatus.CONFIRMED] > 10
    assert seats_taken(sitting) > 5


def test_each_reservation_of_a_rush_is_told_its_own_outcome():
    """Reservations are written on a forecast before the lock and corrected under it: in a
    rush around the last places, every one ends with the status, history and mail of what
    it finally got."""
    event = EventFactory(capacity=10)
    sitting = SittingFactory(session__event=event, capacity=5)
    users = [UserFactory() for _ in range(CLIENTS)]

    results = run_concurrently(reserve_as(event, sitting.pk), users)

    assert [r for r in results if isinstance(r, Exception)] == []
    reservations = Reservation.objects.filter(event=event)
    assert reservations.count() == CLIENTS
    for reservation in reservations:
        assert [mail.kind for mail in reservation.outgoing_mails.all()] == [
            services.MAIL_FOR[reservation.status]
        ]
        assert [line.status for line in reservation.history.all()] == [reservation.status]
    held = SeatChoice.objects.filter(
        sitting=sitting, reservation__status=ReservationStatus.CONFIRMED
    )
    assert held.count() == 5


def test_reserving_changing_and_cancelling_at_once_never_deadlock_or_overbook():
    """New reservations write their seat choices before they wait for the event's lock;
    meanwhile a cancellation that promotes and a change of sessions lock those sittings."""
    event = EventFactory(capacity=12)
    first = SittingFactory(session__event=event, capacity=6)
    second = SittingFactory(session__event=event, slot=first.slot, capacity=6)
    confirmed = [ReservationFactory(event=event) for _ in range(12)]
    for number, reservation in enumerate(confirmed):
        SeatChoice.objects.create(
            reservation=reservation, sitting=first if number < 6 else second, slot=first.slot
        )
    newcomers = [UserFactory() for _ in range(30)]

    def work(item):
        kind, value = item
        if kind == "cancel":
            return services.cancel(reservation_id=value.pk, user=value.user)
        if kind == "change":
            return services.choose_seats(
                reservation_id=value.pk, user=value.user, sitting_ids=[first.pk]
            )
        return reserve_as(event, [first.pk, second.pk][value.pk % 2])(value)

    items = (
        [("cancel", r) for r in confirmed[:4]]
        + [("change", r) for r in confirmed[6:10]]
        + [("reserve", user) for user in newcomers]
    )
    results = run_concurrently(work, items)

    # A change to a full sitting is refused; nothing else may fail (a deadlock would).
    failed = [r for r in results if isinstance(r, Exception)]
    assert [r for r in failed if getattr(r, "code", None) != "sitting_full"] == []
    assert statuses(event)[ReservationStatus.CONFIRMED] == 12
    assert seats_taken(first) <= 6 and seats_taken(second) <= 6


def test_concurrent_cancellations_promote_each_waiting_person_once():
    event = EventFactory(capacity=10)
    confirmed = [ReservationFactory(event=event) for _ in range(10)]
    waiting = [
        ReservationFactory(event=event, status=ReservationStatus.WAITLISTED) for _ in range(25)
    ]

    results = run_concurrently(
        lambda reservation: services.cancel(reservation_id=reservation.pk, user=reservation.user),
        confirmed,
    )

    assert [r for r in results if isinstance(r, Exception)] == []
    assert statuses(event) == {
        ReservationStatus.CANCELLED: 10,
        ReservationStatus.CONFIRMED: 10,
        ReservationStatus.WAITLISTED: 15,
    }
    promoted = Reservation.objects.filter(
        pk__in=[r.pk for r in waiting], status=ReservationStatus.CONFIRMED
    )
    assert sorted(promoted.values_list("pk", flat=True)) == [r.pk for r in waiting[:10]]


def test_simultaneous_cancel_and_reserve_lose_no_place():
    event = EventFactory(capacity=5)
    confirmed = [ReservationFactory(event=event) for _ in range(5)]
    newcomers = [UserFactory() for _ in range(20)]

    def work(item):
        if isinstance(item, Reservation):
            return services.cancel(reservation_id=item.pk, user=item.user)
        return services.reserve(event_id=event.pk, user=item, name=item.username, email=item.email)

    results = run_concurrently(work, confirmed[:3] + newcomers)

    assert [r for r in results if isinstance(r, Exception)] == []
    counts = statuses(event)
    assert counts[ReservationStatus.CONFIRMED] == 5
    assert counts[ReservationStatus.WAITLISTED] == 17
    assert counts[ReservationStatus.CANCELLED] == 3
