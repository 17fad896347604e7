"""An event's programme in the c3voc schedule format (frab's heir), as XML and as JSON.

The format is what pretalx, frab and Indico export and what schedule apps such as Giggity
and EventFahrplan read. Its definition is the public voc/schedule repository: the XML
Schema ``validator/xsd/schedule.xml.xsd`` and the JSON Schema
``validator/json/schema.json``; copies of both are in ``tests/sessions/schedule_format/``,
and the tests validate every export against them.

How our programme maps onto it (README → "Schedule exports and embeds"):

- the conference is the event; each of its days (in Europe/Amsterdam) is a day;
- every sitting (a session in one break-out round) is an event, in its room, or, without a
  room, in a room named after its round; a session in two rounds is two events;
- every other slot (plenary part, meal, reception, break, what runs alongside) is an event
  in its location, else the venue's name, else the event's title; a round itself is not;
- themes are tracks; speakers are persons; featured initiatives are links.

Ids: the format wants one positive integer per event, unique in the schedule, and slots
and sittings number apart, so a sitting's id is 2 × its pk and a slot's 2 × its pk − 1.
GUIDs are UUID5s of the site's address and the object (``guid()``), stable across exports.
"""

import dataclasses
import datetime as dt
import hashlib
import json
import re
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.text import slugify

from common.links import absolute_url, address_maker
from common.timezone import AMSTERDAM, TZID, in_amsterdam
from events.models import Event
from sessions.enums import SessionFormat, SlotKind
from sessions.models import Session, Sitting, Slot, Speaker

SCHEMA_URL = "https://c3voc.de/schedule/schema.json"
GENERATOR = "Coöperatieve Stad"
# The programmes are written in Dutch, whatever language the visitor reads the site in.
CONTENT_LANGUAGE = "nl"
# The grid apps draw the programme on; our slots start on the quarter or the five minutes.
TIMESLOT_DURATION = "00:05"
XML_CONTENT_TYPE = "application/xml; charset=utf-8"
JSON_CONTENT_TYPE = "application/json"

# The format's event types (the JSON Schema's examples); ours map onto them.
SESSION_TYPES = {
    SessionFormat.TABLE: "discussion",
    SessionFormat.ROUNDTABLE: "discussion",
    SessionFormat.WORKSHOP: "workshop",
    SessionFormat.BRAINSTORM: "workshop",
    SessionFormat.TALK: "talk",
    SessionFormat.PLENARY: "talk",
}
SLOT_TYPES = {SlotKind.PLENARY: "talk", SlotKind.RECEPTION: "meeting"}  # others: "other"

# Characters XML 1.0 cannot hold, even escaped; a Markdown text could contain them.
NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def guid(kind: str, key: object) -> str:
    """A stable UUID for one of our objects: the same for every export, different per site."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{settings.SITE_URL}/#{kind}-{key}"))


def acronym(event: Event) -> str:
    """The event's slug as the format's acronym: lower case, digits and underscores, four
    characters at least (the JSON Schema's pattern)."""
    return re.sub(r"[^a-z0-9_]", "_", event.slug.lower()).ljust(4, "_")


def frab_slug(event: Event, number: int, title: str) -> str:
    """Unique in the schedule (it holds the id), as the JSON Schema's pattern wants it."""
    text = f"{event.slug}-{number}-{slugify(title)}".lower()
    return re.sub(r"[^a-z0-9_-]+", "-", text).strip("-_")


def hours_minutes(delta: dt.timedelta) -> str:
    """A duration as "HH:MM" (the format's duration)."""
    minutes = int(delta.total_seconds()) // 60
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


@dataclass(frozen=True)
class Person:
    id: int
    guid: str
    name: str
    url: str


@dataclass(frozen=True)
class Link:
    title: str
    url: str


@dataclass
class Entry:
    """One event of the format: a sitting or a slot."""

    id: int
    guid: str
    starts_at: dt.datetime  # in Amsterdam
    ends_at: dt.datetime
    room: str
    slug: str
    url: str
    title: str
    subtitle: str
    track: str | None
    type: str
    abstract: str
    description: str
    persons: list[Person]
    links: list[Link]


@dataclass
class Day:
    index: int
    date: dt.date
    starts_at: dt.datetime
    ends_at: dt.datetime
    rooms: dict[str, list[Entry]] = field(default_factory=dict)


@dataclass
class Schedule:
    title: str
    acronym: str
    description: str
    url: str
    start: dt.date
    end: dt.date
    rooms: list[str]
    tracks: list[str]
    days: list[Day]
    version: str = ""


class ScheduleBuilder:
    """Turns an event of ``event_with_programme()``, passed through ``link_programme()``
    and ``with_featured_initiatives()``, into a Schedule. No query."""

    def __init__(self, event: Event) -> None:
        self.event = event
        self.event_url = absolute_url(event.get_absolute_url())
        self.session_url = address_maker("programme:session", event.slug)
        self.speaker_url = address_maker("programme:speaker")
        self.initiative_url = address_maker("initiatives:initiative")

    def build(self) -> Schedule:
        event = self.event
        entries = sorted(self.entries(), key=lambda entry: (entry.starts_at, entry.room, entry.id))
        rooms = list(dict.fromkeys(entry.room for entry in entries))
        days = self.days(entries)
        for entry in entries:
            day = next(day for day in days if day.date == entry.starts_at.date())
            day.rooms.setdefault(entry.room, []).append(entry)
        for day in days:  # the rooms of each day in the schedule's order of rooms
            day.rooms = {room: day.rooms[room] for room in rooms if room in day.rooms}
        schedule = Schedule(
            title=event.title,
            acronym=acronym(event),
            description=event.summary,
            url=self.event_url,
            start=days[0].date,
            end=days[-1].date,
            rooms=rooms,
            tracks=[str(theme) for theme in self.themes()],
            days=days,
        )
        # Changes whenever anything in the schedule does, the same for the XML and the JSON.
        content = json.dumps(dataclasses.asdict(schedule), default=str, sort_keys=True)
        schedule.version = hashlib.sha256(content.encode()).hexdigest()[:12]
        return schedule

    def themes(self) -> list:
        themes = {
            session.theme.pk: session.theme
            for session in self.event.session_list  # type: ignore[attr-defined]  # prefetched
            if session.theme is not None
        }
        return sorted(themes.values(), key=lambda theme: theme.number)

    def entries(self) -> Iterable[Entry]:
        for slot in self.event.slot_list:  # type: ignore[attr-defined]  # prefetched (to_attr)
            if slot.is_round:
                for sitting in slot.sitting_list:
                    yield self.sitting_entry(slot, sitting)
            else:
                yield self.slot_entry(slot)

    def sitting_entry(self, slot: Slot, sitting: Sitting) -> Entry:
        session: Session = sitting.session
        number = 2 * sitting.pk
        return Entry(
            id=number,
            guid=guid("sitting", sitting.pk),
            starts_at=in_amsterdam(slot.starts_at),
            ends_at=in_amsterdam(slot.ends_at),
            room=sitting.room or slot.title,
            slug=frab_slug(self.event, number, session.title),
            url=absolute_url(self.session_url(session.slug)),
            title=str(session),  # "1a Buurtbudgetten", as the programme names it
            subtitle=slot.title,
            track=str(session.theme) if session.theme else None,
            type=SESSION_TYPES.get(SessionFormat(session.format), "other"),
            abstract=session.summary,
            description=session.description,
            persons=[self.person(role.speaker) for role in session.speaker_list],  # type: ignore[attr-defined]
            links=[
                Link(initiative.name, absolute_url(self.initiative_url(initiative.slug)))
                for initiative in session.initiative_list  # type: ignore[attr-defined]
            ],
        )

    def slot_entry(self, slot: Slot) -> Entry:
        number = 2 * slot.pk - 1
        venue = self.event.venue
        return Entry(
            id=number,
            guid=guid("slot", slot.pk),
            starts_at=in_amsterdam(slot.starts_at),
            ends_at=in_amsterdam(slot.ends_at),
            room=slot.location or (venue.name if venue else self.event.title),
            slug=frab_slug(self.event, number, slot.title),
            url=self.event_url,
            title=slot.title,
            subtitle="",
            track=None,
            type=SLOT_TYPES.get(SlotKind(slot.kind), "other"),
            abstract="",
            description=slot.description,
            persons=[self.person(speaker) for speaker in slot.speaker_list],  # type: ignore[attr-defined]
            links=[],
        )

    def person(self, speaker: Speaker) -> Person:
        return Person(
            id=speaker.pk,
            guid=guid("speaker", speaker.pk),
            name=speaker.name,
            url=absolute_url(self.speaker_url(speaker.slug)),
        )

    def days(self, entries: list[Entry]) -> list[Day]:
        """Every day from the event's start to its end (or its programme's, if longer)."""
        starts_at = min([in_amsterdam(self.event.starts_at), *(e.starts_at for e in entries)])
        ends_at = max([in_amsterdam(self.event.ends_at), *(e.ends_at for e in entries)])
        # An event ending at midnight ends on the day before.
        last = max(starts_at.date(), (ends_at - dt.timedelta(microseconds=1)).date())
        days: list[Day] = []
        date = starts_at.date()
        while date <= last:
            midnight = dt.datetime.combine(date, dt.time(), tzinfo=AMSTERDAM)
            next_midnight = dt.datetime.combine(
                date + dt.timedelta(days=1), dt.time(), tzinfo=AMSTERDAM
            )
            days.append(
                Day(
                    index=len(days) + 1,
                    date=date,
                    starts_at=max(starts_at, midnight),
                    ends_at=min(ends_at, next_midnight),
                )
            )
            date += dt.timedelta(days=1)
        return days


def build_schedule(event: Event) -> Schedule:
    return ScheduleBuilder(event).build()


# JSON -------------------------------------------------------------------------------------


def schedule_json(schedule: Schedule) -> dict:
    """The schedule as validator/json/schema.json describes it."""
    return {
        "$schema": SCHEMA_URL,
        "generator": {"name": GENERATOR, "url": settings.SITE_URL + "/"},
        "schedule": {
            "version": schedule.version,
            "base_url": settings.SITE_URL + "/",
            "conference": {
                "acronym": schedule.acronym,
                "title": schedule.title,
                "description": schedule.description,
                "start": schedule.start.isoformat(),
                "end": schedule.end.isoformat(),
                "daysCount": len(schedule.days),
                "timeslot_duration": TIMESLOT_DURATION,
                "time_zone_name": TZID,
                "url": schedule.url,
                "rooms": [
                    {"name": room, "guid": room_guid(schedule, room)} for room in schedule.rooms
                ],
                "tracks": [{"name": track} for track in schedule.tracks],
                "days": [
                    {
                        "index": day.index,
                        "date": day.date.isoformat(),
                        "day_start": day.starts_at.isoformat(),
                        "day_end": day.ends_at.isoformat(),
                        "rooms": {
                            room: [entry_json(entry) for entry in entries]
                            for room, entries in day.rooms.items()
                        },
                    }
                    for day in schedule.days
                ],
            },
        },
    }


def room_guid(schedule: Schedule, room: str) -> str:
    return guid(f"room-{schedule.acronym}", room)


def entry_json(entry: Entry) -> dict:
    return {
        "id": entry.id,
        "guid": entry.guid,
        "date": entry.starts_at.isoformat(),
        # "HH:MM" as the XML Schema, frab, pretalx and the repository's examples have it;
        # the full date and time is in "date" (README → the format notes).
        "start": entry.starts_at.strftime("%H:%M"),
        "duration": hours_minutes(entry.ends_at - entry.starts_at),
        "room": entry.room,
        "slug": entry.slug,
        "url": entry.url,
        "title": entry.title,
        "subtitle": entry.subtitle,
        "track": entry.track,
        "type": entry.type,
        "language": CONTENT_LANGUAGE,
        "abstract": entry.abstract,
        "description": entry.description,
        # `id` and `name`, not the deprecated `public_name`: a person is one of the schema's
        # two kinds (oneOf), and `id` with `public_name` would make it the other one too.
        "persons": [
            {"id": person.id, "guid": person.guid, "name": person.name, "url": person.url}
            for person in entry.persons
        ],
        "links": [
            {"title": link.title, "url": link.url, "type": "related"} for link in entry.links
        ],
        "attachments": [],
    }


def json_bytes(data: dict) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=1).encode()


def schedule_json_bytes(schedule: Schedule) -> bytes:
    return json_bytes(schedule_json(schedule))


# XML --------------------------------------------------------------------------------------


def xml_text(value: str) -> str:
    return NOT_IN_XML.sub("", value)


def _add(parent: ET.Element, tag: str, text: str = "", **attributes: str) -> ET.Element:
    element = ET.SubElement(
        parent, tag, {name: xml_text(value) for name, value in attributes.items()}
    )
    element.text = xml_text(text)
    return element


def schedule_xml(schedule: Schedule) -> bytes:
    """The schedule as validator/xsd/schedule.xml.xsd describes it."""
    root = ET.Element("schedule")
    _add(root, "generator", name=GENERATOR)
    _add(root, "version", schedule.version)
    conference = _add(root, "conference")
    _add(conference, "title", schedule.title)
    _add(conference, "acronym", schedule.acronym)
    _add(conference, "start", schedule.start.isoformat())
    _add(conference, "end", schedule.end.isoformat())
    _add(conference, "days", str(len(schedule.days)))
    _add(conference, "timeslot_duration", TIMESLOT_DURATION)
    _add(conference, "base_url", settings.SITE_URL + "/")
    _add(conference, "time_zone_name", TZID)
    for day in schedule.days:
        day_element = _add(
            root,
            "day",
            index=str(day.index),
            date=day.date.isoformat(),
            start=day.starts_at.isoformat(),
            end=day.ends_at.isoformat(),
        )
        for room, entries in day.rooms.items():
            room_element = _add(day_element, "room", name=room)
            for entry in entries:
                add_entry_xml(room_element, entry)
    ET.indent(root, space=" ")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def add_entry_xml(room: ET.Element, entry: Entry) -> None:
    element = _add(room, "event", id=str(entry.id), guid=entry.guid)
    _add(element, "date", entry.starts_at.isoformat())
    _add(element, "start", entry.starts_at.strftime("%H:%M"))
    _add(element, "duration", hours_minutes(entry.ends_at - entry.starts_at))
    _add(element, "room", entry.room)
    _add(element, "slug", entry.slug)
    _add(element, "url", entry.url)
    _add(element, "title", entry.title)
    _add(element, "subtitle", entry.subtitle)
    _add(element, "track", entry.track or "")
    _add(element, "type", entry.type)
    _add(element, "language", CONTENT_LANGUAGE)
    _add(element, "abstract", entry.abstract)
    _add(element, "description", entry.description)
    persons = _add(element, "persons")
    for person in entry.persons:
        _add(persons, "person", person.name, id=str(person.id))
    links = _add(element, "links")
    for link in entry.links:
        _add(links, "link", link.title, href=link.url)
