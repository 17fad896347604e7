"""A reservation is written on a forecast before the event's lock and counted again under it.

Others may take or free a place or a seat between the two counts. Here that happens on
purpose, just before the lock is taken, and the reservation must end with what it really
got: its status, the first line of its history and the mail it is sent.
"""

import pytest
from django.core import mail as sent_mail

from reservations import services
from reservations.enums import MailKind, ReservationStatus
from reservations.models import OutgoingMail, Reservation, SeatChoice
from tests.factories import EventFactory, ReservationFactory, SittingFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def meanwhile(monkeypatch):
    """meanwhile(action): run `action` after the forecast, just before the lock is taken."""
    lock_event = services.lock_event

    def install(action):
        def lock_after_action(event_id):
            action()
            return lock_event(event_id)

        monkeypatch.setattr(services, "lock_event", lock_after_action)

    return install


def reserve(event, user, sittings=(), **kwargs):
    return services.reserve(
        event_id=event.pk,
        user=user,
        name="Anna de Vries",
        email="anna@example.org",
        sitting_ids=[sitting.pk for sitting in sittings],
        **kwargs,
    )


def take_seat(sitting, status=ReservationStatus.CONFIRMED):
    reservation = ReservationFactory(event=sitting.slot.event, status=status)
    SeatChoice.objects.create(reservation=reservation, sitting=sitting, slot=sitting.slot)
    return reservation


def outcome(reservation, task_queue):
    """Status, first history line and mail (subject) once the worker has sent it."""
    task_queue.work_off()
    mails = list(OutgoingMail.objects.filter(reservation=reservation))
    return (
        Reservation.objects.get(pk=reservation.pk).status,
        [line.status for line in reservation.history.all()],
        [(mail.kind, mail.details) for mail in mails],
        [message.to for message in sent_mail.outbox],
    )


def test_the_last_place_taken_in_between_puts_the_reservation_on_the_waiting_list(
    meanwhile, task_queue
):
    event = EventFactory(capacity=1)
    meanwhile(lambda: ReservationFactory(event=event))

    reservation = reserve(event, UserFactory())

    assert outcome(reservation, task_queue) == (
        ReservationStatus.WAITLISTED,
        [ReservationStatus.WAITLISTED],
        [(MailKind.WAITLISTED, {})],
        [["anna@example.org"]],
    )
    assert "wachtlijst" in sent_mail.outbox[0].subject.lower()


def test_a_place_freed_in_between_confirms_the_reservation(meanwhile, task_queue):
    event = EventFactory(capacity=1)
    holder = ReservationFactory(event=event)
    meanwhile(lambda: Reservation.objects.filter(pk=holder.pk).update(status="cancelled"))

    reservation = reserve(event, UserFactory())

    assert outcome(reservation, task_queue) == (
        ReservationStatus.CONFIRMED,
        [ReservationStatus.CONFIRMED],
        [(MailKind.CONFIRMED, {})],
        [["anna@example.org"]],
    )


def test_a_seat_taken_in_between_is_refused_and_nothing_is_kept(meanwhile, task_queue):
    sitting = SittingFactory(capacity=1)
    event = sitting.slot.event
    meanwhile(lambda: take_seat(sitting))

    with pytest.raises(services.SittingFullError) as refused:
        reserve(event, UserFactory(username="anna"), [sitting])

    assert refused.value.sittings == [sitting]
    assert not Reservation.objects.filter(user__username="anna").exists()
    assert not OutgoingMail.objects.filter(reservation__user__username="anna").exists()
    assert task_queue.waiting() == 0


def test_a_seat_freed_in_between_confirms_one_who_would_wait_for_it(meanwhile, task_queue):
    sitting = SittingFactory(capacity=1)
    event = sitting.slot.event
    holder = take_seat(sitting)
    meanwhile(lambda: Reservation.objects.filter(pk=holder.pk).update(status="cancelled"))

    reservation = reserve(event, UserFactory(), [sitting], wait_for_full_sittings=True)

    assert outcome(reservation, task_queue) == (
        ReservationStatus.CONFIRMED,
        [ReservationStatus.CONFIRMED],
        [(MailKind.CONFIRMED, {})],
        [["anna@example.org"]],
    )
    assert list(reservation.seat_choices.values_list("sitting", flat=True)) == [sitting.pk]


def test_a_seat_taken_in_between_keeps_one_who_waits_on_the_list_for_it(meanwhile, task_queue):
    sitting = SittingFactory(capacity=1)
    event = sitting.slot.event
    meanwhile(lambda: take_seat(sitting))

    reservation = reserve(event, UserFactory(), [sitting], wait_for_full_sittings=True)

    assert outcome(reservation, task_queue) == (
        ReservationStatus.WAITLISTED,
        [ReservationStatus.WAITLISTED],
        [(MailKind.WAITLISTED, {"full_sitting_ids": [sitting.pk]})],
        [["anna@example.org"]],
    )


def test_a_refusal_on_the_forecast_waits_for_no_lock(monkeypatch):
    sitting = SittingFactory(capacity=1)
    take_seat(sitting)

    def no_lock(event_id):
        raise AssertionError("a refusal needs no lock")

    monkeypatch.setattr(services, "lock_event", no_lock)

    with pytest.raises(services.SittingFullError):
        reserve(sitting.slot.event, UserFactory(), [sitting])


def test_what_was_forecast_right_is_written_once(task_queue):
    event = EventFactory(capacity=1)

    reservation = reserve(event, UserFactory())

    assert outcome(reservation, task_queue) == (
        ReservationStatus.CONFIRMED,
        [ReservationStatus.CONFIRMED],
        [(MailKind.CONFIRMED, {})],
        [["anna@example.org"]],
    )
