"""Reads of the programme, shaped once for the pages that show them.

Seats left are the reservations app's business: a session page passes the sittings
queryset of reservations.queries.sittings_with_seats() as `sittings`; the event page
fills them into its cached programme (events/event_page.py).
"""

from django.db.models import Exists, OuterRef, Prefetch, QuerySet, prefetch_related_objects

from events.models import Event, EventQuerySet
from events.queries import public_events
from initiatives.models import Initiative, Organisation
from sessions.enums import SlotKind
from sessions.models import Moderator, Session, SessionSpeaker, Sitting, Slot, Speaker

# How a round's sittings are listed: by theme, then code and title of their sessions.
SITTING_ORDER = ("session__theme__number", "session__code", "session__title")


def _speaker_roles() -> QuerySet[SessionSpeaker]:
    return SessionSpeaker.objects.select_related("speaker__organisation")


def public_sessions(sittings: QuerySet[Sitting] | None = None) -> QuerySet[Session]:
    """Sessions of published (or cancelled) events, with speakers, sittings and initiatives."""
    sittings = Sitting.objects.all() if sittings is None else sittings
    return (
        Session.objects.filter(event__in=Event.objects.published())
        .select_related("event", "theme")
        .prefetch_related(
            Prefetch("session_speakers", queryset=_speaker_roles(), to_attr="speaker_list"),
            Prefetch("sittings", queryset=sittings.select_related("slot"), to_attr="sitting_list"),
            Prefetch("initiatives", to_attr="initiative_list"),
        )
    )


def event_with_programme(events: QuerySet[Event] | None = None) -> QuerySet[Event]:
    """Everything the event page shows: moderator, timeline, sittings, sessions, FAQ.

    Of the public events unless `events` is given (the organisers' preview passes drafts).
    Each session and speaker is loaded once, in ``session_list``; pass the event through
    ``link_programme()`` to give the sittings those sessions and find the unscheduled ones.
    Seats are not counted here: they change with every reservation, the programme does not.
    """
    # What a programme shows of a table's speakers: hundreds of them, so no biography.
    roles = _speaker_roles().only(
        "session_id",
        "order",
        "role",
        "speaker__name",
        "speaker__slug",
        "speaker__title",
        "speaker__organisation__name",
        "speaker__organisation__slug",
    )
    sessions = Session.objects.select_related("theme").prefetch_related(
        Prefetch("session_speakers", queryset=roles, to_attr="speaker_list")
    )
    # Ordered by their sessions without loading them a second time.
    sittings = Sitting.objects.order_by(*SITTING_ORDER)
    slots = Slot.objects.prefetch_related(
        Prefetch(
            "speakers",
            queryset=Speaker.objects.select_related("organisation"),
            to_attr="speaker_list",
        ),
        Prefetch("sittings", queryset=sittings, to_attr="sitting_list"),
    )
    return (
        (public_events() if events is None else events)
        .select_related("moderator__speaker__organisation")
        .prefetch_related(
            "partners",
            "faqs",
            Prefetch("slots", queryset=slots, to_attr="slot_list"),
            Prefetch("sessions", queryset=sessions, to_attr="session_list"),
        )
    )


def rounds_for_forms(event: Event) -> list[Slot]:
    """The event's break-out rounds with their sittings (``sitting_list``, in the
    programme's order) and each sitting's session: what the reservation and session-choice
    forms offer. Two queries."""
    sittings = Sitting.objects.select_related("session").order_by(*SITTING_ORDER)
    return list(
        event.slots.filter(kind=SlotKind.ROUND).prefetch_related(
            Prefetch("sittings", queryset=sittings, to_attr="sitting_list")
        )
    )


def link_programme(event: Event) -> Event:
    """An event of ``event_with_programme()`` with each sitting's session (and its speakers)
    taken from ``session_list``, and ``unscheduled_sessions``: those the programme gives no
    time, such as a livecast's talk. No query."""
    sessions = {session.pk: session for session in event.session_list}  # type: ignore[attr-defined]  # prefetched (to_attr)
    scheduled = set()
    for slot in event.slot_list:  # type: ignore[attr-defined]  # prefetched (to_attr)
        for sitting in slot.sitting_list:
            sitting.session = sessions[sitting.session_id]
            scheduled.add(sitting.session_id)
    event.unscheduled_sessions = [  # type: ignore[attr-defined]  # read by the template
        session for session in sessions.values() if session.pk not in scheduled
    ]
    return event


def with_featured_initiatives(sessions: list[Session]) -> None:
    """Give each session of a programme (``session_list`` of ``event_with_programme()``)
    the initiatives it features, in ``initiative_list``, in one query for all of them: what
    the schedule exports link to, and the event page does not show."""
    initiatives = Initiative.objects.only("name", "slug").order_by("name")
    prefetch_related_objects(
        sessions, Prefetch("initiatives", queryset=initiatives, to_attr="initiative_list")
    )


def speaker_with_programme() -> QuerySet[Speaker]:
    """A speaker with every public session, plenary part and moderated event, newest first."""
    public = Event.objects.published()
    roles = (
        SessionSpeaker.objects.filter(session__event__in=public)
        .select_related("session__event")
        .order_by("-session__event__starts_at", "session__code")
    )
    slots = Slot.objects.filter(event__in=public).select_related("event").order_by("-starts_at")
    moderated = (
        Moderator.objects.filter(event__in=public)
        .select_related("event")
        .order_by("-event__starts_at")
    )
    return Speaker.objects.select_related("organisation").prefetch_related(
        Prefetch("session_roles", queryset=roles, to_attr="role_list"),
        Prefetch("slots", queryset=slots, to_attr="slot_list"),
        Prefetch("moderated_events", queryset=moderated, to_attr="moderated_list"),
    )


def speakers_in_public_programmes() -> QuerySet[Speaker]:
    """Speakers who appear in a public programme; not someone only lined up for a draft."""
    public = Event.objects.published()
    in_session = SessionSpeaker.objects.filter(speaker=OuterRef("pk"), session__event__in=public)
    on_stage = Slot.objects.filter(speakers=OuterRef("pk"), event__in=public)
    moderating = Moderator.objects.filter(speaker=OuterRef("pk"), event__in=public)
    return Speaker.objects.filter(Exists(in_session) | Exists(on_stage) | Exists(moderating))


def featuring_domain(events: QuerySet[Event], domain_slug: str) -> QuerySet[Event]:
    """Events with a session that features an initiative of the domain."""
    sessions = Session.objects.filter(event=OuterRef("pk"), initiatives__domains__slug=domain_slug)
    return events.filter(Exists(sessions))


def featured_initiatives(limit: int) -> QuerySet[Initiative]:
    """Initiatives that public programmes featured, by name."""
    featured = Session.objects.filter(
        initiatives=OuterRef("pk"), event__in=Event.objects.published()
    )
    return (
        Initiative.objects.filter(Exists(featured))
        .prefetch_related("domains")
        .order_by("name")[:limit]
    )


def with_public_sessions(initiatives: QuerySet[Initiative]) -> QuerySet[Initiative]:
    """Initiatives with the public sessions that featured them (`session_list`)."""
    sessions = (
        Session.objects.filter(event__in=Event.objects.published())
        .select_related("event", "theme")
        .order_by("-event__starts_at", "code", "title")
    )
    return initiatives.prefetch_related(
        Prefetch("sessions", queryset=sessions, to_attr="session_list")
    )


def with_speakers(organisations: QuerySet[Organisation]) -> QuerySet[Organisation]:
    """Organisations with their speakers (`speaker_list`), by name."""
    return organisations.prefetch_related(
        Prefetch("speakers", queryset=Speaker.objects.order_by("name"), to_attr="speaker_list")
    )


def calendar_slots() -> QuerySet[Slot]:
    """Slots for a calendar entry: their plenary speakers and sittings, no seat counts."""
    sittings = Sitting.objects.select_related("session__theme").order_by(
        "session__theme__number", "session__code", "session__title"
    )
    return Slot.objects.order_by("starts_at", "ends_at", "pk").prefetch_related(
        Prefetch("speakers", queryset=Speaker.objects.order_by("name"), to_attr="speaker_list"),
        Prefetch("sittings", queryset=sittings, to_attr="sitting_list"),
    )


def calendar_events() -> EventQuerySet:
    """Public events shaped for iCalendar export, in four queries however long the programme.

    Slots come in ``slot_list`` and their sittings in ``sitting_list``, the attributes
    ``event_with_programme()`` uses, so events/calendars.py accepts either.
    """
    return (
        Event.objects.published()
        .select_related("organiser", "venue")
        .prefetch_related(Prefetch("slots", queryset=calendar_slots(), to_attr="slot_list"))
    )
