"""Reads of events, shaped once for the pages, feeds and filters that show them.

Places and seats left come from annotations, so a list of events or a whole programme
costs the same few queries however many events, sittings or reservations there are.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from events.enums import EventStatus, MailAudience, ReservationStatus
from events.models import Event, Reservation, Series
from initiatives.models import Initiative
from sessions.models import SeatChoice, Session, SessionSpeaker, Sitting, Slot, Speaker


def confirmed_count() -> Coalesce:
    """The number of confirmed reservations of the event in the outer query."""
    confirmed = (
        Reservation.objects.filter(event=OuterRef("pk"), status=ReservationStatus.CONFIRMED)
        .order_by()
        .values("event")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(confirmed, output_field=IntegerField()), 0)


# Present at the event: only a confirmed reservation can be checked in.
CHECKED_IN = Q(status=ReservationStatus.CONFIRMED, checked_in_at__isnull=False)


def with_event_details(events: QuerySet[Event]) -> QuerySet[Event]:
    """`events` with their series, organiser, venue, moderator and confirmed count."""
    return events.select_related(
        "series", "organiser", "venue", "moderator__organisation"
    ).annotate(confirmed_count=confirmed_count())


def public_events() -> QuerySet[Event]:
    """Published and cancelled events with their organiser, venue and confirmed count."""
    return with_event_details(Event.objects.published())


def event_preview(events: QuerySet[Event]) -> QuerySet[Event]:
    """`events` (any status) shaped as the public event page shows them."""
    return event_with_programme(with_event_details(events))


def public_series() -> QuerySet[Series]:
    """Series with at least one public event, by name.

    A series has no draft state of its own; one that so far holds only drafts would
    announce them by its name, so lists and the sitemap leave it out until an event is
    published (its page still answers, empty).
    """
    events = Event.objects.published().filter(series=OuterRef("pk"))
    return Series.objects.filter(Exists(events)).order_by("name")


def with_places_left(events: QuerySet[Event]) -> QuerySet[Event]:
    """Events that still have a free place: no capacity set, or fewer confirmed than places.

    A cancelled event has no place to offer, however few people had reserved.
    """
    return events.exclude(status=EventStatus.CANCELLED).filter(
        Q(capacity__isnull=True) | Q(capacity__gt=confirmed_count())
    )


def featuring_domain(events: QuerySet[Event], domain_slug: str) -> QuerySet[Event]:
    sessions = Session.objects.filter(event=OuterRef("pk"), initiatives__domains__slug=domain_slug)
    return events.filter(Exists(sessions))


def sittings_with_seats() -> QuerySet[Sitting]:
    """Sittings with the seats taken by confirmed reservations, counted in one grouped query."""
    return Sitting.objects.annotate(
        seats_taken=Count(
            "seat_choices", filter=Q(seat_choices__reservation__status=ReservationStatus.CONFIRMED)
        )
    )


def event_with_programme(events: QuerySet[Event] | None = None) -> QuerySet[Event]:
    """Everything the event page shows: timeline, sittings with seats left, sessions, FAQ.

    Of the public events, unless the organisers' preview passes its own (drafts included).
    """
    speakers = SessionSpeaker.objects.select_related("speaker__organisation")
    sessions = Session.objects.select_related("theme").prefetch_related(
        Prefetch("session_speakers", queryset=speakers, to_attr="speaker_list")
    )
    sittings = (
        sittings_with_seats()
        .select_related("session__theme")
        .prefetch_related(
            Prefetch("session__session_speakers", queryset=speakers, to_attr="speaker_list")
        )
        .order_by("session__theme__number", "session__code", "session__title")
    )
    slots = Slot.objects.prefetch_related(
        Prefetch(
            "speakers",
            queryset=Speaker.objects.select_related("organisation"),
            to_attr="speaker_list",
        ),
        Prefetch("sittings", queryset=sittings, to_attr="sitting_list"),
    )
    return (public_events() if events is None else events).prefetch_related(
        "partners",
        "faqs",
        Prefetch("slots", queryset=slots, to_attr="slot_list"),
        Prefetch("sessions", queryset=sessions, to_attr="session_list"),
        # Sessions the programme gives no time, such as a livecast's talk.
        Prefetch(
            "sessions",
            queryset=sessions.filter(sittings__isnull=True),
            to_attr="unscheduled_sessions",
        ),
    )


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


def calendar_slots() -> QuerySet[Slot]:
    """Slots for a calendar entry: their plenary speakers and sittings, no seat counts."""
    sittings = Sitting.objects.select_related("session__theme").order_by(
        "session__theme__number", "session__code", "session__title"
    )
    return Slot.objects.order_by("starts_at", "ends_at", "pk").prefetch_related(
        Prefetch("speakers", queryset=Speaker.objects.order_by("name"), to_attr="speaker_list"),
        Prefetch("sittings", queryset=sittings, to_attr="sitting_list"),
    )


def calendar_events() -> QuerySet[Event]:
    """Public events shaped for iCalendar export, in four queries however long the programme.

    Slots come in ``slot_list`` and their sittings in ``sitting_list``, the attributes
    ``event_with_programme()`` uses, so events/calendars.py accepts either.
    """
    return (
        Event.objects.published()
        .select_related("organiser", "venue")
        .prefetch_related(Prefetch("slots", queryset=calendar_slots(), to_attr="slot_list"))
    )


def reservation_page_event() -> QuerySet[Event]:
    """An event with its break-out rounds and their sittings' seats, for the reservation form."""
    sittings = (
        sittings_with_seats()
        .select_related("session__theme")
        .order_by("session__theme__number", "session__code", "session__title")
    )
    rounds = Slot.objects.filter(kind="round").prefetch_related(
        Prefetch("sittings", queryset=sittings, to_attr="sitting_list")
    )
    return public_events().prefetch_related(
        Prefetch("slots", queryset=rounds, to_attr="round_list")
    )


def reservations_of(user) -> QuerySet[Reservation]:
    """A person's reservations with their session choices and place on the waiting list."""
    ahead = (
        Reservation.objects.filter(
            event=OuterRef("event"),
            status=ReservationStatus.WAITLISTED,
            created_at__lt=OuterRef("created_at"),
        )
        .order_by()
        .values("event")
        .annotate(count=Count("pk"))
        .values("count")
    )
    choices = SeatChoice.objects.select_related("sitting__session__event", "slot").order_by(
        "slot__starts_at"
    )
    return (
        Reservation.objects.filter(user=user)
        .select_related("event__venue")
        .annotate(waitlist_ahead=Coalesce(Subquery(ahead, output_field=IntegerField()), 0))
        .prefetch_related(Prefetch("seat_choices", queryset=choices, to_attr="choice_list"))
        .order_by("-event__starts_at", "-created_at")
    )


def participants(event: Event, search: str = "") -> QuerySet[Reservation]:
    """The participant list: active reservations with their session choices, by name."""
    choices = SeatChoice.objects.select_related("sitting__session__event", "slot").order_by(
        "slot__starts_at"
    )
    reservations = (
        Reservation.objects.active()
        .filter(event=event)
        .prefetch_related(Prefetch("seat_choices", queryset=choices, to_attr="choice_list"))
        .order_by("status", "name", "pk")
    )
    search = search.strip()
    if search:
        reservations = reservations.filter(Q(name__icontains=search) | Q(code__iexact=search))
    return reservations


def sitting_counts(event: Event) -> QuerySet[Sitting]:
    """Every sitting of the event with its seats taken by confirmed reservations."""
    return (
        sittings_with_seats()
        .filter(slot__event=event)
        .select_related("session", "slot")
        .order_by("slot__starts_at", "session__code", "session__title")
    )


def attendees_in(event: Event, audiences: Iterable[str]) -> QuerySet[Reservation]:
    """Reservations of the event in any of the audiences; cancelled ones never."""
    wanted = set(audiences)
    audience_filters = {
        MailAudience.CONFIRMED: Q(status=ReservationStatus.CONFIRMED),
        MailAudience.WAITLISTED: Q(status=ReservationStatus.WAITLISTED),
        MailAudience.CHECKED_IN: CHECKED_IN,
    }
    condition = Q(pk__in=[])
    for audience, audience_filter in audience_filters.items():
        if audience in wanted:
            condition |= audience_filter
    return Reservation.objects.filter(condition, event=event).order_by("created_at", "pk")


@dataclass(frozen=True)
class SlotOverview:
    slot: Slot
    sittings: list[Sitting]


@dataclass(frozen=True)
class ProgrammeOverview:
    """The event's timeline with seats per sitting and its reservation totals, for organisers."""

    slots: list[SlotOverview]
    capacity: int | None
    confirmed: int
    waitlisted: int
    checked_in: int

    @property
    def places_left(self) -> int | None:
        return None if self.capacity is None else max(self.capacity - self.confirmed, 0)


def programme_overview(event: Event) -> ProgrammeOverview:
    """Three queries however long the programme: slots, sittings with seats, totals."""
    slots = list(Slot.objects.filter(event=event).order_by("starts_at", "ends_at", "pk"))
    per_slot: dict[int, list[Sitting]] = {slot.pk: [] for slot in slots}
    for sitting in sitting_counts(event):
        per_slot[sitting.slot_id].append(sitting)
    totals = Reservation.objects.filter(event=event).aggregate(
        confirmed=Count("pk", filter=Q(status=ReservationStatus.CONFIRMED)),
        waitlisted=Count("pk", filter=Q(status=ReservationStatus.WAITLISTED)),
        checked_in=Count("pk", filter=CHECKED_IN),
    )
    return ProgrammeOverview(
        slots=[SlotOverview(slot, per_slot[slot.pk]) for slot in slots],
        capacity=event.capacity,
        **totals,
    )
