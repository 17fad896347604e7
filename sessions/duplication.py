"""The programme's part of copying an event (events/duplication.py): slots with their
plenary speakers, themes, sessions with speakers and featured initiatives, sittings and
the moderator, as the receiver of ``events.signals.event_copied``.

Rows are created parents first (slots, themes, sessions, then sittings), because the
database checks that sittings are held in a round of their session's event.
"""

import datetime as dt
from collections.abc import Callable

from events.models import Event
from sessions.models import Moderator, Session, SessionSpeaker, Sitting, Slot, Theme

Shift = Callable[[dt.datetime | None], dt.datetime | None]


def copy_programme(*, original: Event, copy: Event, shift: Shift, **kwargs: object) -> None:
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
    moderator = Moderator.objects.filter(event=original).first()
    if moderator is not None:
        Moderator.objects.create(event=copy, speaker_id=moderator.speaker_id)


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
        session.theme_id = new_theme.get(session.theme_id) if session.theme_id else None
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
