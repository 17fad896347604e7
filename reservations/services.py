"""Reserving, cancelling and promoting from the waiting list.

Every function here is one transaction that first locks the event row and then the sittings
involved, in ascending id order, and only then counts places and seats. All changes to one
event's reservations therefore queue on the event's lock: nothing is ever overbooked, also
when hundreds of people reserve in the same minute, and two transactions never wait for each
other's locks in opposite order. (SQLite has no row locks; its IMMEDIATE transactions
serialise every writer, which gives the same guarantee in development.)

So the lock is held only for what must be serialised: the count. What does not depend on
other people's reservations (is the event open, is the choice of sessions valid, has this
person reserved already) is checked before it, on plain reads, and what is read under the
lock is checked again there without a query: the locked event's status and dates, the
locked sittings' rounds. A new reservation goes further (_reserve): it is counted on plain
reads too, and written with that forecast before the lock (its row, history, seat choices
and mail), so that under the lock one statement counts again, leaving this reservation
out, and the commit follows. Where others took or freed a place in between, the forecast
is corrected there (correct_forecast); a refusal on the forecast writes nothing and takes
no lock. The person's own earlier reservation is kept unique by a constraint
(one_active_reservation_per_user_per_event), which also catches the same person reserving
twice at once: both pass the check, and the second waits at writing its row until the first
commits, then fails. The page cache hears of the change after the commit, once
(common.page_cache.availability_changed).

E-mails are queued in the same transaction (reservations/outbox.py): a reservation cannot
commit without its mail, nobody is told about one that was rolled back, and no request waits
for a mail server.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from common.capacity import places_left
from common.errors import ServiceError
from common.page_cache import availability_changed
from events.enums import EventStatus
from events.models import Event
from reservations.counting import Taken, count_taken
from reservations.enums import MailKind, ReservationStatus
from reservations.models import (
    CalendarFeed,
    OutgoingMail,
    Reservation,
    SeatChoice,
    new_feed_token,
)
from reservations.outbox import queue_mail, queue_mailing, rewrite_queued_mail
from reservations.queries import active_reservation, count_confirmed
from sessions.enums import SlotKind
from sessions.models import Sitting, Slot


class ReservationError(ServiceError):
    """A reservation request that cannot be carried out; the message is for the visitor."""


class SittingFullError(ReservationError):
    """Chosen sittings without a free seat; `sittings` says which, so a form can mark them."""

    def __init__(self, sittings: Sequence[Sitting]) -> None:
        super().__init__(
            _("Deze sessie is vol: %(sessions)s. Kies een andere.")
            % {"sessions": ", ".join(str(sitting.session) for sitting in sittings)},
            code="sitting_full",
        )
        self.sittings = list(sittings)


@dataclass
class Promotion:
    reservation: Reservation


def lock_event(event_id: int) -> Event:
    """The event, locked until the transaction ends.

    FOR NO KEY UPDATE queues every change of the event's reservations as FOR UPDATE would,
    but not the KEY SHARE locks that foreign-key checks take on the event and its sittings.
    Django's constraints defer those checks to the commit, when the lock is held already;
    were they immediate, a reservation written before the lock (_reserve) would hold one
    while it waits for the lock, and two such would deadlock under FOR UPDATE."""
    return get_event(Event.objects.select_for_update(no_key=True), event_id)


def get_event(events: QuerySet[Event], event_id: int) -> Event:
    try:
        return events.get(pk=event_id)
    except Event.DoesNotExist:
        raise ReservationError(_("Dit evenement bestaat niet."), code="unknown_event") from None


def why_not_reservable(event: Event) -> ReservationError | None:
    now = timezone.now()
    if event.status == EventStatus.DRAFT:
        return ReservationError(_("Dit evenement bestaat niet."), code="unknown_event")
    if event.status == EventStatus.CANCELLED:
        return ReservationError(_("Dit evenement is geannuleerd."), code="event_cancelled")
    if event.starts_at <= now:
        return ReservationError(_("Dit evenement is al begonnen of voorbij."), code="event_past")
    if not event.reservation_required:
        return ReservationError(
            _("Voor dit evenement hoef je niet te reserveren."), code="no_reservation"
        )
    if event.reservations_open_at and now < event.reservations_open_at:
        return ReservationError(_("Reserveren is nog niet mogelijk."), code="window_not_open")
    if event.reservations_close_at and now >= event.reservations_close_at:
        return ReservationError(_("Reserveren is niet meer mogelijk."), code="window_closed")
    return None


def has_room(event: Event) -> bool:
    return places_left(event.capacity, count_confirmed(event)) != 0


@dataclass(frozen=True)
class Counted:
    """What a reservation is counted against: the chosen sittings read anew, those of them
    without a free seat, and whether the event has a place left."""

    sittings: list[Sitting]
    full: list[Sitting]
    has_room: bool

    def status(self, *, wait_for_full_sittings: bool) -> ReservationStatus:
        """Confirmed or on the waiting list; refused (SittingFullError) when a chosen
        sitting is full and the visitor does not want to wait for it."""
        if self.full and not wait_for_full_sittings:
            raise SittingFullError(self.full)
        if self.has_room and not self.full:
            return ReservationStatus.CONFIRMED
        return ReservationStatus.WAITLISTED


def chosen_sittings(event: Event, sitting_ids: Iterable[int]) -> Counted:
    """The chosen sittings in id order, with what is taken in them and in the event, read
    in one statement without a lock (a forecast, before the event's lock), after checking
    they form a valid choice: the event's break-out sittings, one per round, no session
    twice, a sitting in every round that requires one."""
    ids = sorted(set(sitting_ids))
    taken = count_taken(event.pk, ids)
    sittings = [
        Sitting(pk=row.pk, slot_id=row.slot_id, session_id=row.session_id, capacity=row.capacity)
        for row in taken.sittings
    ]
    forecast = tally(event, ids, sittings, taken)
    missing = Slot.objects.filter(event=event, kind=SlotKind.ROUND, choice_required=True).exclude(
        pk__in=[sitting.slot_id for sitting in sittings]
    )
    if missing.exists():
        names = ", ".join(slot.title for slot in missing)
        raise ReservationError(
            _("Kies een sessie in: %(rounds)s.") % {"rounds": names}, code="round_required"
        )
    return forecast


def check_choice(ids: Sequence[int], sittings: Sequence[Sitting]) -> None:
    """Without a query: the sittings found for `ids` are all of them, one per round, and
    hold no session twice."""
    if len(sittings) != len(ids):
        raise ReservationError(
            _("Een gekozen sessie hoort niet bij dit evenement."), code="foreign_sitting"
        )
    rounds = [sitting.slot_id for sitting in sittings]
    if len(rounds) != len(set(rounds)):
        raise ReservationError(_("Kies per ronde één sessie."), code="two_in_one_round")
    # A session held in two rounds is the same table twice: one seat at it is enough.
    sessions = [sitting.session_id for sitting in sittings]
    twice = {sitting.session for sitting in sittings if sessions.count(sitting.session_id) > 1}
    if twice:
        raise ReservationError(
            _("Je hebt %(session)s in twee rondes gekozen. Kies een sessie maar één keer.")
            % {"session": ", ".join(sorted(str(session) for session in twice))},
            code="same_session_twice",
        )


def lock_and_count(
    event: Event, sittings: list[Sitting], *, excluding: Reservation | None = None
) -> Counted:
    """With the event locked: the sittings from chosen_sittings locked and read anew in id
    order, with what is taken in them and in the event by confirmed reservations other
    than `excluding`, in one statement (reservations.counting); the counts are final.

    The sittings' capacity is the one counted against; a sitting moved to another event or
    round meanwhile is checked again (check_choice). A round made required meanwhile is
    not: the reservation counts as made just before that change."""
    ids = pks(sittings)
    taken = count_taken(event.pk, ids, excluding=excluding.pk if excluding else None, lock=True)
    current = {row.pk: row for row in taken.sittings}
    found = [sitting for sitting in sittings if sitting.pk in current]
    for sitting in found:
        sitting.slot_id, sitting.capacity = (
            current[sitting.pk].slot_id,
            current[sitting.pk].capacity,
        )
    return tally(event, ids, found, taken)


def tally(event: Event, ids: Sequence[int], sittings: list[Sitting], taken: Taken) -> Counted:
    """Without a query: the counts of `taken` applied to the sittings found for `ids`,
    after checking the choice again."""
    check_choice(ids, sittings)
    seats = {row.pk: row.seats_taken for row in taken.sittings}
    return Counted(
        sittings=sittings,
        full=[s for s in sittings if places_left(s.capacity, seats[s.pk]) == 0],
        has_room=places_left(event.capacity, taken.places) != 0,
    )


def pks(sittings: Iterable[Sitting]) -> list[int]:
    return [sitting.pk for sitting in sittings]


def notify(
    reservation: Reservation,
    kind: MailKind,
    *,
    dropped_sitting_ids: Sequence[int] = (),
    full_sitting_ids: Sequence[int] = (),
) -> OutgoingMail:
    return queue_mail(
        reservation,
        kind,
        dropped_sitting_ids=list(dropped_sitting_ids),
        full_sitting_ids=list(full_sitting_ids),
    )


ALREADY_RESERVED = "one_active_reservation_per_user_per_event"


def already_reserved() -> ReservationError:
    return ReservationError(
        _("Je hebt al een reservering voor dit evenement."), code="already_reserved"
    )


def reserve(
    *,
    event_id: int,
    user: User,
    name: str,
    email: str,
    dietary_wishes: str = "",
    sitting_ids: Iterable[int] = (),
    wait_for_full_sittings: bool = False,
) -> Reservation:
    """A confirmed place, or a place on the waiting list when the event is full.

    A chosen sitting without a free seat is refused (SittingFullError), unless the visitor
    asks to wait for it: then the reservation goes on the waiting list with its choices
    kept, even when the event itself still has places (see promote_waitlisted).
    """
    try:
        return _reserve(
            event_id=event_id,
            user=user,
            name=name,
            email=email,
            dietary_wishes=dietary_wishes,
            sitting_ids=sitting_ids,
            wait_for_full_sittings=wait_for_full_sittings,
        )
    except IntegrityError as error:
        # The same person reserving twice at once: both passed the check before the lock.
        if ALREADY_RESERVED not in str(error):
            raise
        raise already_reserved() from None


@transaction.atomic
def _reserve(
    *,
    event_id: int,
    user: User,
    name: str,
    email: str,
    dietary_wishes: str,
    sitting_ids: Iterable[int],
    wait_for_full_sittings: bool,
) -> Reservation:
    # Before the lock, on plain reads: all that does not depend on others' reservations,
    # and a forecast of what does. A refusal stands on the forecast: it writes nothing, so
    # it is true of the moment counted.
    unlocked = get_event(Event.objects.all(), event_id)
    raise_if_not_reservable(unlocked)
    if active_reservation(unlocked, user) is not None:
        raise already_reserved()
    forecast = chosen_sittings(unlocked, sitting_ids)
    chosen = forecast.sittings
    status = forecast.status(wait_for_full_sittings=wait_for_full_sittings)
    reservation = Reservation.objects.create(
        event=unlocked,
        user=user,
        name=name.strip(),
        email=email,
        dietary_wishes=dietary_wishes.strip() if unlocked.includes_meal else "",
        language=translation.get_language() or settings.LANGUAGE_CODE,
        status=status,
    )
    SeatChoice.objects.bulk_create(
        SeatChoice(reservation=reservation, sitting_id=sitting.pk, slot_id=sitting.slot_id)
        for sitting in chosen
    )
    mail = notify(reservation, MAIL_FOR[status], full_sitting_ids=pks(forecast.full))

    # Under the lock: count again, not counting this reservation, and correct the forecast
    # where others took or freed a place or seat in between.
    event = lock_event(event_id)
    raise_if_not_reservable(event)  # changed while this transaction waited for the lock?
    counted = lock_and_count(event, chosen, excluding=reservation)
    final = counted.status(wait_for_full_sittings=wait_for_full_sittings)
    if (final, pks(counted.full)) != (status, pks(forecast.full)):
        correct_forecast(reservation, mail, final, full=counted.full)
    # Saving the reservation told the page cache already; bulk_create sends no signals.
    availability_changed()
    return reservation


MAIL_FOR = {
    ReservationStatus.CONFIRMED: MailKind.CONFIRMED,
    ReservationStatus.WAITLISTED: MailKind.WAITLISTED,
}


def correct_forecast(
    reservation: Reservation,
    mail: OutgoingMail,
    status: ReservationStatus,
    *,
    full: Sequence[Sitting],
) -> None:
    """Under the lock: a reservation written on a forecast that others overtook gets its
    real outcome, in its row, in the first line of its history and in its mail (queued in
    this transaction, so no worker has seen it; only the immediate task backend of the
    tests would have sent it already, so tests of a correction use `task_queue`)."""
    reservation.status = status
    Reservation.objects.filter(pk=reservation.pk).update(status=status)
    reservation.history.filter(history_type="+").update(status=status)
    rewrite_queued_mail(mail, MAIL_FOR[status], full_sitting_ids=pks(full))


def raise_if_not_reservable(event: Event) -> None:
    problem = why_not_reservable(event)
    if problem:
        raise problem


@transaction.atomic
def choose_seats(*, reservation_id: int, user: User, sitting_ids: Iterable[int]) -> Reservation:
    """Replace a reservation's session choices, one per round, where seats are left."""
    reservation = own_reservation(reservation_id, user, with_event=True)
    # Before the lock, on plain reads, and again under it (without a query but the refresh).
    raise_if_unchangeable(reservation, reservation.event)
    chosen = chosen_sittings(reservation.event, sitting_ids).sittings
    event = lock_event(reservation.event_id)
    reservation.refresh_from_db()
    raise_if_unchangeable(reservation, event)
    counted = lock_and_count(event, chosen, excluding=reservation)
    sittings = counted.sittings
    kept = set(reservation.seat_choices.values_list("sitting_id", flat=True))
    full = [sitting for sitting in counted.full if sitting.pk not in kept]
    if full:
        raise SittingFullError(full)
    reservation.seat_choices.exclude(sitting__in=sittings).delete()
    SeatChoice.objects.bulk_create(
        SeatChoice(reservation=reservation, sitting_id=sitting.pk, slot_id=sitting.slot_id)
        for sitting in sittings
        if sitting.pk not in kept
    )
    # A seat given up, or a full sitting no longer waited for, may let someone in.
    promote_waitlisted(event)
    availability_changed()
    return reservation


@transaction.atomic
def cancel(*, reservation_id: int, user: User) -> Reservation:
    """Cancel one's own reservation; a freed place goes to the first on the waiting list."""
    reservation = own_reservation(reservation_id, user)
    event = lock_event(reservation.event_id)
    reservation.refresh_from_db()
    if reservation.status == ReservationStatus.CANCELLED:
        raise ReservationError(_("Deze reservering was al geannuleerd."), code="already_cancelled")
    was_confirmed = reservation.status == ReservationStatus.CONFIRMED
    reservation.status = ReservationStatus.CANCELLED
    reservation.cancelled_at = timezone.now()
    reservation.checked_in_at = None
    reservation.save(update_fields=["status", "cancelled_at", "checked_in_at", "updated_at"])
    notify(reservation, MailKind.CANCELLED)
    if was_confirmed:
        promote_waitlisted(event)
    return reservation


def raise_if_unchangeable(reservation: Reservation, event: Event) -> None:
    if reservation.status == ReservationStatus.CANCELLED:
        raise ReservationError(_("Deze reservering is geannuleerd."), code="cancelled")
    if event.starts_at <= timezone.now():
        raise ReservationError(_("Dit evenement is al begonnen of voorbij."), code="event_past")


# Changes to an event that its attendees must hear about.
NOTIFIED_FIELDS = frozenset(
    {"starts_at", "ends_at", "venue", "format", "livestream_url", "participation_url"}
)


def change_mail(event: Event, changed: frozenset[str]) -> MailKind | None:
    """The mail the attendees get for these changes to the event, if any."""
    if "status" in changed and event.status == EventStatus.CANCELLED:
        return MailKind.EVENT_CANCELLED
    if NOTIFIED_FIELDS & changed and event.status == EventStatus.PUBLISHED:
        return MailKind.EVENT_CHANGED
    return None


@transaction.atomic
def event_changed(*, event: Event, changed: frozenset[str]) -> None:
    """An event was saved with new values in `changed`, by anyone (admin, shell, import).

    More places move the waiting list up at once; a cancellation or a change of time,
    place or links queues a mail to everyone with an active reservation, in the same
    transaction as the change.
    """
    if "capacity" in changed:
        fill_from_waitlist(event_id=event.pk)
    kind = change_mail(event, changed)
    if kind:
        recipients = Reservation.objects.filter(event=event).active().exclude(email="")
        queue_mailing(event, kind, recipients)


@transaction.atomic
def fill_from_waitlist(*, event_id: int) -> list[Promotion]:
    """Confirm people from the waiting list while there is room, e.g. after more places were added."""
    return promote_waitlisted(lock_event(event_id))


def promote_waitlisted(event: Event) -> list[Promotion]:
    """With the event locked: confirm people from the waiting list while places are free.

    The waiting list is gone through in its order (WAITLIST_ORDER). A reservation is
    confirmed when the event has a place and every sitting it chose has a free seat; it
    keeps all its choices. One whose chosen sitting is still full keeps its place in line
    and waits, and the place goes to the next one in line who can use it. So a person
    waiting for a full session gets in as soon as a seat in it frees up (a cancellation,
    or someone choosing another session), and one who would rather come without that
    session can change the choice on their reservation, which promotes them then.

    Sittings are locked per reservation in id order; all of this runs under the event's
    lock, which every change to the event's reservations takes first, so it cannot
    deadlock with another service.
    """
    promotions: list[Promotion] = []
    if not has_room(event):
        return promotions
    for reservation in Reservation.objects.waitlisted().filter(event=event):
        chosen = list(
            reservation.seat_choices.order_by("sitting").values_list("sitting", flat=True)
        )
        taken = count_taken(event.pk, chosen, excluding=reservation.pk, lock=True)
        if any(places_left(row.capacity, row.seats_taken) == 0 for row in taken.sittings):
            continue
        reservation.status = ReservationStatus.CONFIRMED
        reservation.save(update_fields=["status", "updated_at"])
        promotions.append(Promotion(reservation))
        notify(reservation, MailKind.PROMOTED)
        if not has_room(event):
            break
    return promotions


def own_reservation(reservation_id: int, user: User, *, with_event: bool = False) -> Reservation:
    """The user's own reservation; anybody else's is reported as not found."""
    reservations = (
        Reservation.objects.select_related("event") if with_event else Reservation.objects
    )
    try:
        return reservations.get(pk=reservation_id, user=user)
    except Reservation.DoesNotExist:
        raise ReservationError(_("Deze reservering bestaat niet."), code="not_found") from None


@transaction.atomic
def renew_calendar_feed(*, user: User) -> CalendarFeed:
    """A new secret link for the personal calendar; the old link stops working at once."""
    feed, created = CalendarFeed.objects.select_for_update().get_or_create(user=user)
    if not created:
        feed.token = new_feed_token()
        feed.save(update_fields=["token"])
    return feed


@transaction.atomic
def check_in(*, reservation_id: int, event_id: int) -> Reservation:
    """Mark a confirmed participant present; checking in twice keeps the first time."""
    reservation = (
        Reservation.objects.select_for_update().filter(pk=reservation_id, event_id=event_id).first()
    )
    if reservation is None:
        raise ReservationError(_("Deze reservering bestaat niet."), code="not_found")
    if reservation.status != ReservationStatus.CONFIRMED:
        raise ReservationError(
            _("Alleen een bevestigde reservering kan worden aangemeld."), code="not_confirmed"
        )
    if reservation.checked_in_at is None:
        reservation.checked_in_at = timezone.now()
        reservation.save(update_fields=["checked_in_at", "updated_at"])
    return reservation


@transaction.atomic
def undo_check_in(*, reservation_id: int, event_id: int) -> Reservation:
    reservation = (
        Reservation.objects.select_for_update().filter(pk=reservation_id, event_id=event_id).first()
    )
    if reservation is None:
        raise ReservationError(_("Deze reservering bestaat niet."), code="not_found")
    reservation.checked_in_at = None
    reservation.save(update_fields=["checked_in_at", "updated_at"])
    return reservation
