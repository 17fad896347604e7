"""Copying an event with its whole programme to a new date, as a draft to edit.

Organisers run the same meeting in another city or the next season; typing the timeline,
themes, sessions, sittings and speakers again is the slow part. The copy has everything an
organiser prepared and nothing an attendee did: no reservations, no seat choices.

Times move by the difference in Amsterdam wall-clock time between the old and the new
start, so a round at 19.15 stays at 19.15 also when the new date lies across a change to
or from summer time (a fixed number of hours would move it to 18.15 or 20.15).

This module copies the event, its partners and FAQ; the programme app copies its part
when it hears ``events.signals.event_copied`` (sessions/duplication.py), in the same
transaction.
"""

import copy as copying
import datetime as dt
import re

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from common.errors import ServiceError
from common.timezone import AMSTERDAM
from events.enums import EventStatus
from events.models import Event, EventFAQ
from events.signals import event_copied

SLUG_MAX_LENGTH: int = Event._meta.get_field("slug").max_length  # type: ignore[assignment]  # a SlugField has one
# A year, year and month, or date at the end of a title's slug ("…-2027", "…-2026-11-22"):
# the copy's slug ends in its own date instead.
_TRAILING_DATES = re.compile(r"(-\d{4}(-\d{2}){0,2})+$")


class DuplicationError(ServiceError):
    """A copy that cannot be made; the message is for the organiser."""


def wall_clock_shift(original_start: dt.datetime, new_start: dt.datetime):
    """A function moving a moment by the wall-clock distance between the two starts."""
    distance = _wall_clock(new_start) - _wall_clock(original_start)

    def shift(moment: dt.datetime | None) -> dt.datetime | None:
        if moment is None:
            return None
        return (_wall_clock(moment) + distance).replace(tzinfo=AMSTERDAM)

    return shift


def _wall_clock(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(AMSTERDAM).replace(tzinfo=None)


def unique_slug(title: str, starts_at: dt.datetime) -> str:
    """The title's slug with the new date (instead of a year or date it ends in), numbered
    when that is taken too."""
    day = f"{starts_at.astimezone(AMSTERDAM):%Y-%m-%d}"
    stem = _TRAILING_DATES.sub("", f"-{slugify(title)}").strip("-")
    base = f"{stem[: SLUG_MAX_LENGTH - len(day) - 5].strip('-') or 'evenement'}-{day}"
    taken = set(Event.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


@transaction.atomic
def duplicate_event(*, event_id: int, starts_at: dt.datetime, title: str = "") -> Event:
    """A draft copy of the event and its programme, starting at `starts_at`.

    The event is saved first, because the database checks that slots lie within their
    event; every kind of row is one bulk insert, so the cost does not grow with the
    programme.
    """
    if timezone.is_naive(starts_at):
        raise DuplicationError(_("Geef een tijd met tijdzone."), code="naive_time")
    if starts_at <= timezone.now():
        raise DuplicationError(_("Kies een begintijd in de toekomst."), code="past_start")
    original = Event.objects.filter(pk=event_id).first()
    if original is None:
        raise DuplicationError(_("Dit evenement bestaat niet."), code="unknown_event")
    shift = wall_clock_shift(original.starts_at, starts_at)
    partner_ids = list(original.partners.values_list("pk", flat=True))

    copy = copying.copy(original)
    copy.pk = None
    copy._state.adding = True
    copy.title = title.strip() or original.title
    copy.slug = unique_slug(copy.title, starts_at)
    copy.status = EventStatus.DRAFT
    copy.starts_at = shift(original.starts_at)
    copy.ends_at = shift(original.ends_at)
    copy.reservations_open_at = shift(original.reservations_open_at)
    copy.reservations_close_at = shift(original.reservations_close_at)
    copy.save()
    copy.partners.set(partner_ids)

    EventFAQ.objects.bulk_create(
        EventFAQ(event=copy, question=faq.question, answer=faq.answer, order=faq.order)
        for faq in original.faqs.order_by("pk")
    )
    event_copied.send(sender=Event, original=original, copy=copy, shift=shift)
    return copy
