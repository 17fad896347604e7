"""Reads of reservations and of what they take: places, seats and the waiting list.

Places and seats left come from annotations, so a list of events or a whole programme
costs the same few queries however many events, sittings or reservations there are. The
rules behind them live once: places left in common.capacity (with its SQL twin here),
the order of the waiting list in reservations.models.WAITLIST_ORDER.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from common.capacity import places_left
from common.fragment_cache import forget_recent, recent_value
from events.enums import EventStatus
from events.models import Event, EventQuerySet
from events.queries import Events, public_events
from reservations.enums import MailAudience, ReservationStatus
from reservations.models import Reservation, SeatChoice
from sessions.models import Sitting, Slot

# Present at the event: only a confirmed reservation can be checked in.
CHECKED_IN = Q(status=ReservationStatus.CONFIRMED, checked_in_at__isnull=False)
SEATS_KEY = "seat-counts:{}"


# Places of events -------------------------------------------------------------------------


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


def with_confirmed_count(events: Events) -> Events:
    """`events` annotated with `confirmed_count`, which Event.places_left reads."""
    return events.annotate(confirmed_count=confirmed_count())


def with_places_left(events: QuerySet[Event]) -> QuerySet[Event]:
    """Events that still have a free place: no capacity set, or fewer confirmed than places
    (common.capacity.places_left in SQL). A cancelled event has no place to offer."""
    return events.exclude(status=EventStatus.CANCELLED).filter(
        Q(capacity__isnull=True) | Q(capacity__gt=confirmed_count())
    )


def count_confirmed(event: Event) -> int:
    """The event's confirmed reservations, counted now (services count under the lock)."""
    return Reservation.objects.confirmed().filter(event=event).count()


def places_left_of(event: Event) -> int | None:
    """Free places of one event: from its annotation when loaded with it, else one COUNT."""
    if event.capacity is None:
        return None
    confirmed = getattr(event, "confirmed_count", None)
    return places_left(event.capacity, count_confirmed(event) if confirmed is None else confirmed)


def public_events_with_places() -> EventQuerySet:
    """Published and cancelled events with their details and confirmed count, for lists."""
    return with_confirmed_count(public_events())


# Seats of sittings ------------------------------------------------------------------------


def sittings_with_seats() -> QuerySet[Sitting]:
    """Sittings with the seats taken by confirmed reservations, counted in one grouped query."""
    return Sitting.objects.annotate(
        seats_taken=Count(
            "seat_choices", filter=Q(seat_choices__reservation__status=ReservationStatus.CONFIRMED)
        )
    )


@dataclass(frozen=True)
class SeatCounts:
    """An event's confirmed reservations and the seats they take per sitting, counted
    together: what the event page and the reservation forms fill into a cached programme."""

    confirmed: int
    taken: dict[int, int]

    def apply_to(self, event: Event, sittings: Iterable[Sitting] = ()) -> None:
        """Give the event and sittings the counts that Event.places_left and
        Sitting.seats_left read (the annotations of with_confirmed_count and
        sittings_with_seats)."""
        event.confirmed_count = self.confirmed  # type: ignore[attr-defined]  # as annotated
        for sitting in sittings:
            sitting.seats_taken = self.taken.get(sitting.pk, 0)  # type: ignore[attr-defined]


def seat_counts(event: Event) -> SeatCounts:
    """Counted now, in two queries however many sittings the event has."""
    taken = (
        SeatChoice.objects.filter(
            sitting__slot__event=event, reservation__status=ReservationStatus.CONFIRMED
        )
        .order_by()
        .values("sitting")
        .annotate(taken=Count("pk"))
        .values_list("sitting", "taken")
    )
    return SeatCounts(confirmed=count_confirmed(event), taken=dict(taken))


def recent_seat_counts(event: Event) -> SeatCounts:
    """As pages show them: at most PAGE_CACHE_AVAILABILITY_SECONDS old, as on a cached
    page (common.fragment_cache.recent_value). Reserving itself counts live, under locks."""
    return recent_value(SEATS_KEY.format(event.pk), lambda: seat_counts(event))


def forget_seat_counts(event: Event) -> None:
    """The next page counts anew: e.g. after a reservation found full what a page showed free."""
    forget_recent(SEATS_KEY.format(event.pk))


def sitting_counts(event: Event) -> QuerySet[Sitting]:
    """Every sitting of the event with its seats taken by confirmed reservations."""
    return (
        sittings_with_seats()
        .filter(slot__event=event)
        .select_related("session", "slot")
        .order_by("slot__starts_at", "session__code", "session__title")
    )


# Reservations -----------------------------------------------------------------------------


def seat_choices() -> Prefetch:
    """A reservation's session choices in `choice_list`, by round, with their sessions."""
    choices = SeatChoice.objects.select_related(
        "sitting__session__event", "sitting__slot", "slot"
    ).order_by("slot__starts_at", "slot_id", "pk")
    return Prefetch("seat_choices", queryset=choices, to_attr="choice_list")


def ahead_in_line(created_at: dt.datetime | OuterRef, pk: int | OuterRef) -> Q:
    """Reservations before this one on a waiting list, in WAITLIST_ORDER (created, then id).
    Takes values or OuterRef expressions."""
    return Q(created_at__lt=created_at) | Q(created_at=created_at, pk__lt=pk)


def waitlist_position(reservation: Reservation) -> int:
    """1 for the first in line."""
    ahead = Reservation.objects.filter(
        ahead_in_line(reservation.created_at, reservation.pk),
        event_id=reservation.event_id,
        status=ReservationStatus.WAITLISTED,
    )
    return ahead.count() + 1


def with_waitlist_position(reservations: QuerySet[Reservation]) -> QuerySet[Reservation]:
    """Annotates `waitlist_position` (meaningful for waitlisted reservations)."""
    ahead = (
        Reservation.objects.filter(
            ahead_in_line(OuterRef("created_at"), OuterRef("pk")),
            event=OuterRef("event"),
            status=ReservationStatus.WAITLISTED,
        )
        .order_by()
        .values("event")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return reservations.annotate(
        waitlist_position=Coalesce(Subquery(ahead, output_field=IntegerField()), 0) + 1
    )


def active_reservation(event: Event, user: User | AnonymousUser) -> Reservation | None:
    """The person's confirmed or waitlisted reservation of the event, if any."""
    if isinstance(user, AnonymousUser):
        return None
    return Reservation.objects.active().filter(event=event, user=user).first()


def reservations_of(user: User) -> QuerySet[Reservation]:
    """A person's reservations with their session choices and place on the waiting list."""
    return (
        with_waitlist_position(Reservation.objects.filter(user=user))
        .select_related("event__venue")
        .prefetch_related(seat_choices())
        .order_by("-event__starts_at", "-created_at")
    )


def participants(event: Event, search: str = "") -> QuerySet[Reservation]:
    """The participant list: active reservations with their session choices, by name.

    `search` finds a part of the name or of the reservation code, in any case."""
    reservations = (
        Reservation.objects.active()
        .filter(event=event)
        .prefetch_related(seat_choices())
        .order_by("status", "name", "pk")
    )
    search = search.strip()
    if search:
        reservations = reservations.filter(Q(name__icontains=search) | Q(code__icontains=search))
    return reservations


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


# The organisers' overview -----------------------------------------------------------------


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
        return places_left(self.capacity, self.confirmed)


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
