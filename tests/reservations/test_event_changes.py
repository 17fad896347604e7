"""What an event's change means for its reservations holds whoever saves the event: the
admin, the shell, an import. Event.save() tells the reservations app (events.signals)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from events.enums import EventStatus
from events.models import Event
from reservations.enums import ReservationStatus
from reservations.models import Reservation
from reservations.queries import waitlist_position
from tests.factories import EventFactory, ReservationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_event():
    """One place, taken, and one person waiting."""
    event = EventFactory(capacity=1, status=EventStatus.PUBLISHED)
    ReservationFactory(event=event, status=ReservationStatus.CONFIRMED)
    waiting = ReservationFactory(event=event, status=ReservationStatus.WAITLISTED)
    return Event.objects.get(pk=event.pk), waiting


def subjects(mailoutbox) -> list[str]:
    return [mail.subject for mail in mailoutbox]


def test_more_places_saved_anywhere_confirm_the_waiting_list(
    full_event, mailoutbox, django_capture_on_commit_callbacks
):
    event, waiting = full_event
    event.capacity = 2

    with django_capture_on_commit_callbacks(execute=True):
        event.save()

    waiting.refresh_from_db()
    assert waiting.status == ReservationStatus.CONFIRMED
    assert any(subject.startswith("Er is een plaats vrij") for subject in subjects(mailoutbox))


def test_fewer_places_confirm_nobody(full_event):
    event, waiting = full_event
    event.capacity = 0

    event.save()

    waiting.refresh_from_db()
    assert waiting.status == ReservationStatus.WAITLISTED


def test_a_new_time_saved_in_the_shell_is_mailed_to_every_active_reservation(
    full_event, mailoutbox, django_capture_on_commit_callbacks
):
    event, _ = full_event
    event.starts_at += dt.timedelta(hours=1)
    event.ends_at += dt.timedelta(hours=1)

    with django_capture_on_commit_callbacks(execute=True):
        event.save()

    assert subjects(mailoutbox) == [f"Gewijzigd: {event.title}"] * 2


def test_cancelling_is_mailed_once_per_person(
    full_event, mailoutbox, django_capture_on_commit_callbacks
):
    event, _ = full_event
    event.status = EventStatus.CANCELLED

    with django_capture_on_commit_callbacks(execute=True):
        event.save()

    assert subjects(mailoutbox) == [f"Gaat niet door: {event.title}"] * 2


@pytest.mark.parametrize(
    "change",
    [
        {"title": "Een nieuwe titel"},
        {"summary": "Een andere samenvatting"},
        {},  # saved without any change
    ],
)
def test_other_changes_mail_nobody(
    full_event, mailoutbox, django_capture_on_commit_callbacks, change
):
    event, _ = full_event
    for name, value in change.items():
        setattr(event, name, value)

    with django_capture_on_commit_callbacks(execute=True):
        event.save()

    assert mailoutbox == []


def test_a_change_made_elsewhere_is_not_taken_for_this_copys_change(
    full_event, mailoutbox, django_capture_on_commit_callbacks
):
    """Reloaded after another process moved the event, this copy changed nothing itself."""
    event, _ = full_event
    later = event.starts_at + dt.timedelta(hours=1)
    Event.objects.filter(pk=event.pk).update(
        starts_at=later, ends_at=event.ends_at + dt.timedelta(hours=1)
    )
    event.refresh_from_db()
    event.title = "Alleen de titel"

    with django_capture_on_commit_callbacks(execute=True):
        event.save()

    assert mailoutbox == []


def test_a_new_event_mails_nobody(mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        EventFactory(status=EventStatus.CANCELLED)

    assert mailoutbox == []


def test_waiting_list_places_break_ties_by_id(client):
    """Two people who reserved at the same instant stand in the order promotion takes, on
    their page as in their mails."""
    event = EventFactory(capacity=0)
    first, second = (
        ReservationFactory(event=event, status=ReservationStatus.WAITLISTED) for _ in range(2)
    )
    Reservation.objects.filter(pk__in=[first.pk, second.pk]).update(created_at=timezone.now())
    client.force_login(second.user)

    page = client.get(reverse("reservations:my_reservations")).content.decode()

    assert "Wachtlijst, plaats 2" in page
    second.refresh_from_db()
    assert waitlist_position(second) == 2
    assert Reservation.objects.waitlisted().filter(event=event).first() == first
