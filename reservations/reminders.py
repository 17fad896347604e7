"""Reminders before an event: one mail to each confirmed attendee, its `reminder_hours`
before the start (events.Event; 0 is none).

A scheduled job (settings.SCHEDULED_TASKS) makes, for each event whose moment has come, one
reminder mailing for its current start. The mailing is unique per event and start (a
database constraint) and its mails per reservation, so several workers running the job at
once make it once. An event moved after its reminders went out gets a new mailing for the
new start, when that one's moment comes; reminders still queued for the old start are
skipped by the worker (reservations.outbox.still_true). People on the waiting list get none,
and neither does whoever reserves after the reminders were made: their confirmation, sent
minutes before, says the same.
"""

import datetime as dt
import logging

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from events.enums import EventStatus
from events.models import REMINDER_CHOICES, Event
from reservations.enums import MailKind
from reservations.models import Mailing, Reservation
from reservations.outbox import queue_mailing

logger = logging.getLogger("reservations.reminders")

LONGEST_NOTICE = dt.timedelta(hours=max(hours for hours, _label in REMINDER_CHOICES))


def due_for_reminder(now: dt.datetime) -> list[Event]:
    """Published events starting within their reminder time that have no reminder
    mailing for their current start yet."""
    reminded = Mailing.objects.filter(
        event=OuterRef("pk"), kind=MailKind.REMINDER, starts_at=OuterRef("starts_at")
    )
    candidates = Event.objects.filter(
        status=EventStatus.PUBLISHED,
        reminder_hours__gt=0,
        starts_at__gt=now,
        starts_at__lte=now + LONGEST_NOTICE,
    ).exclude(Exists(reminded))
    return [
        event
        for event in candidates
        if event.starts_at - dt.timedelta(hours=event.reminder_hours) <= now
    ]


def queue_due_reminders(now: dt.datetime | None = None) -> list[Mailing]:
    now = now or timezone.now()
    made = []
    for event in due_for_reminder(now):
        confirmed = Reservation.objects.filter(event=event).confirmed().exclude(email="")
        try:
            with transaction.atomic():
                made.append(
                    queue_mailing(event, MailKind.REMINDER, confirmed, starts_at=event.starts_at)
                )
        except IntegrityError:
            # Another worker made this reminder mailing a moment ago.
            logger.info("Reminders for event %s were queued by another worker", event.pk)
    return made
