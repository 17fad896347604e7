"""Reads for "Mijn programma": what someone saved and reserved, per event in time order.

The page, the personal calendar feed and the save buttons read here. However much is
saved or reserved, the programme is four queries: the reservations, their session
choices, the saved items, and the sittings of the saved sessions.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

import icalendar
from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from events.calendars import PersonalSitting, event_calendar_for
from events.models import Event
from reservations.models import Reservation, SavedItem
from reservations.queries import seat_choices
from sessions.models import Session, Sitting


@dataclass
class Entry:
    """One sitting in someone's programme: the session they chose in its round, or a
    session they saved (each of its sittings, unless they chose one of them)."""

    sitting: Sitting
    reserved: bool
    saved: bool

    @property
    def sort_key(self) -> tuple:
        return (self.sitting.slot.starts_at, self.sitting.slot_id, self.sitting.session.code)


@dataclass
class EventPlan:
    """One event of someone's programme: printed on a page of its own."""

    event: Event
    reservation: Reservation | None = None
    saved: bool = False
    entries: list[Entry] = field(default_factory=list)
    # Saved sessions that have no sitting (yet).
    unscheduled: list[Session] = field(default_factory=list)


def _visible_events():
    """Published events that have not ended: the programme looks ahead; drafts never show."""
    return Event.objects.published().filter(ends_at__gte=timezone.now())


def _reservations(user: User | int) -> list[Reservation]:
    return list(
        Reservation.objects.active()
        .filter(user=user, event__in=_visible_events())
        .select_related("event__venue", "event__organiser")
        .prefetch_related(seat_choices())
    )


def _saved_items(user: User | int) -> list[SavedItem]:
    visible = _visible_events()
    sittings = Sitting.objects.select_related("slot").order_by("slot__starts_at", "pk")
    return list(
        SavedItem.objects.filter(user=user)
        .filter(Q(event__in=visible) | Q(session__event__in=visible))
        .select_related(
            "event__venue", "event__organiser", "session__event__venue", "session__event__organiser"
        )
        .prefetch_related(Prefetch("session__sittings", queryset=sittings, to_attr="sitting_list"))
    )


def my_programme(user: User | int) -> list[EventPlan]:
    """The person's (a user or their id) coming events with what they reserved and saved,
    in time order."""
    plans: dict[int, EventPlan] = {}
    for reservation in _reservations(user):
        plan = plans.setdefault(reservation.event_id, EventPlan(event=reservation.event))
        plan.reservation = reservation
        for choice in reservation.choice_list:  # type: ignore[attr-defined]  # prefetched (to_attr)
            plan.entries.append(Entry(sitting=choice.sitting, reserved=True, saved=False))
    for item in _saved_items(user):
        if item.event is not None:
            plans.setdefault(item.event.pk, EventPlan(event=item.event)).saved = True
            continue
        session = item.session
        assert session is not None  # the database allows an event or a session
        plan = plans.setdefault(session.event_id, EventPlan(event=session.event))
        sittings = session.sitting_list  # type: ignore[attr-defined]  # prefetched (to_attr)
        mine = [entry for entry in plan.entries if entry.sitting.session_id == session.pk]
        if mine:
            for entry in mine:
                entry.saved = True
        elif not sittings:
            plan.unscheduled.append(session)
        for sitting in sittings if not mine else ():
            sitting.session = session
            plan.entries.append(Entry(sitting=sitting, reserved=False, saved=True))
    for plan in plans.values():
        plan.entries.sort(key=lambda entry: entry.sort_key)
    return sorted(plans.values(), key=lambda plan: (plan.event.starts_at, plan.event.pk))


def saved_ids(user: User | AnonymousUser, kind: str, ids: Iterable[int]) -> set[int]:
    """Which of these events (or sessions) the person saved: one query, none when anonymous."""
    ids = list(ids)
    if isinstance(user, AnonymousUser) or not ids:
        return set()
    column = f"{kind}_id"
    found = SavedItem.objects.filter(user=user, **{f"{column}__in": ids})
    return set(found.values_list(column, flat=True))


def is_saved(user: User | AnonymousUser, kind: str, item_id: int) -> bool:
    return item_id in saved_ids(user, kind, [item_id])


def programme_calendar(user_id: int, *, feed_url: str) -> icalendar.Calendar:
    """The person's private feed: the events they reserved (naming their sessions) or saved,
    and the sittings of their chosen and saved sessions (events/calendars.py says how)."""
    plans = my_programme(user_id)
    return event_calendar_for(
        [plan.event for plan in plans if plan.reservation or plan.saved],
        name=_("Mijn programma"),
        feed_url=feed_url,
        chosen={plan.event.pk: reserved_sittings(plan) for plan in plans if plan.reservation},
        changed_at={
            plan.event.pk: moment
            for plan in plans
            if plan.reservation and (moment := last_choice(plan)) is not None
        },
        saved_event_ids={plan.event.pk for plan in plans if plan.saved and not plan.reservation},
        sittings=[
            PersonalSitting(event=plan.event, sitting=entry.sitting, reserved=entry.reserved)
            for plan in plans
            for entry in plan.entries
        ],
    )


def reserved_sittings(plan: EventPlan) -> list[Sitting]:
    return [entry.sitting for entry in plan.entries if entry.reserved]


def last_choice(plan: EventPlan) -> dt.datetime | None:
    choices = plan.reservation.choice_list if plan.reservation else []  # type: ignore[attr-defined]  # prefetched (to_attr)
    return max((choice.created_at for choice in choices), default=None)
