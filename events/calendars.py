"""iCalendar export: one ``.ics`` per event and a subscribable feed of upcoming events.

How the programme appears
-------------------------
Every event is **one** VEVENT spanning the whole event; its slots are listed in the
DESCRIPTION, one line per slot ("14.00–14.30 Ontvangst"), and a break-out round lists
its parallel sittings underneath with code, title and room ("· 1a Buurtbudgetten (Zaal
2)"). A calendar user who adds a conference expects one entry for that afternoon, not a
dozen: separate VEVENTs per slot would flood a subscribed agenda, show the parallel
sittings of a round as a stack of clashing appointments although a visitor attends only
one of them, and leave orphaned entries behind whenever an organiser splits or renames a
slot (their UIDs would vanish from the feed). The slot times are in the description, so
nothing is lost; the event page and its per-session pages stay the place to choose.

Other choices
-------------
- Times carry ``TZID=Europe/Amsterdam`` and the calendar holds a matching VTIMEZONE made
  by the icalendar library, so a client in another time zone shows the right local time.
- UID ``event-<pk>@<host of SITE_URL>`` never changes, so a re-imported file or the
  next refresh of the feed updates the entry instead of duplicating it.
- No METHOD is sent, so by RFC 5545 §3.8.7.2 DTSTAMP equals LAST-MODIFIED: both are the
  event's ``updated_at``. The same event therefore always gives the same bytes.
- SEQUENCE is the number of seconds between creation and the last change: it grows with
  every edit without needing a revision counter, which is what clients compare when a
  second copy of the same UID is imported.
- A cancelled event stays in the feed with STATUS:CANCELLED and "Geannuleerd: " before its
  title (several clients ignore STATUS in subscriptions), so subscribers see it is off.
"""

import datetime as dt
from collections.abc import Iterable, Sequence
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.db.models import Prefetch, prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from common.links import absolute_url
from common.timezone import TZID, in_amsterdam
from common.validators import one_line
from events.enums import EventFormat, EventStatus
from events.models import Event
from sessions.models import Slot
from sessions.queries import calendar_events, calendar_slots

CONTENT_TYPE = "text/calendar; charset=utf-8"
PRODID = "-//Coöperatieve Stad//Agenda//NL"
# How often subscribed clients should fetch the feed again.
FEED_REFRESH = dt.timedelta(hours=6)


def site_host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def event_uid(event: Event) -> str:
    return f"event-{event.pk}@{site_host()}"


def _time_range(starts_at: dt.datetime, ends_at: dt.datetime) -> str:
    return f"{in_amsterdam(starts_at):%H.%M}–{in_amsterdam(ends_at):%H.%M}"


def _slots_of(event: Event) -> Sequence[Slot]:
    return getattr(event, "slot_list", None) or []


def _ensure_slots(events: list[Event]) -> None:
    """Load the timeline of events that came without it, in one batch for all of them."""
    bare = [event for event in events if not hasattr(event, "slot_list")]
    if bare:
        prefetch_related_objects(
            bare, Prefetch("slots", queryset=calendar_slots(), to_attr="slot_list")
        )


def _sittings_of(slot: Slot) -> Sequence:
    sittings = getattr(slot, "sitting_list", None)
    return sittings if sittings is not None else []


def _speaker_names(slot: Slot) -> list[str]:
    speakers = getattr(slot, "speaker_list", None)
    return [one_line(speaker.name) for speaker in speakers or []]


def programme_lines(event: Event) -> list[str]:
    """The timeline as plain text: a line per slot, the sittings of a round indented."""
    slots = _slots_of(event)
    several_days = len({in_amsterdam(slot.starts_at).date() for slot in slots}) > 1
    lines: list[str] = []
    day = None
    for slot in slots:
        if several_days and in_amsterdam(slot.starts_at).date() != day:
            day = in_amsterdam(slot.starts_at).date()
            heading = date_format(day, "l j F")
            lines.append(heading[:1].upper() + heading[1:])
        line = f"{_time_range(slot.starts_at, slot.ends_at)} {one_line(slot.title)}"
        if slot.location:
            line += f" ({one_line(slot.location)})"
        names = _speaker_names(slot)
        if names:
            line += " — " + _("met %(names)s") % {"names": ", ".join(names)}
        lines.append(line)
        for sitting in _sittings_of(slot):
            session = sitting.session
            entry = one_line(f"{session.code} {session.title}")
            if sitting.room:
                entry += f" ({one_line(sitting.room)})"
            lines.append(f"  · {entry}")
    return lines


def location_text(event: Event) -> str:
    """Where to go: the venue and its address, or the livestream of an online-only event."""
    if event.format == EventFormat.LIVECAST or event.venue is None:
        return event.livestream_url or event.participation_url
    return ", ".join(part for part in (event.venue.name, event.venue.address_line) if part)


def description_text(event: Event) -> str:
    paragraphs: list[str] = []
    if event.status == EventStatus.CANCELLED:
        paragraphs.append(_("Dit evenement is geannuleerd."))
    if event.summary:
        paragraphs.append(event.summary)
    lines = programme_lines(event)
    if lines:
        paragraphs.append("\n".join([_("Programma"), *lines]))
    online = [f"{label}: {url}" for label, url in event.online_links()]
    if online:
        paragraphs.append("\n".join(online))
    paragraphs.append(
        _("Meer informatie en reserveren: %(url)s")
        % {"url": absolute_url(event.get_absolute_url())}
    )
    return "\n\n".join(paragraphs)


def _sequence(event: Event) -> int:
    if event.created_at is None or event.updated_at is None:
        return 0
    return max(int((event.updated_at - event.created_at).total_seconds()), 0)


def vevent_for(event: Event) -> icalendar.Event:
    cancelled = event.status == EventStatus.CANCELLED
    entry = icalendar.Event()
    entry.add("uid", event_uid(event))
    stamp = event.updated_at or timezone.now()
    entry.add("dtstamp", stamp)
    entry.add("last-modified", stamp)
    entry.add("sequence", _sequence(event))
    entry.add("dtstart", in_amsterdam(event.starts_at))
    entry.add("dtend", in_amsterdam(event.ends_at))
    title = one_line(event.title)
    if cancelled:
        title = _("Geannuleerd: %(title)s") % {"title": title}
    entry.add("summary", title)
    entry.add("description", description_text(event))
    location = location_text(event)
    if location:
        entry.add("location", one_line(location))
    entry.add("url", absolute_url(event.get_absolute_url()))
    entry.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    entry.add("transp", "TRANSPARENT" if cancelled else "OPAQUE")
    entry.add("class", "PUBLIC")
    organizer = icalendar.vCalAddress(
        f"mailto:{event.contact_email}"
        if event.contact_email
        else absolute_url(event.organiser.get_absolute_url())
    )
    organizer.params["CN"] = one_line(event.organiser.name)
    entry.add("organizer", organizer)
    return entry


def _timezone_window(events: Sequence[Event]) -> tuple[dt.date, dt.date]:
    """Years the VTIMEZONE must cover: from the first start to well after the last end."""
    if events:
        first = min(in_amsterdam(event.starts_at) for event in events).year
        last = max(in_amsterdam(event.ends_at) for event in events).year
    else:
        first = last = timezone.localdate().year
    return dt.date(first, 1, 1), dt.date(last + 2, 1, 1)


def event_calendar_for(
    events: Iterable[Event], *, name: str | None = None, feed_url: str | None = None
) -> icalendar.Calendar:
    """A calendar with one VEVENT per event (see the module docstring for why).

    Accepts events from ``calendar_events()`` or ``event_with_programme()``; events without
    a prefetched ``slot_list`` get their timelines in one batch. ``feed_url`` marks the
    calendar as a subscription: it adds the source and how often to refresh it.
    """
    events = list(events)
    _ensure_slots(events)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if name:
        # Titles and names come from rows the validator may not have seen (update()).
        name = one_line(name)
        calendar.add("name", name)
        calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", TZID)
    if feed_url:
        calendar.add("source", feed_url, parameters={"VALUE": "URI"})
        calendar.add("refresh-interval", FEED_REFRESH, parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", icalendar.vDuration(FEED_REFRESH))
    first, last = _timezone_window(events)
    calendar.add_component(icalendar.Timezone.from_tzid(TZID, first_date=first, last_date=last))
    for event in events:
        calendar.add_component(vevent_for(event))
    return calendar


def _calendar_response(calendar: icalendar.Calendar) -> HttpResponse:
    return HttpResponse(calendar.to_ical(), content_type=CONTENT_TYPE)


@require_safe
@cache_control(public=True, max_age=900)
def upcoming_feed(request: HttpRequest) -> HttpResponse:
    """Upcoming published events, cancelled ones included so subscribers see they are off."""
    events = calendar_events().upcoming()
    calendar = event_calendar_for(
        events,
        name=_("Coöperatieve Stad — agenda"),
        feed_url=absolute_url(reverse("events:feed")),
    )
    return _calendar_response(calendar)


@require_safe
@cache_control(public=True, max_age=900)
def event_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_object_or_404(calendar_events(), slug=slug)
    response = _calendar_response(event_calendar_for([event], name=event.title))
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return response
