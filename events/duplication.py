"""Copying an event's whole programme to a new date, as a draft to edit.

Organisers run the same meeting in another city or the next season; typing the timeline,
themes, sessions, sittings and speakers again is the slow part. The copy has everything an
organiser prepared and nothing an attendee did: no reservations, no seat choices.

Times move by the difference in Amsterdam wall-clock time between the old and the new
start, so a round at 19.15 stays at 19.15 also when the new date lies across a change to
or from summer time (a fixed number of hours would move it to 18.15 or 20.15).
"""

import copy as copying
import datetime as dt
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from cooperatieve_stad.errors import ServiceError
from events.enums import EventStatus
from events.models import Event, EventFAQ
from sessions.models import Session, SessionSpeaker, Sitting, Slot, Theme

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
SLUG_MAX_LENGTH = Event._meta.get_field("slug").max_length


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
    """The title's slug with the new date, numbered when that is taken too."""
    day = f"{starts_at.astimezone(AMSTERDAM):%Y-%m-%d}"
    base = f"{slugify(title)[: SLUG_MAX_LENGTH - len(day) - 5].strip('-') or 'evenement'}-{day}"
    taken = set(Event.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


@transaction.atomic
def duplicate_event(*, event_id: int, starts_at: dt.datetime, title: str = "") -> Event:
    """A draft copy of the event and its programme, starting at `starts_at`.

    Rows are created parents first (event, slots, themes, sessions, then sittings), because
    the database checks that slots lie within their event and sittings are held in a round
    of it. Every kind of row is one bulk insert, so the cost does not grow with the
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

    new_slot = _copy_slots(original, copy, shift)
    new_theme = _copy_rows(Theme.objects.filter(event=original), event=copy)
    new_session = _copy_sessions(original, copy, new_theme)
    Sitting.objects.bulk_create(
        Sitting(
            session_id=new_session[sitting.session_id],
            slot_id=new_slot[sitting.slot_id],
            room=sitting.room,
            capacity=sitting.capacity,
        )
        for sitting in Sitting.objects.filter(session__event=original).order_by("pk")
    )
    EventFAQ.objects.bulk_create(
        EventFAQ(event=copy, question=faq.question, answer=faq.answer, order=faq.order)
        for faq in original.faqs.order_by("pk")
    )
    return copy


def _copy_rows(rows, **changes) -> dict[int, int]:
    """Insert copies of the rows with `changes` applied; the old id → the new id."""
    originals = list(rows.order_by("pk"))
    old_ids = [row.pk for row in originals]
    for row in originals:
        row.pk = None
        row._state.adding = True
        for name, value in changes.items():
            setattr(row, name, value)
    created = type(originals[0]).objects.bulk_create(originals) if originals else []
    return {old: row.pk for old, row in zip(old_ids, created, strict=True)}


def _copy_slots(original: Event, copy: Event, shift) -> dict[int, int]:
    slots = list(original.slots.order_by("starts_at", "pk"))
    speakers = list(
        Slot.speakers.through.objects.filter(slot__event=original).values_list(
            "slot_id", "speaker_id"
        )
    )
    old_ids = [slot.pk for slot in slots]
    for slot in slots:
        slot.pk = None
        slot._state.adding = True
        slot.event = copy
        slot.starts_at = shift(slot.starts_at)
        slot.ends_at = shift(slot.ends_at)
    created = Slot.objects.bulk_create(slots)
    new_slot = {old: slot.pk for old, slot in zip(old_ids, created, strict=True)}
    Slot.speakers.through.objects.bulk_create(
        Slot.speakers.through(slot_id=new_slot[slot_id], speaker_id=speaker_id)
        for slot_id, speaker_id in speakers
    )
    return new_slot


def _copy_sessions(original: Event, copy: Event, new_theme: dict[int, int]) -> dict[int, int]:
    sessions = list(Session.objects.filter(event=original).order_by("pk"))
    initiatives = list(
        Session.initiatives.through.objects.filter(session__event=original).values_list(
            "session_id", "initiative_id"
        )
    )
    roles = list(SessionSpeaker.objects.filter(session__event=original).order_by("pk"))
    old_ids = [session.pk for session in sessions]
    for session in sessions:
        session.pk = None
        session._state.adding = True
        session.event = copy
        session.theme_id = new_theme.get(session.theme_id)
    created = Session.objects.bulk_create(sessions)
    new_session = {old: session.pk for old, session in zip(old_ids, created, strict=True)}
    Session.initiatives.through.objects.bulk_create(
        Session.initiatives.through(session_id=new_session[session_id], initiative_id=initiative)
        for session_id, initiative in initiatives
    )
    SessionSpeaker.objects.bulk_create(
        SessionSpeaker(
            session_id=new_session[role.session_id],
            speaker_id=role.speaker_id,
            role=role.role,
            order=role.order,
        )
        for role in roles
    )
    return new_session
