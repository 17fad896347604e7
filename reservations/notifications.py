"""E-mails to attendees about their reservation and about changes to the event.

Every mail is a subject / text / HTML triple under ``templates/emails/<kind>…``; the event
details and the chosen sessions come from shared includes, so that all kinds describe an
event in the same words. Mails are rendered in the language active when they are sent
(the caller activates it), with times always in Europe/Amsterdam, where the event is.

Services call these functions with ``transaction.on_commit``: the reservation is already
stored when a mail is sent, so a mail that cannot be delivered is never raised. A failed
delivery (mail server down, connection refused) is tried again a few times with a short
pause; a mail that still fails is logged as an error naming the kind of mail and the
reservation (id and code), which is what it takes to send it again. A mail that cannot
even be rendered (a template error, text the calendar refuses) is logged and recorded the
same way, never raised: the reservation it is about is stored already.
"""

import datetime as dt
import logging
import smtplib
import time
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import DatabaseError
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language

from common.links import absolute_url
from common.timezone import in_amsterdam
from events.calendars import event_calendar_for
from events.enums import EventFormat
from events.models import Event
from reservations.enums import ACTIVE_RESERVATION_STATUSES, MailKind, ReservationStatus
from reservations.models import WAITLIST_ORDER, Reservation, UndeliveredMail
from reservations.queries import seat_choices, waitlist_position
from sessions.models import Sitting

logger = logging.getLogger("reservations.notifications")

# The overview of one's reservations. Literal, so that mails do not depend on the name the
# view gets in the URLconf; a test checks that the path still leads there.
MY_RESERVATIONS_PATH = "/mijn-reserveringen/"
# Plain text/calendar: calendars.py sends no METHOD in the file, and a Content-Type
# "method=" that differs from the file's METHOD makes some clients reject the attachment.
# Django adds the charset itself.
ICS_MIMETYPE = "text/calendar"
# Failures of delivery. A mail that fails to render is a bug, logged as one (with the
# traceback) and recorded like a delivery failure, but never raised (see _build).
SEND_ERRORS = (smtplib.SMTPException, OSError)
# Pauses before the second and third attempt. Short, because the attendee's request waits
# for them; they ride out a mail server that restarts or is briefly overloaded.
RETRY_DELAYS: tuple[float, ...] = (0.5, 2.0)


RESERVATION_KINDS = frozenset(
    {MailKind.CONFIRMED, MailKind.WAITLISTED, MailKind.PROMOTED, MailKind.CANCELLED}
)
EVENT_KINDS = frozenset({MailKind.EVENT_CHANGED, MailKind.EVENT_CANCELLED})
# Kinds that give the attendee a place to put in their calendar.
WITH_CALENDAR = frozenset({MailKind.CONFIRMED, MailKind.PROMOTED})


@dataclass(frozen=True)
class SessionLine:
    """One chosen (or dropped) session in one round, ready to print."""

    round_title: str
    time: str
    session: str
    room: str


# Formatting -----------------------------------------------------------------------------


def _day(moment: dt.datetime) -> str:
    # date_format names the day and month in the active language: "maandag 31 oktober 2016".
    return date_format(in_amsterdam(moment), "l j F Y")


def _time(moment: dt.datetime) -> str:
    return f"{in_amsterdam(moment):%H.%M}"


def event_when(event: Event) -> str:
    """ "maandag 31 oktober 2016, 14.00–18.00", or both days for an event spanning several."""
    start, end = in_amsterdam(event.starts_at), in_amsterdam(event.ends_at)
    if start.date() == end.date():
        return f"{_day(start)}, {_time(start)}–{_time(end)}"
    return f"{_day(start)}, {_time(start)} – {_day(end)}, {_time(end)}"


def _slot_time(event: Event, starts_at: dt.datetime, ends_at: dt.datetime) -> str:
    times = f"{_time(starts_at)}–{_time(ends_at)}"
    if in_amsterdam(event.starts_at).date() == in_amsterdam(event.ends_at).date():
        return times
    return f"{date_format(in_amsterdam(starts_at), 'l j F')}, {times}"


def _session_line(event: Event, sitting: Sitting) -> SessionLine:
    slot = sitting.slot
    return SessionLine(
        round_title=slot.title,
        time=_slot_time(event, slot.starts_at, slot.ends_at),
        session=str(sitting.session),
        room=sitting.room,
    )


# Loading --------------------------------------------------------------------------------


def _load_reservation(reservation_id: int) -> Reservation | None:
    """The reservation with its event, venue, organiser and seat choices: two queries."""
    return (
        Reservation.objects.select_related("event__venue", "event__organiser")
        .prefetch_related(seat_choices())
        .filter(pk=reservation_id)
        .first()
    )


def _dropped_sessions(event: Event, sitting_ids: Sequence[int]) -> list[SessionLine]:
    if not sitting_ids:
        return []
    sittings = (
        Sitting.objects.filter(pk__in=sitting_ids, slot__event=event)
        .select_related("session", "slot")
        .order_by("slot__starts_at", "session__code")
    )
    return [_session_line(event, sitting) for sitting in sittings]


# Building and sending -------------------------------------------------------------------


def _context(
    reservation: Reservation,
    kind: str,
    *,
    waitlist_position: int | None = None,
    dropped: Sequence[SessionLine] = (),
) -> dict[str, object]:
    event = reservation.event
    return {
        "kind": kind,
        "reservation": reservation,
        "event": event,
        "venue": event.venue if event.format != EventFormat.LIVECAST else None,
        "when": event_when(event),
        "online_links": event.online_links(),
        "sessions": [_session_line(event, choice.sitting) for choice in reservation.choice_list],  # type: ignore[attr-defined]  # prefetched (to_attr)
        "dropped_sessions": list(dropped),
        "waitlisted": reservation.status == ReservationStatus.WAITLISTED,
        "waitlist_position": waitlist_position,
        "event_url": absolute_url(event.get_absolute_url()),
        "my_reservations_url": absolute_url(MY_RESERVATIONS_PATH),
        "site_url": settings.SITE_URL,
        "language_code": get_language() or settings.LANGUAGE_CODE,
    }


def _render_message(
    reservation: Reservation, kind: str, context: dict[str, object]
) -> EmailMultiAlternatives:
    # Newlines in a subject would be refused as header injection; one line is the design.
    subject = " ".join(render_to_string(f"emails/{kind}_subject.txt", context).split())
    text = render_to_string(f"emails/{kind}.txt", context)
    html = render_to_string(f"emails/{kind}.html", context)
    event = reservation.event
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[reservation.email],
        # Questions about the event go to its organisers, not to the no-reply sender.
        reply_to=[event.contact_email] if event.contact_email else None,
        # Tells auto-responders (holiday replies) not to answer (RFC 3834).
        headers={"Auto-Submitted": "auto-generated"},
    )
    message.attach_alternative(html, "text/html")
    if kind in WITH_CALENDAR:
        calendar = event_calendar_for([event], name=event.title)
        message.attach(f"{event.slug}.ics", calendar.to_ical(), ICS_MIMETYPE)
    return message


@dataclass(frozen=True)
class Outgoing:
    """One mail with what it takes to send it again: the reservation and the kind."""

    message: EmailMultiAlternatives
    reservation_id: int
    code: str
    kind: str


def _send(
    outgoing: Sequence[Outgoing], *, delays: Sequence[float] = RETRY_DELAYS, record: bool = True
) -> int:
    """Send mails one by one, retrying what is left after a failure; the number delivered.

    Each retry opens a new connection and continues with the first mail not yet accepted,
    so nobody gets a mail twice. Mails still unsent after the last attempt are logged as
    errors, one line per reservation, without the address (it stays in the reservation),
    and, with `record`, kept as an UndeliveredMail for the organisers.
    """
    pending = list(outgoing)
    sent = 0
    attempts = len(delays) + 1
    error: BaseException | None = None
    for attempt, delay in enumerate((0.0, *delays), start=1):
        if not pending:
            break
        if delay:
            time.sleep(delay)
        try:
            with get_connection() as connection:
                while pending:
                    connection.send_messages([pending[0].message])
                    pending.pop(0)
                    sent += 1
        except SEND_ERRORS as failure:
            error = failure
            logger.warning(
                "E-mail attempt %d of %d failed (%s); %d mail(s) left",
                attempt,
                attempts,
                failure,
                len(pending),
            )
    for mail in pending:
        logger.error(
            "E-mail not sent after %d attempts: %s mail for reservation %s (id %d)",
            attempts,
            mail.kind,
            mail.code,
            mail.reservation_id,
            exc_info=error,
            extra={"reservation_id": mail.reservation_id, "mail_kind": mail.kind},
        )
    if pending and record:
        _record_undelivered([(mail.reservation_id, mail.kind) for mail in pending], error)
    return sent


def _record_undelivered(mails: Sequence[tuple[int, str]], error: BaseException | None) -> None:
    """Keep (reservation id, kind) pairs as UndeliveredMail, so organisers can resend them."""
    try:
        UndeliveredMail.objects.bulk_create(
            UndeliveredMail(reservation_id=reservation_id, kind=kind, error=str(error)[:300])
            for reservation_id, kind in mails
        )
    except DatabaseError:
        # The log lines above are then the only trace; they name every reservation.
        logger.exception("Could not record %d undelivered mail(s)", len(mails))


def _build(
    reservation: Reservation, kind: str, context: dict[str, object], *, record: bool = True
) -> Outgoing | None:
    """The rendered mail, or None when it cannot be rendered: then the failure is logged
    (with the traceback) and, with `record`, kept as an UndeliveredMail; never raised,
    because the reservation it is about is already stored (and a page waits for it)."""
    try:
        message = _render_message(reservation, kind, context)
    except Exception as error:
        logger.exception(
            "E-mail not rendered: %s mail for reservation %s (id %d)",
            kind,
            reservation.code,
            reservation.pk,
            extra={"reservation_id": reservation.pk, "mail_kind": kind},
        )
        if record:
            _record_undelivered([(reservation.pk, kind)], error)
        return None
    return Outgoing(message, reservation.pk, reservation.code, kind)


def send_reservation_mail(
    reservation_id: int,
    kind: str,
    *,
    dropped_sitting_ids: Sequence[int] = (),
    full_sitting_ids: Sequence[int] = (),
) -> None:
    """Tell one attendee about their reservation: confirmed, waitlisted, promoted, cancelled.

    ``dropped_sitting_ids`` are, for a promotion, the sittings that were full by then and
    were taken off the reservation; the mail invites the attendee to choose again.
    ``full_sitting_ids`` are, for a place on the waiting list, the chosen sittings that were
    full: the attendee waits for a seat in them rather than for a place in the event.

    Runs after the reservation was committed, so nothing here may undo it: an anonymised
    reservation (gone, or without an address) is skipped and a delivery failure (SMTP
    down) is retried a few times, then logged with the reservation id and code; it is
    never raised.
    """
    if kind not in RESERVATION_KINDS:
        raise ValueError(f"Not a reservation mail: {kind!r}")
    reservation = _load_reservation(reservation_id)
    if reservation is None:
        logger.warning("No %s mail: reservation %s no longer exists", kind, reservation_id)
        return
    if not reservation.email:
        logger.info("No %s mail: reservation %s has no address", kind, reservation.code)
        return
    position = waitlist_position(reservation) if kind == MailKind.WAITLISTED else None
    dropped = (
        _dropped_sessions(reservation.event, dropped_sitting_ids)
        if kind == MailKind.PROMOTED
        else []
    )
    full_sessions = [
        _session_line(reservation.event, choice.sitting)
        for choice in reservation.choice_list  # type: ignore[attr-defined]  # prefetched (to_attr)
        if kind == MailKind.WAITLISTED and choice.sitting_id in full_sitting_ids
    ]
    context = _context(reservation, kind, waitlist_position=position, dropped=dropped) | {
        "full_sessions": full_sessions
    }
    outgoing = _build(reservation, kind, context)
    if outgoing is not None:
        _send([outgoing])


def send_event_mail(event_id: int, kind: str) -> int:
    """Tell everybody with an active reservation that the event changed or was cancelled.

    Returns the number of mails sent. Call it before the reservations of a cancelled event
    are themselves cancelled: only confirmed and waitlisted reservations are written to.
    Delivery failures are retried and logged as in ``send_reservation_mail``.
    """
    if kind not in EVENT_KINDS:
        raise ValueError(f"Not an event mail: {kind!r}")
    event = Event.objects.select_related("venue", "organiser").filter(pk=event_id).first()
    if event is None:
        logger.warning("No %s mail: event %s no longer exists", kind, event_id)
        return 0
    reservations = list(
        Reservation.objects.filter(event=event, status__in=ACTIVE_RESERVATION_STATUSES)
        .prefetch_related(seat_choices())
        .order_by(*WAITLIST_ORDER)
    )
    # Waiting-list places from the list already loaded, in the order promotion uses;
    # anonymised reservations still hold their place, so they are counted before skipping.
    waiting = [r for r in reservations if r.status == ReservationStatus.WAITLISTED]
    positions = {r.pk: number for number, r in enumerate(waiting, start=1)}
    recipients = [r for r in reservations if r.email]
    outgoing = []
    for reservation in recipients:
        reservation.event = event  # one event object for all, no query per reservation
        context = _context(reservation, kind, waitlist_position=positions.get(reservation.pk))
        built = _build(reservation, kind, context)
        if built is not None:
            outgoing.append(built)
    return _send(outgoing)


# Sending again -----------------------------------------------------------------------------

# The reservation status each kind of mail is still true for; a mail that is no longer true
# (a confirmation for a reservation cancelled since) is not sent again.
STILL_TRUE_FOR: dict[str, tuple[str, ...]] = {
    MailKind.CONFIRMED: (ReservationStatus.CONFIRMED,),
    MailKind.PROMOTED: (ReservationStatus.CONFIRMED,),
    MailKind.WAITLISTED: (ReservationStatus.WAITLISTED,),
    MailKind.CANCELLED: (ReservationStatus.CANCELLED,),
    MailKind.EVENT_CHANGED: ACTIVE_RESERVATION_STATUSES,
    MailKind.EVENT_CANCELLED: tuple(ReservationStatus.values),
}


class ResendResult(StrEnum):
    SENT = "sent"
    OUTDATED = "outdated"  # no longer true, or the reservation has no address any more
    FAILED = "failed"


def resend_undelivered(undelivered: UndeliveredMail) -> ResendResult:
    """Send an undelivered mail once more, as it would read now; mark it sent if it went.

    One attempt and no new record: the organiser who asked sees the result at once.
    """
    reservation = _load_reservation(undelivered.reservation_id)
    kind = undelivered.kind
    if (
        reservation is None
        or not reservation.email
        or reservation.status not in STILL_TRUE_FOR[kind]
    ):
        return ResendResult.OUTDATED
    waiting = reservation.status == ReservationStatus.WAITLISTED
    context = _context(
        reservation, kind, waitlist_position=waitlist_position(reservation) if waiting else None
    )
    outgoing = _build(reservation, kind, context, record=False)
    if outgoing is None or not _send([outgoing], delays=(), record=False):
        return ResendResult.FAILED
    UndeliveredMail.objects.filter(pk=undelivered.pk).update(sent_at=timezone.now())
    return ResendResult.SENT


def organiser_message_mail(
    reservation: Reservation, *, subject: str, message: str, greeting: bool
) -> EmailMultiAlternatives:
    """The organiser's message to one reservation (with its event and choices loaded),
    as sent and as previewed; `greeting` adds the automatic "Beste <name>," above it."""
    context = _organiser_message_context(
        reservation, subject=subject, message=message, greeting=greeting
    )
    return _render_message(reservation, MailKind.ORGANISER_MESSAGE, context)


def _organiser_message_context(
    reservation: Reservation, *, subject: str, message: str, greeting: bool
) -> dict[str, object]:
    return _context(reservation, MailKind.ORGANISER_MESSAGE) | {
        "subject": subject,
        "message": message,
        "greeting": greeting,
    }


def organiser_message_recipients(event: Event, reservation_ids: Sequence[int]) -> list[Reservation]:
    recipients = list(
        Reservation.objects.filter(event=event, pk__in=reservation_ids)
        .exclude(email="")
        .prefetch_related(seat_choices())
        .order_by("created_at", "pk")
    )
    for reservation in recipients:
        reservation.event = event
    return recipients


def send_organiser_message(
    event_id: int, reservation_ids: Sequence[int], *, subject: str, message: str, greeting: bool
) -> int:
    """Send an organiser's own message to the given reservations, one mail each.

    Every mail has a single recipient, so nobody sees the addresses of the others. Returns
    the number of mails sent. Failures are retried and logged like any mail, but not kept
    as undelivered mails: their text is not stored, and the organiser who sent them is told
    at once how many went out (events/event_admin_tools.py).
    """
    event = Event.objects.select_related("venue", "organiser").filter(pk=event_id).first()
    if event is None:
        logger.warning("No organiser message: event %s no longer exists", event_id)
        return 0
    kind = MailKind.ORGANISER_MESSAGE
    outgoing = []
    for reservation in organiser_message_recipients(event, reservation_ids):
        context = _organiser_message_context(
            reservation, subject=subject, message=message, greeting=greeting
        )
        # Not recorded when it cannot be rendered: its text is not stored to send again.
        built = _build(reservation, kind, context, record=False)
        if built is not None:
            outgoing.append(built)
    return _send(outgoing, record=False)
