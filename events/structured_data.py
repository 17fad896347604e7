"""schema.org ``Event`` data for search engines, rendered as JSON-LD on the event page.

``event_schema()`` reads what ``sessions.queries.event_with_programme()`` has loaded
(the moderator and organiser, ``slot_list`` with plenary speakers in ``speaker_list``,
``session_list`` with ``SessionSpeaker`` rows in ``speaker_list``); the event page passes
the availability as a mark that it fills per request (events/event_page.py).
It shows the programme and places left, so it reads the queries of those apps.
Given a plain ``Event`` it still works, with a fixed handful of queries and never one per
speaker or session.
"""

import datetime as dt
import json
from collections.abc import Iterable
from typing import Any, cast

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import OneToOneRel
from django.utils.safestring import SafeString, mark_safe

from common.capacity import places_left
from common.links import absolute_url, address_maker
from common.timezone import in_amsterdam
from events.enums import EventFormat, EventStatus
from events.models import Event
from initiatives.models import Organisation
from reservations.queries import SeatCounts, places_left_of
from sessions.models import SessionSpeaker, Speaker

SCHEMA = "https://schema.org/"
# Country names as organisers type them in the venue form, to ISO 3166 codes.
COUNTRY_CODES = {
    "nederland": "NL",
    "netherlands": "NL",
    "the netherlands": "NL",
    "nl": "NL",
    "belgië": "BE",
    "belgie": "BE",
    "belgium": "BE",
    "duitsland": "DE",
    "germany": "DE",
}

# Characters that could end the script element or open a comment inside it; the same
# escapes as django.utils.html.json_script, which only writes type="application/json".
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def _iso(moment: dt.datetime) -> str:
    return in_amsterdam(moment).isoformat()


def organisation_schema(organisation: Organisation) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@type": "Organization",
        "name": organisation.name,
        "url": absolute_url(organisation.get_absolute_url()),
    }
    if organisation.website:
        data["sameAs"] = organisation.website
    return data


def place_schema(event: Event) -> dict[str, Any] | None:
    venue = event.venue
    if venue is None:
        return None
    address: dict[str, Any] = {"@type": "PostalAddress", "addressLocality": venue.city}
    if venue.street_address:
        address["streetAddress"] = venue.street_address
    if venue.postcode:
        address["postalCode"] = venue.postcode
    country = (venue.country or "").strip()
    address["addressCountry"] = COUNTRY_CODES.get(country.lower(), country or "NL")
    return {"@type": "Place", "name": venue.name, "address": address, "hasMap": venue.map_url}


def virtual_location_schema(event: Event) -> dict[str, Any]:
    url = event.livestream_url or event.participation_url
    return {
        "@type": "VirtualLocation",
        "url": url or absolute_url(event.get_absolute_url()),
    }


def location_and_mode(event: Event) -> tuple[Any, str]:
    place = place_schema(event)
    if event.format == EventFormat.LIVECAST:
        return virtual_location_schema(event), "OnlineEventAttendanceMode"
    if event.format == EventFormat.HYBRID:
        locations = [place] if place else []
        return [*locations, virtual_location_schema(event)], "MixedEventAttendanceMode"
    return place, "OfflineEventAttendanceMode"


# In a cached programme, where the availability of the moment goes (events/event_page.py).
AVAILABILITY_MARK = "@@availability@@"


def availability_of(event: Event, counts: SeatCounts | None = None) -> str:
    """schema.org's availability of the event's free places, from `counts` when given."""
    if event.is_past:
        availability = "OutOfStock"  # over: nothing left to reserve
    else:
        left = (
            places_left_of(event)
            if counts is None
            else places_left(event.capacity, counts.confirmed)
        )
        availability = "SoldOut" if left == 0 else "InStock"
    return SCHEMA + availability


def offer_schema(event: Event, availability: str | None = None) -> dict[str, Any]:
    offer: dict[str, Any] = {
        "@type": "Offer",
        "price": "0",
        "priceCurrency": "EUR",
        "availability": availability or availability_of(event),
        "url": absolute_url(event.get_absolute_url()),
    }
    if event.reservations_open_at:
        offer["validFrom"] = _iso(event.reservations_open_at)
    if event.reservations_close_at:
        offer["validThrough"] = _iso(event.reservations_close_at)
    return offer


def _plenary_speakers(event: Event) -> Iterable[Speaker]:
    slots = getattr(event, "slot_list", None)
    if slots is None:
        return Speaker.objects.filter(slots__event=event).order_by("slots__starts_at", "name")
    return [
        speaker
        for slot in slots
        for speaker in (slot.speaker_list if hasattr(slot, "speaker_list") else slot.speakers.all())
    ]


def _session_speakers(event: Event) -> Iterable[Speaker]:
    sessions = getattr(event, "session_list", None)
    if sessions is None:
        roles = SessionSpeaker.objects.filter(session__event=event).select_related("speaker")
        return [role.speaker for role in roles.order_by("session__code", "order", "pk")]
    return [role.speaker for session in sessions for role in session.speaker_list]


def _moderator(event: Event) -> Speaker | None:
    """The moderator from the page's select_related, else in one query."""
    moderation = cast(OneToOneRel, Event._meta.get_field("moderator"))  # programme.Moderator
    if moderation.is_cached(event):
        cached: Any = moderation.get_cached_value(event)  # a programme.Moderator or None
        return cached.speaker if cached else None
    return Speaker.objects.filter(moderated_events__event=event).first()


def performers(event: Event) -> list[tuple[Speaker, bool]]:
    """The moderator, plenary speakers and session speakers, each once, in that order, and
    whether they are on stage for everyone (moderator, plenary) rather than at a table."""
    seen: set[int] = set()
    people: list[tuple[Speaker, bool]] = []
    moderator = _moderator(event)
    headline: list[Speaker] = [moderator] if moderator else []
    headline += list(_plenary_speakers(event))
    for speaker, on_stage in [
        *((speaker, True) for speaker in headline),
        *((speaker, False) for speaker in _session_speakers(event)),
    ]:
        if speaker.pk not in seen:
            seen.add(speaker.pk)
            people.append((speaker, on_stage))
    _load_organisations([speaker for speaker, on_stage in people if on_stage])
    return people


def _load_organisations(speakers: list[Speaker]) -> None:
    """Fill in organisations the prefetch did not bring along, in one query for all."""
    field = Speaker._meta.get_field("organisation")
    missing = {
        speaker.organisation_id
        for speaker in speakers
        if speaker.organisation_id and not field.is_cached(speaker)
    }
    if not missing:
        return
    organisations = Organisation.objects.in_bulk(missing)
    for speaker in speakers:
        if speaker.organisation_id in missing:
            field.set_cached_value(speaker, organisations.get(speaker.organisation_id))


def person_schema(speaker: Speaker, address: str, *, in_full: bool) -> dict[str, Any]:
    """A performer. Only those on stage for everyone come with their page, title and
    organisation (by name); a table session's speaker is named only. A programme of
    hundreds of table sessions would otherwise repeat each organisation for every speaker,
    half the page, while search engines show a handful of performers."""
    data: dict[str, Any] = {"@type": "Person", "name": speaker.name}
    if not in_full:
        return data
    data["url"] = absolute_url(address)
    if speaker.title:
        data["jobTitle"] = speaker.title
    if speaker.organisation is not None:
        data["affiliation"] = {"@type": "Organization", "name": speaker.organisation.name}
    return data


def event_schema(event: Event, *, availability: str | None = None) -> dict[str, Any]:
    """schema.org Event for one event page, ready for ``json.dumps``. `availability` is
    the offer's (AVAILABILITY_MARK in a cached programme); counted now when not given."""
    location, mode = location_and_mode(event)
    cancelled = event.status == EventStatus.CANCELLED
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "url": absolute_url(event.get_absolute_url()),
        "startDate": _iso(event.starts_at),
        "endDate": _iso(event.ends_at),
        "eventAttendanceMode": SCHEMA + mode,
        "eventStatus": SCHEMA + ("EventCancelled" if cancelled else "EventScheduled"),
        "inLanguage": settings.LANGUAGE_CODE,
        "isAccessibleForFree": True,
        "organizer": organisation_schema(event.organiser),
        "offers": offer_schema(event, availability),
    }
    if location:
        data["location"] = location
    if event.summary:
        data["description"] = event.summary
    if event.image:
        data["image"] = [absolute_url(event.image.url)]
    people = performers(event)
    if people:
        speaker_url = address_maker("programme:speaker")
        data["performer"] = [
            person_schema(person, speaker_url(person.slug), in_full=on_stage)
            for person, on_stage in people
        ]
    return data


def json_ld_script(data: dict[str, Any]) -> SafeString:
    """A ``<script type="application/ld+json">`` data block that no value can break out of."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=None)
    escaped = text.translate(_JSON_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{escaped}</script>')
