"""The event page's programme: rendered once per content version and language, reused for
every visitor, signed in or not, and by the reservation and session-choice forms.

What the page shows of an event is the same for everyone but for three things, which are
filled in per request: the seats left per sitting and the places left (marked in the
cached HTML, see ``fill``), and the visitor's own part (their reservation, the header),
which the page template renders around the cached parts. So a request with the programme
cached reads the event row, the seat counts of at most PAGE_CACHE_AVAILABILITY_SECONDS ago
(reservations.queries.recent_seat_counts) and the visitor's own data, and nothing else.

Rendering a programme once is cheap too: each session and speaker is loaded once
(sessions.queries.link_programme), addresses come from one ``reverse()`` per kind of page
(common.links.address_maker), and the template has no include per sitting.
"""

import pickle
import re
from dataclasses import dataclass, field, replace

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext, ngettext

from common.capacity import places_left
from common.fragment_cache import part_mark, render_with_parts, shared_part
from common.links import address_maker
from events.models import Event
from events.queries import with_event_details
from events.structured_data import AVAILABILITY_MARK, availability_of, event_schema, json_ld_script
from reservations.queries import SeatCounts
from sessions.models import Session, Sitting, Slot
from sessions.queries import event_with_programme, link_programme, rounds_for_forms

# Where the cached HTML gets the seats and places left of the moment.
SEATS_MARK = "<!--seats:{pk}:{capacity}-->"
SEATS_MARKS = re.compile(r"<!--seats:(\d+):(\d+)-->")
PLACES_MARK = "<!--places-left-->"
BODY_PART = "programme-body"


@dataclass(frozen=True)
class Programme:
    """An event's page parts as everyone sees them, with the seat counts left out."""

    head: str  # the JSON-LD data block
    meta: str  # description, canonical and Open Graph tags
    header: str  # title, notices and facts
    body: str  # description, timeline with sittings, other sessions, FAQ
    # The last filling and what it was filled from (see filled()); not part of the value.
    last_filled: dict = field(default_factory=dict, compare=False, repr=False)

    def filled(self, event: Event, counts: SeatCounts) -> "FilledProgramme":
        """The parts with the counts filled in. A process keeps one Programme per content
        version (common.fragment_cache) and the counts change at most once per
        PAGE_CACHE_AVAILABILITY_SECONDS, so the requests in between reuse the last filling:
        filling is the part of a request that grows with the programme."""
        availability = availability_of(event, counts)
        source = (get_language(), availability, event.capacity, counts)  # counts: by value
        last = self.last_filled.get("last")  # one item, replaced whole: safe across threads
        if last is not None and last[0] == source:
            return last[1]
        filled = FilledProgramme(
            head=mark_safe(self.head.replace(AVAILABILITY_MARK, availability)),
            meta=mark_safe(self.meta),
            header=fill(self.header, event, counts),
            encoded_body=fill(self.body, event, counts).encode(),
        )
        self.last_filled["last"] = (source, filled)
        return filled


@dataclass(frozen=True)
class FilledProgramme:
    head: SafeString
    meta: SafeString
    header: SafeString
    encoded_body: bytes  # the largest part, encoded once per filling

    @property
    def body(self) -> SafeString:
        """Where render_event_page() puts the encoded body."""
        return part_mark(BODY_PART)


def render_event_page(
    request: HttpRequest, template_name: str, context: dict, programme: FilledProgramme
) -> HttpResponse:
    """The event page (or its preview) around `programme`. The JSON-LD is for search engines,
    which never sign in: a signed-in visitor's page goes without it (37 kB at 400 sittings,
    compressed anew for every such request)."""
    if request.user.is_authenticated:
        programme = replace(programme, head=mark_safe(""))
    return render_with_parts(
        request,
        template_name,
        {**context, "programme": programme},
        {BODY_PART: programme.encoded_body},
    )


def part_key(event: Event) -> str:
    # Being over changes the page (a notice, no places) without a change of content.
    return f"event-programme:{event.pk}:{'past' if event.is_past else 'coming'}"


def public_programme(event: Event) -> Programme:
    """The programme of a public event, from the shared cache when another request made it."""
    return shared_part(
        part_key(event), lambda: build_programme(Event.objects.published(), event.pk)
    )


def build_programme(events: QuerySet[Event], pk: int) -> Programme:
    """Load and render the programme of the event `pk` among `events`."""
    event = link_programme(event_with_programme(with_event_details(events)).get(pk=pk))
    add_addresses(event)
    context = {"event": event}
    return Programme(
        head=json_ld_script(event_schema(event, availability=AVAILABILITY_MARK)),
        meta=render_to_string("events/parts/meta.html", context),
        header=render_to_string("events/parts/header.html", context),
        body=render_to_string("events/parts/programme.html", context),
    )


def public_rounds(event: Event) -> list[Slot]:
    """The break-out rounds of the public `event` with their sittings (``sitting_list``)
    and sessions, in the page's order, for the reservation and session-choice forms: kept
    beside the programme, per content version, and built by the first form that asks, so
    an event page does not pay for them. New objects on every call, so that a request may
    give them its counts."""
    kept = shared_part(
        f"event-rounds:{event.pk}", lambda: pickle.dumps(form_rounds(rounds_for_forms(event)))
    )
    return pickle.loads(kept)  # our own data, from our cache


def add_addresses(event: Event) -> None:
    """Each session and speaker on the page gets its ``url``, without a reverse() each."""
    session_url = address_maker("programme:session", event.slug)
    speaker_url = address_maker("programme:speaker")
    for session in event.session_list:  # type: ignore[attr-defined]  # prefetched (to_attr)
        session.url = session_url(session.slug)
        for role in session.speaker_list:
            role.speaker.url = speaker_url(role.speaker.slug)
    for slot in event.slot_list:  # type: ignore[attr-defined]  # prefetched (to_attr)
        for speaker in slot.speaker_list:
            speaker.url = speaker_url(speaker.slug)


def form_rounds(slots: list[Slot]) -> list[Slot]:
    """Copies of the break-out rounds (of sessions.queries.rounds_for_forms) holding only
    what the forms read, so the cached copy stays small."""
    rounds = []
    for slot in slots:
        copy = Slot(
            pk=slot.pk,
            event_id=slot.event_id,
            title=slot.title,
            kind=slot.kind,
            starts_at=slot.starts_at,
            ends_at=slot.ends_at,
            choice_required=slot.choice_required,
        )
        copy.sitting_list = [  # type: ignore[attr-defined]  # as prefetched (to_attr)
            Sitting(
                pk=sitting.pk,
                slot_id=sitting.slot_id,
                capacity=sitting.capacity,
                room=sitting.room,
                session=Session(
                    pk=sitting.session.pk,
                    event_id=slot.event_id,
                    code=sitting.session.code,
                    title=sitting.session.title,
                ),
            )
            for sitting in slot.sitting_list  # type: ignore[attr-defined]  # prefetched (to_attr)
        ]
        rounds.append(copy)
    return rounds


def seats_mark(sitting: Sitting) -> str:
    """Where the seats left of `sitting` go; nothing for a sitting without a seat limit."""
    if sitting.capacity is None:
        return ""
    return SEATS_MARK.format(pk=sitting.pk, capacity=sitting.capacity)


def fill(html: str, event: Event, counts: SeatCounts) -> SafeString:
    """The cached HTML with the seats and places left of `counts` in its marks."""
    texts: dict[int, str] = {}

    def seats_left(match: re.Match) -> str:
        # A mark holds the sitting's id and seat limit (a sitting without one has no mark).
        left = places_left(int(match[2]), counts.taken.get(int(match[1]), 0)) or 0
        if left not in texts:
            texts[left] = left_text(left, "seats")
        return texts[left]

    html = SEATS_MARKS.sub(seats_left, html)
    if PLACES_MARK in html:
        left = places_left(event.capacity, counts.confirmed)
        places = (
            str(conditional_escape(gettext("Reserveren verplicht")))
            if left is None
            else left_text(left, "places")
        )
        html = html.replace(PLACES_MARK, places)
    return mark_safe(html)  # rendered by our templates; the texts are escaped


def left_text(left: int, name: str) -> str:
    if left == 0:
        return f"<strong>{conditional_escape(gettext('Vol'))}</strong>"
    if name == "places":
        text = ngettext("%(places)s plaats vrij", "%(places)s plaatsen vrij", left)
    else:
        text = ngettext("%(seats)s plaats vrij", "%(seats)s plaatsen vrij", left)
    return str(conditional_escape(text % {name: left}))
