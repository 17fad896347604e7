"""An event's programme as our own JSON (``programma.json``): everything the event page shows,
with ids that tie the parts together, for partners who build their own view of it.

The shape is documented in README → "Schedule exports and embeds". Seats and places left
are the reservations app's to count; the view passes them in (``taken``, ``confirmed``).
"""

from collections.abc import Mapping

from django.urls import reverse

from common.capacity import places_left
from common.links import absolute_url, address_maker
from common.timezone import TZID, in_amsterdam
from events.models import Event
from initiatives.models import Initiative, Organisation
from sessions.models import Session, Sitting, Slot, Speaker

FORMAT_VERSION = 1


class ProgrammeJson:
    """Turns an event of ``event_with_programme()``, passed through ``link_programme()``
    and ``with_featured_initiatives()``, into the data of programma.json. No query."""

    def __init__(self, event: Event, *, taken: Mapping[int, int], confirmed: int) -> None:
        self.event = event
        self.taken = taken
        self.confirmed = confirmed
        self.session_url = address_maker("programme:session", event.slug)
        self.speaker_url = address_maker("programme:speaker")
        self.organisation_url = address_maker("initiatives:organisation")
        self.initiative_url = address_maker("initiatives:initiative")
        self.speakers: dict[int, Speaker] = {}
        self.initiatives: dict[int, Initiative] = {}
        self.sittings_of: dict[int, list[int]] = {}

    def data(self) -> dict:
        event = self.event
        sessions: list[Session] = event.session_list  # type: ignore[attr-defined]  # prefetched
        slots: list[Slot] = event.slot_list  # type: ignore[attr-defined]  # prefetched
        rounds: dict[Slot, list[Sitting]] = {
            slot: slot.sitting_list  # type: ignore[attr-defined]  # prefetched (to_attr)
            for slot in slots
            if slot.is_round
        }
        for sittings in rounds.values():
            for sitting in sittings:
                self.sittings_of.setdefault(sitting.session_id, []).append(sitting.pk)
        moderator = getattr(event, "moderator", None)
        if moderator is not None:
            self.speakers[moderator.speaker.pk] = moderator.speaker
        data = {
            "format_version": FORMAT_VERSION,
            "event": self.event_data(moderator.speaker.pk if moderator else None),
            "slots": [self.slot_data(slot) for slot in slots],
            "rounds": [
                {
                    "slot": slot.pk,
                    "choice_required": slot.choice_required,
                    "sittings": [sitting.pk for sitting in sittings],
                }
                for slot, sittings in rounds.items()
            ],
            "themes": [
                {
                    "id": theme.pk,
                    "number": theme.number,
                    "title": theme.title,
                    "name": str(theme),
                    "description": theme.description,
                }
                for theme in sorted(
                    {s.theme.pk: s.theme for s in sessions if s.theme}.values(),
                    key=lambda theme: theme.number,
                )
            ],
            "sessions": [self.session_data(session) for session in sessions],
            "sittings": [
                self.sitting_data(sitting) for sittings in rounds.values() for sitting in sittings
            ],
        }
        # Filled while the parts above were made.
        data["speakers"] = [
            self.speaker_data(speaker)
            for speaker in sorted(self.speakers.values(), key=lambda s: (s.name, s.pk))
        ]
        data["initiatives"] = [
            {
                "id": initiative.pk,
                "name": initiative.name,
                "url": absolute_url(self.initiative_url(initiative.slug)),
            }
            for initiative in sorted(self.initiatives.values(), key=lambda i: (i.name, i.pk))
        ]
        return data

    def event_data(self, moderator: int | None) -> dict:
        event = self.event
        venue = event.venue
        return {
            "id": event.pk,
            "title": event.title,
            "slug": event.slug,
            "url": absolute_url(event.get_absolute_url()),
            "status": event.status,
            "summary": event.summary,
            "starts_at": in_amsterdam(event.starts_at).isoformat(),
            "ends_at": in_amsterdam(event.ends_at).isoformat(),
            "time_zone": TZID,
            "format": event.format,
            "venue": {
                "name": venue.name,
                "address": venue.address_line,
                "city": venue.city,
                "map_url": venue.map_url,
            }
            if venue
            else None,
            "organiser": self.organisation_data(event.organiser),
            "partners": [self.organisation_data(p) for p in event.partners.all()],
            "moderator": moderator,
            "reservation_required": event.reservation_required,
            "capacity": event.capacity,
            "places_left": places_left(event.capacity, self.confirmed),
            "calendar": absolute_url(reverse("events:event_ics", args=[event.slug])),
        }

    def organisation_data(self, organisation: Organisation | None) -> dict | None:
        if organisation is None:
            return None
        return {
            "name": organisation.name,
            "url": absolute_url(self.organisation_url(organisation.slug)),
        }

    def slot_data(self, slot: Slot) -> dict:
        for speaker in slot.speaker_list:  # type: ignore[attr-defined]  # prefetched
            self.speakers[speaker.pk] = speaker
        return {
            "id": slot.pk,
            "kind": slot.kind,
            "title": slot.title,
            "starts_at": in_amsterdam(slot.starts_at).isoformat(),
            "ends_at": in_amsterdam(slot.ends_at).isoformat(),
            "location": slot.location,
            "description": slot.description,
            "speakers": [speaker.pk for speaker in slot.speaker_list],  # type: ignore[attr-defined]
        }

    def session_data(self, session: Session) -> dict:
        roles = session.speaker_list  # type: ignore[attr-defined]  # prefetched (to_attr)
        for role in roles:
            self.speakers.setdefault(role.speaker.pk, role.speaker)
        featured = session.initiative_list  # type: ignore[attr-defined]  # prefetched (to_attr)
        for initiative in featured:
            self.initiatives[initiative.pk] = initiative
        return {
            "id": session.pk,
            "code": session.code,
            "title": session.title,
            "slug": session.slug,
            "url": absolute_url(self.session_url(session.slug)),
            "format": session.format,
            "theme": session.theme_id,
            "summary": session.summary,
            "description": session.description,
            "speakers": [{"speaker": role.speaker.pk, "role": role.role} for role in roles],
            "initiatives": [initiative.pk for initiative in featured],
            "sittings": self.sittings_of.get(session.pk, []),
        }

    def sitting_data(self, sitting: Sitting) -> dict:
        return {
            "id": sitting.pk,
            "session": sitting.session_id,
            "round": sitting.slot_id,
            "room": sitting.room,
            "capacity": sitting.capacity,
            "seats_left": places_left(sitting.capacity, self.taken.get(sitting.pk, 0)),
        }

    def speaker_data(self, speaker: Speaker) -> dict:
        return {
            "id": speaker.pk,
            "name": speaker.name,
            "url": absolute_url(self.speaker_url(speaker.slug)),
            "title": speaker.title,
            "organisation": self.organisation_data(speaker.organisation),
        }


def programme_json(event: Event, *, taken: Mapping[int, int], confirmed: int) -> dict:
    return ProgrammeJson(event, taken=taken, confirmed=confirmed).data()
