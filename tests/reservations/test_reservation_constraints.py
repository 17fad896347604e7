"""One active reservation per person per event; only a confirmed one can be checked in."""

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from reservations.enums import ReservationStatus
from reservations.models import Reservation
from tests.factories import EventFactory, ReservationFactory, UserFactory

pytestmark = pytest.mark.django_db

ACTIVE = [ReservationStatus.CONFIRMED, ReservationStatus.WAITLISTED]


@pytest.mark.parametrize("first", ACTIVE)
@pytest.mark.parametrize("second", ACTIVE)
def test_second_active_reservation_for_the_same_event_is_rejected(first, second):
    existing = ReservationFactory(status=first)

    with pytest.raises(IntegrityError), transaction.atomic():
        ReservationFactory(event=existing.event, user=existing.user, status=second)

    assert Reservation.objects.count() == 1


@pytest.mark.parametrize("status", ACTIVE)
def test_new_reservation_after_cancelling_is_allowed(status):
    cancelled = ReservationFactory(status=ReservationStatus.CANCELLED, cancelled_at=timezone.now())

    again = ReservationFactory(event=cancelled.event, user=cancelled.user, status=status)

    assert set(Reservation.objects.values_list("pk", flat=True)) == {cancelled.pk, again.pk}


def test_cancelling_the_first_then_booking_again_is_allowed():
    first = ReservationFactory()
    Reservation.objects.filter(pk=first.pk).update(status=ReservationStatus.CANCELLED)

    ReservationFactory(event=first.event, user=first.user)

    assert Reservation.objects.active().filter(event=first.event, user=first.user).count() == 1


def test_several_cancelled_reservations_are_allowed():
    first = ReservationFactory(status=ReservationStatus.CANCELLED)

    ReservationFactory(event=first.event, user=first.user, status=ReservationStatus.CANCELLED)

    assert Reservation.objects.count() == 2


def test_reactivating_a_cancelled_reservation_next_to_an_active_one_is_rejected():
    active = ReservationFactory()
    cancelled = ReservationFactory(
        event=active.event, user=active.user, status=ReservationStatus.CANCELLED
    )

    with pytest.raises(IntegrityError), transaction.atomic():
        Reservation.objects.filter(pk=cancelled.pk).update(status=ReservationStatus.CONFIRMED)

    cancelled.refresh_from_db()
    assert cancelled.status == ReservationStatus.CANCELLED


def test_same_person_may_reserve_for_other_events_and_others_for_this_one():
    user = UserFactory()
    event = EventFactory()
    ReservationFactory(event=event, user=user)

    ReservationFactory(event=EventFactory(), user=user)
    ReservationFactory(event=event)

    assert Reservation.objects.count() == 3


def test_reservations_without_account_do_not_clash():
    event = EventFactory()
    ReservationFactory(event=event, user=None, name="A", email="a@example.org")

    ReservationFactory(event=event, user=None, name="B", email="b@example.org")

    assert Reservation.objects.filter(event=event, user=None).count() == 2


@pytest.mark.parametrize("status", [ReservationStatus.WAITLISTED, ReservationStatus.CANCELLED])
def test_only_confirmed_reservation_can_be_checked_in(status):
    with pytest.raises(IntegrityError), transaction.atomic():
        ReservationFactory(status=status, checked_in_at=timezone.now())

    assert not Reservation.objects.exists()


def test_checked_in_reservation_cannot_be_moved_to_the_waiting_list():
    reservation = ReservationFactory(checked_in_at=timezone.now())

    with pytest.raises(IntegrityError), transaction.atomic():
        Reservation.objects.filter(pk=reservation.pk).update(status=ReservationStatus.WAITLISTED)

    reservation.refresh_from_db()
    assert reservation.status == ReservationStatus.CONFIRMED


def test_confirmed_reservation_can_be_checked_in():
    reservation = ReservationFactory(status=ReservationStatus.CONFIRMED)

    Reservation.objects.filter(pk=reservation.pk).update(checked_in_at=timezone.now())

    reservation.refresh_from_db()
    assert reservation.checked_in_at is not None
