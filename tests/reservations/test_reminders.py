"""Reminders before an event: who gets one, what it says, once per person and start."""

import datetime as dt

import icalendar
import pytest
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from events.enums import EventFormat, EventStatus
from events.models import Event
from reservations import reminders
from reservations.enums import MailKind, MailStatus, ReservationStatus
from reservations.models import Mailing, OutgoingMail
from reservations.reminders import queue_due_reminders
from reservations.tasks import queue_reminders
from tests.factories import (
    EventFactory,
    ReservationFactory,
    SeatChoiceFactory,
    SessionFactory,
    SittingFactory,
    SlotFactory,
    VenueFactory,
)

pytestmark = pytest.mark.django_db


def event_in(hours: float, **fields) -> Event:
    starts_at = timezone.now() + dt.timedelta(hours=hours)
    return EventFactory(starts_at=starts_at, ends_at=starts_at + dt.timedelta(hours=4), **fields)


@pytest.fixture
def event() -> Event:
    """Starts in 20 hours: within the default 24 hours' notice."""
    return event_in(
        20,
        title="Werken in de wijk",
        venue=VenueFactory(name="Stadhuis Zaanstad", street_address="Stadhuisplein 100"),
    )


def reminded(mailoutbox) -> list[str]:
    return sorted(message.to[0] for message in mailoutbox)


def test_confirmed_attendees_get_their_sessions_rooms_venue_and_calendar(event, mailoutbox):
    slot = SlotFactory(
        event=event,
        title="Ronde 1",
        starts_at=event.starts_at,
        ends_at=event.starts_at + dt.timedelta(minutes=45),
    )
    session = SessionFactory(event=event, code="1a", title="Buurtbudgetten")
    sitting = SittingFactory(session=session, slot=slot, room="Raadzaal")
    anna = ReservationFactory(event=event, email="anna@example.org", name="Anna")
    SeatChoiceFactory(reservation=anna, sitting=sitting, slot=slot)

    assert queue_reminders.call() == 1

    [message] = mailoutbox
    assert message.to == ["anna@example.org"]
    assert message.subject.startswith("Herinnering: Werken in de wijk, ")
    for text in ("Ronde 1", "Buurtbudgetten", "Raadzaal", "Stadhuis Zaanstad", anna.code):
        assert text in message.body
    [(name, content, mimetype)] = message.attachments
    assert name.endswith(".ics") and mimetype.startswith("text/calendar")
    assert icalendar.Calendar.from_ical(content).walk("VEVENT")


def test_an_online_event_gives_its_links(mailoutbox):
    online = event_in(
        3,
        format=EventFormat.LIVECAST,
        livestream_url="https://stream.example.org/live",
        reminder_hours=6,
    )
    ReservationFactory(event=online)

    queue_due_reminders()

    assert "https://stream.example.org/live" in mailoutbox[0].body


def test_nobody_on_the_waiting_list_cancelled_or_without_address_gets_one(event, mailoutbox):
    ReservationFactory(event=event, email="confirmed@example.org")
    ReservationFactory(event=event, status=ReservationStatus.WAITLISTED)
    ReservationFactory(event=event, status=ReservationStatus.CANCELLED)
    ReservationFactory(event=event, email="")  # anonymised
    ReservationFactory(event=event_in(200), email="later@example.org")

    queue_due_reminders()

    assert reminded(mailoutbox) == ["confirmed@example.org"]


@pytest.mark.parametrize(
    ("hours_ahead", "notice", "status", "due"),
    [
        (20, 24, EventStatus.PUBLISHED, True),
        (30, 24, EventStatus.PUBLISHED, False),  # not yet
        (30, 48, EventStatus.PUBLISHED, True),  # the organiser asked for two days
        (1, 0, EventStatus.PUBLISHED, False),  # reminders off
        (20, 24, EventStatus.DRAFT, False),
        (20, 24, EventStatus.CANCELLED, False),
        (-1, 24, EventStatus.PUBLISHED, False),  # started already
    ],
)
def test_only_published_events_within_their_notice(mailoutbox, hours_ahead, notice, status, due):
    ReservationFactory(event=event_in(hours_ahead, reminder_hours=notice, status=status))

    queue_due_reminders()

    assert len(mailoutbox) == (1 if due else 0)


def test_the_default_notice_is_a_day():
    assert EventFactory().reminder_hours == 24


def test_once_per_person_however_often_the_job_runs(event, mailoutbox):
    ReservationFactory(event=event)
    ReservationFactory(event=event)

    assert len(queue_due_reminders()) == 1
    assert queue_due_reminders() == []
    assert queue_due_reminders(timezone.now() + dt.timedelta(hours=2)) == []

    assert len(mailoutbox) == 2
    assert Mailing.objects.get().kind == MailKind.REMINDER


def test_a_second_worker_making_the_same_reminders_is_refused_by_the_database(event):
    ReservationFactory(event=event)
    queue_due_reminders()

    with pytest.raises(IntegrityError):
        Mailing.objects.create(event=event, kind=MailKind.REMINDER, starts_at=event.starts_at)


def test_a_worker_that_lost_the_race_moves_on(event, monkeypatch, mailoutbox):
    """Two workers both found the event due; the second one's insert fails and is skipped."""
    ReservationFactory(event=event)
    other = event_in(10)
    ReservationFactory(event=other)
    found = reminders.due_for_reminder(timezone.now())
    Mailing.objects.create(event=event, kind=MailKind.REMINDER, starts_at=event.starts_at)
    monkeypatch.setattr(reminders, "due_for_reminder", lambda now: found)

    made = queue_due_reminders()

    assert [mailing.event for mailing in made] == [other]
    assert len(mailoutbox) == 1


def test_a_moved_event_reminds_again_for_the_new_time(event, mailoutbox):
    ReservationFactory(event=event)
    queue_due_reminders()
    assert len(mailoutbox) == 1

    event.starts_at += dt.timedelta(hours=2)
    event.ends_at += dt.timedelta(hours=2)
    event.save()  # tells the attendee of the change, too
    queue_due_reminders()

    kinds = [mail.kind for mail in OutgoingMail.objects.order_by("pk")]
    assert kinds == [MailKind.REMINDER, MailKind.EVENT_CHANGED, MailKind.REMINDER]
    assert Mailing.objects.filter(kind=MailKind.REMINDER).count() == 2
    assert len(mailoutbox) == 3


def test_a_reminder_still_queued_when_the_event_moves_is_not_sent(event, task_queue, mailoutbox):
    ReservationFactory(event=event)
    queue_due_reminders()  # queued; no worker has run yet

    week = dt.timedelta(days=7)
    Event.objects.filter(pk=event.pk).update(
        starts_at=event.starts_at + week, ends_at=event.ends_at + week
    )
    task_queue.work_off()

    assert mailoutbox == []
    assert OutgoingMail.objects.get().status == MailStatus.SKIPPED


def test_a_reminder_is_written_in_the_language_of_the_reservation(event, mailoutbox):
    ReservationFactory(event=event, language="en")

    queue_due_reminders()

    assert mailoutbox[0].subject.startswith("Reminder: ")


def test_organisers_choose_the_notice_on_the_event_form(admin_client, event):
    url = reverse("admin:events_event_change", args=[event.pk])
    page = admin_client.get(url).content.decode()

    assert 'name="reminder_hours"' in page
    assert "geen herinnering" in page
