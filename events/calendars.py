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

Personal calendars
------------------
A reservation's calendar (the file attached to its mails, and the person's private feed)
names the sessions chosen per round, with their times and rooms, first in the event's
DESCRIPTION ("Jouw sessies"). Its DTSTAMP and SEQUENCE follow the later of the event's
last change and the last session choice, so a file imported again after a new choice
replaces the old entry. The private feed also carries one VEVENT per chosen sitting and per
sitting of a saved session (UID ``sitting-<pk>@<host>``), TRANSPARENT so that they do not
count twice as busy time within the event: chosen ones CONFIRMED, saved ones TENTATIVE with
"Bewaard: " before the title and CATEGORIES:Bewaard, as are saved events one has not
reserved. Those entries are left out of the mails' files on purpose: a feed that is synced
drops an entry whose UID disappears when someone chooses another session, whereas an
imported file cannot take back a VEVENT it once added.
"""

import datetime as dt
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
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
from sessions.models import Sitting, Slot
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


def chosen_lines(sittings: Sequence[Sitting]) -> list[str]:
    """One line per chosen session: "19.15–20.15 Ronde 1: 1a Buurtbudgetten (Zaal 2)"."""
    lines = []
    for sitting in sittings:
        slot = sitting.slot
        line = f"{_time_range(slot.starts_at, slot.ends_at)} {one_line(slot.title)}: "
        line += one_line(str(sitting.session))
        if sitting.room:
            line += f" ({one_line(sitting.room)})"
        lines.append(line)
    return lines


def description_text(event: Event, chosen: Sequence[Sitting] = ()) -> str:
    paragraphs: list[str] = []
    if event.status == EventStatus.CANCELLED:
        paragraphs.append(_("Dit evenement is geannuleerd."))
    if chosen:
        paragraphs.append("\n".join([_("Jouw sessies"), *chosen_lines(chosen)]))
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


def _sequence(event: Event, stamp: dt.datetime | None = None) -> int:
    stamp = stamp or event.updated_at
    if event.created_at is None or stamp is None:
        return 0
    return max(int((stamp - event.created_at).total_seconds()), 0)


def _stamp(event: Event, changed_at: dt.datetime | None = None) -> dt.datetime:
    """The event's last change, or a later one of the person's (a new session choice)."""
    stamps = [moment for moment in (event.updated_at, changed_at) if moment is not None]
    return max(stamps) if stamps else timezone.now()


def saved_title(title: str) -> str:
    return _("Bewaard: %(title)s") % {"title": title}


def vevent_for(
    event: Event,
    *,
    chosen: Sequence[Sitting] = (),
    changed_at: dt.datetime | None = None,
    saved: bool = False,
) -> icalendar.Event:
    """The event as one VEVENT; with the sessions someone `chosen` in its description, or
    marked as `saved` (kept in their programme, not reserved)."""
    cancelled = event.status == EventStatus.CANCELLED
    entry = icalendar.Event()
    entry.add("uid", event_uid(event))
    stamp = _stamp(event, changed_at)
    entry.add("dtstamp", stamp)
    entry.add("last-modified", stamp)
    entry.add("sequence", _sequence(event, stamp))
    entry.add("dtstart", in_amsterdam(event.starts_at))
    entry.add("dtend", in_amsterdam(event.ends_at))
    title = one_line(event.title)
    if cancelled:
        title = _("Geannuleerd: %(title)s") % {"title": title}
    elif saved:
        title = saved_title(title)
    entry.add("summary", title)
    entry.add("description", description_text(event, chosen))
    location = location_text(event)
    if location:
        entry.add("location", one_line(location))
    entry.add("url", absolute_url(event.get_absolute_url()))
    entry.add("status", "CANCELLED" if cancelled else "TENTATIVE" if saved else "CONFIRMED")
    entry.add("transp", "TRANSPARENT" if cancelled or saved else "OPAQUE")
    if saved:
        entry.add("categories", [_("Bewaard")])
    entry.add("class", "PUBLIC")
    organizer = icalendar.vCalAddress(
        f"mailto:{event.contact_email}"
        if event.contact_email
        else absolute_url(event.organiser.get_absolute_url())
    )
    organizer.params["CN"] = one_line(event.organiser.name)
    entry.add("organizer", organizer)
    return entry


@dataclass(frozen=True)
class PersonalSitting:
    """A sitting in someone's private feed: one they chose (`reserved`) or of a session
    they saved; its session and slot loaded."""

    event: Event
    sitting: Sitting
    reserved: bool


def sitting_uid(sitting: Sitting) -> str:
    return f"sitting-{sitting.pk}@{site_host()}"


def sitting_vevent(entry: PersonalSitting) -> icalendar.Event:
    event, sitting = entry.event, entry.sitting
    session, slot = sitting.session, sitting.slot
    cancelled = event.status == EventStatus.CANCELLED
    vevent = icalendar.Event()
    vevent.add("uid", sitting_uid(sitting))
    stamp = _stamp(event)
    vevent.add("dtstamp", stamp)
    vevent.add("last-modified", stamp)
    vevent.add("sequence", _sequence(event, stamp))
    vevent.add("dtstart", in_amsterdam(slot.starts_at))
    vevent.add("dtend", in_amsterdam(slot.ends_at))
    title = one_line(str(session))
    if cancelled:
        title = _("Geannuleerd: %(title)s") % {"title": title}
    elif not entry.reserved:
        title = saved_title(title)
    vevent.add("summary", title)
    facts = [one_line(f"{slot.title} · {event.title}")]
    if sitting.room:
        facts.append(_("Zaal: %(room)s") % {"room": one_line(sitting.room)})
    url = absolute_url(session.get_absolute_url())
    facts.append(url)
    vevent.add("description", "\n".join(facts))
    where = [one_line(part) for part in (sitting.room, location_text(event)) if part]
    if where:
        vevent.add("location", ", ".join(where))
    vevent.add("url", url)
    vevent.add(
        "status", "CANCELLED" if cancelled else "CONFIRMED" if entry.reserved else "TENTATIVE"
    )
    # Within the event, which already counts as busy.
    vevent.add("transp", "TRANSPARENT")
    vevent.add("categories", [_("Gereserveerd") if entry.reserved else _("Bewaard")])
    vevent.add("class", "PUBLIC")
    return vevent


def _timezone_window(events: Sequence[Event]) -> tuple[dt.date, dt.date]:
    """Years the VTIMEZONE must cover: from the first start to well after the last end."""
    if events:
        first = min(in_amsterdam(event.starts_at) for event in events).year
        last = max(in_amsterdam(event.ends_at) for event in events).year
    else:
        first = last = timezone.localdate().year
    return dt.date(first, 1, 1), dt.date(last + 2, 1, 1)


def event_calendar_for(
    events: Iterable[Event],
    *,
    name: str | None = None,
    feed_url: str | None = None,
    chosen: Mapping[int, Sequence[Sitting]] | None = None,
    changed_at: Mapping[int, dt.datetime] | None = None,
    saved_event_ids: Collection[int] = (),
    sittings: Sequence[PersonalSitting] = (),
) -> icalendar.Calendar:
    """A calendar with one VEVENT per event (see the module docstring for why).

    Accepts events from ``calendar_events()`` or ``event_with_programme()``; events without
    a prefetched ``slot_list`` get their timelines in one batch. ``feed_url`` marks the
    calendar as a subscription: it adds the source and how often to refresh it.

    A personal calendar adds, per event id, the sittings someone `chosen` (named in the
    description; `changed_at` is when they chose), the events they saved without a
    reservation (`saved_event_ids`), and `sittings` as VEVENTs of their own.
    """
    events = list(events)
    chosen = chosen or {}
    changed_at = changed_at or {}
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
    first, last = _timezone_window([*events, *(entry.event for entry in sittings)])
    calendar.add_component(icalendar.Timezone.from_tzid(TZID, first_date=first, last_date=last))
    for event in events:
        calendar.add_component(
            vevent_for(
                event,
                chosen=chosen.get(event.pk, ()),
                changed_at=changed_at.get(event.pk),
                saved=event.pk in saved_event_ids,
            )
        )
    for entry in sittings:
        calendar.add_component(sitting_vevent(entry))
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
