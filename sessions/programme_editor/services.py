"""Apply the editor's rows to the programme, each save in one transaction.

The rows come from the editor's formsets (`forms`), checked there for what a form can see;
the database's constraints and triggers keep the rest, and anything they refuse becomes a
`ProgrammeEditError`, so that nothing of a save is kept when one row fails.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils.text import slugify
from django.utils.translation import gettext as _

from common.errors import ServiceError
from events.models import Event
from sessions.enums import SlotKind
from sessions.models import Session, SessionSpeaker, Sitting, Slot, Theme
from sessions.speaker_entry import SpeakerEntry, match_speakers


class ProgrammeEditError(ServiceError):
    pass


@dataclass
class Changes:
    created: int = 0
    changed: int = 0
    deleted: int = 0
    # Shared speakers linked as they are although other details were typed.
    notices: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.created or self.changed or self.deleted)


def _locked_event(event_id: int) -> Event:
    try:
        return Event.objects.select_for_update().get(pk=event_id)
    except Event.DoesNotExist:
        raise ProgrammeEditError(_("Dit evenement bestaat niet."), code="unknown_event") from None


def _refused(error: Exception) -> ProgrammeEditError:
    if isinstance(error, ProtectedError | RestrictedError):
        return ProgrammeEditError(
            _("Er zijn al plaatsen gereserveerd in wat je wilt verwijderen."), code="in_use"
        )
    return ProgrammeEditError(
        _("Het programma kon niet zo worden opgeslagen: %(reason)s") % {"reason": error},
        code="refused_by_database",
    )


def _unique_slug(base: str, taken: set[str]) -> str:
    base = (base or "x")[:190]
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    taken.add(slug)
    return slug


def save_timeline(*, event_id: int, slots: Iterable[dict], themes: Iterable[dict]) -> Changes:
    """Slots ({id, starts_at, ends_at, title, kind, location, speakers: [SpeakerEntry],
    DELETE}) and themes ({id, number, title, DELETE}): rows without id are new, deleted rows
    go first so that their times and numbers are free for the others. A slot's speakers are
    found or made as a session's are (sessions/speaker_entry.py)."""
    changes = Changes()
    try:
        with transaction.atomic():
            event = _locked_event(event_id)
            existing_slots = {
                slot.pk: slot
                for slot in Slot.objects.filter(event=event).prefetch_related("speakers")
            }
            existing_themes = {theme.pk: theme for theme in Theme.objects.filter(event=event)}
            slots, themes = list(slots), list(themes)
            for rows, existing in ((slots, existing_slots), (themes, existing_themes)):
                for row in rows:
                    if row.get("DELETE") and row.get("id") in existing:
                        existing[row["id"]].delete()
                        changes.deleted += 1
            speakers = _speakers(
                event,
                [entry for row in slots if not row.get("DELETE") for entry in row["speakers"]],
            )
            changes.notices += speakers.notices
            for row in slots:
                if row.get("DELETE"):
                    continue
                values = {key: row[key] for key in ("starts_at", "ends_at", "title", "kind")}
                values["location"] = row.get("location", "")
                slot = existing_slots.get(row.get("id") or 0)
                before = (changes.created, changes.changed)
                changes, slot = _put(Slot, slot, values, event, changes)
                wanted = {speakers.speakers[entry.key].pk for entry in row["speakers"]}
                if wanted != {speaker.pk for speaker in slot.speakers.all()}:
                    slot.speakers.set(wanted)
                    if (changes.created, changes.changed) == before:
                        changes.changed += 1
            for row in themes:
                if row.get("DELETE"):
                    continue
                values = {"number": row["number"], "title": row["title"]}
                changes, _theme = _put(
                    Theme, existing_themes.get(row.get("id") or 0), values, event, changes
                )
    except (IntegrityError, ProtectedError, RestrictedError) as error:
        raise _refused(error) from error
    return changes


def _put(model, instance, values: dict, event: Event, changes: Changes):
    if instance is None:
        instance = model.objects.create(event=event, **values)
        changes.created += 1
    elif any(getattr(instance, key) != value for key, value in values.items()):
        for key, value in values.items():
            setattr(instance, key, value)
        instance.save()
        changes.changed += 1
    return changes, instance


def _speakers(event: Event, entries: list[SpeakerEntry]):
    """The speakers `entries` name, found or made (sessions/speaker_entry.py)."""
    speakers = match_speakers(event.organiser_id, entries)
    speakers.apply()
    return speakers


def save_sessions(*, event_id: int, sessions: Iterable[dict]) -> Changes:
    """Session rows ({id, code, title, theme, description, sittings: {slot id: {room,
    capacity}}, speakers: [SpeakerEntry], initiative_ids, DELETE}). Speakers are matched by
    name to those the event's organisation may use, and made, managed by it, when none is
    (sessions/speaker_entry.py)."""
    changes = Changes()
    try:
        with transaction.atomic():
            event = _locked_event(event_id)
            rows = list(sessions)
            existing = {
                session.pk: session
                for session in Session.objects.filter(event=event).prefetch_related(
                    "sittings", "session_speakers", "initiatives"
                )
            }
            rounds = set(
                Slot.objects.filter(event=event, kind=SlotKind.ROUND).values_list("pk", flat=True)
            )
            themes = set(Theme.objects.filter(event=event).values_list("pk", flat=True))
            for row in rows:
                if row.get("DELETE") and row.get("id") in existing:
                    existing.pop(row["id"]).delete()
                    changes.deleted += 1
            speakers = _speakers(
                event, [entry for row in rows if not row.get("DELETE") for entry in row["speakers"]]
            )
            changes.notices += speakers.notices
            slugs = set(Session.objects.filter(event=event).values_list("slug", flat=True))
            for row in rows:
                if row.get("DELETE"):
                    continue
                if row["theme"] is not None and row["theme"] not in themes:
                    raise ProgrammeEditError(_("Kies een thema van dit evenement."), code="theme")
                if not set(row["sittings"]) <= rounds:
                    raise ProgrammeEditError(_("Kies een ronde van dit evenement."), code="round")
                session = existing.get(row.get("id") or 0)
                ids = {key: speaker.pk for key, speaker in speakers.speakers.items()}
                changed = _save_session(event, session, row, slugs, ids)
                if session is None:
                    changes.created += 1
                elif changed:
                    changes.changed += 1
    except (IntegrityError, ProtectedError, RestrictedError) as error:
        raise _refused(error) from error
    return changes


def _save_session(event, session, row: dict, slugs: set[str], speakers: dict) -> bool:
    values = {
        "code": row["code"].strip(),
        "title": row["title"],
        "theme_id": row["theme"],
        "description": row["description"],
    }
    changed = False
    if session is None:
        slug = _unique_slug(slugify(f"{values['code']} {values['title']}"), slugs)
        session = Session.objects.create(event=event, slug=slug, **values)
        changed = True
    elif any(getattr(session, key) != value for key, value in values.items()):
        for key, value in values.items():
            setattr(session, key, value)
        session.save()
        changed = True

    held = {sitting.slot_id: sitting for sitting in session.sittings.all()} if row.get("id") else {}
    for slot_id, sitting in held.items():
        if slot_id not in row["sittings"]:
            sitting.delete()
            changed = True
    for slot_id, box in row["sittings"].items():
        sitting = held.get(slot_id)
        if sitting is None:
            Sitting.objects.create(session=session, slot_id=slot_id, **box)
            changed = True
        elif (sitting.room, sitting.capacity) != (box["room"], box["capacity"]):
            sitting.room, sitting.capacity = box["room"], box["capacity"]
            sitting.save()
            changed = True

    wanted = {speakers[entry.key]: entry.role for entry in row["speakers"]}
    roles = (
        {role.speaker_id: role for role in session.session_speakers.all()} if row.get("id") else {}
    )
    for speaker_id, role in roles.items():
        if speaker_id not in wanted:
            role.delete()
            changed = True
    # Renumbered (from 1, as the import does) only when someone is added or moved, so that
    # saving what the editor shows changes nothing however the order was numbered.
    kept = sorted(
        (role for role in roles.values() if role.speaker_id in wanted),
        key=lambda role: (role.order, role.pk),
    )
    in_order = [role.speaker_id for role in kept] == list(wanted)  # nobody added or moved
    for order, (speaker_id, kind) in enumerate(wanted.items(), start=1):
        role = roles.get(speaker_id)
        if role is None:
            SessionSpeaker.objects.create(
                session=session, speaker_id=speaker_id, order=order, role=kind
            )
            changed = True
        elif role.role != kind or not in_order:
            role.role = kind
            role.order = role.order if in_order else order
            role.save(update_fields=["order", "role"])
            changed = True

    initiative_ids = row.get("initiative_ids", [])
    current = (
        {initiative.pk for initiative in session.initiatives.all()} if row.get("id") else set()
    )
    if current != set(initiative_ids):
        session.initiatives.set(initiative_ids)
        changed = True
    return changed
