"""E-mails to attendees about their reservation and about changes to the event.

Every mail is a subject / text / HTML triple under ``templates/emails/<kind>…``; the event
details and the chosen sessions come from shared includes, so that all kinds describe an
event in the same words. Mails are rendered in the language active when they are sent
(the caller activates it), with times always in Europe/Amsterdam, where the event is.

This module writes mails; it sends none. Services queue an OutgoingMail in their own
transaction and a worker delivers it (reservations/outbox.py), rendering it here as it reads
at that moment.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils.formats import date_format
from django.utils.translation import get_language

from common.links import absolute_url
from common.timezone import in_amsterdam
from events.calendars import event_calendar_for
from events.enums import EventFormat
from events.models import Event
from reservations.enums import MailKind, ReservationStatus
from reservations.models import OutgoingMail, Reservation
from reservations.queries import seat_choices, waitlist_position
from sessions.models import Sitting

# The overview of one's reservations. Literal, so that mails do not depend on the name the
# view gets in the URLconf; a test checks that the path still leads there.
MY_RESERVATIONS_PATH = "/mijn-reserveringen/"
# Plain text/calendar: calendars.py sends no METHOD in the file, and a Content-Type
# "method=" that differs from the file's METHOD makes some clients reject the attachment.
# Django adds the charset itself.
ICS_MIMETYPE = "text/calendar"
# Kinds that give the attendee a place to put in their calendar. A change of the event
# carries it too, for those with a place: its UID is the same, so a calendar updates the
# entry it has.
WITH_CALENDAR = frozenset({MailKind.CONFIRMED, MailKind.PROMOTED, MailKind.REMINDER})


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


def load_reservation(reservation_id: int) -> Reservation | None:
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
    if kind in WITH_CALENDAR or (
        kind == MailKind.EVENT_CHANGED and reservation.status == ReservationStatus.CONFIRMED
    ):
        # The file names the sessions chosen per round, as the mail does.
        choices = getattr(reservation, "choice_list", [])
        calendar = event_calendar_for(
            [event],
            name=event.title,
            chosen={event.pk: [choice.sitting for choice in choices]},
            changed_at={event.pk: max(choice.created_at for choice in choices)}
            if choices
            else None,
        )
        message.attach(f"{event.slug}.ics", calendar.to_ical(), ICS_MIMETYPE)
    return message


def render_mail(mail: OutgoingMail, reservation: Reservation) -> EmailMultiAlternatives:
    """The mail as it reads now, for `reservation` loaded with `load_reservation`: the
    waiting-list place is counted when the mail is written, not when it was queued."""
    kind = mail.kind
    waiting = reservation.status == ReservationStatus.WAITLISTED
    position = waitlist_position(reservation) if waiting else None
    if kind == MailKind.ORGANISER_MESSAGE:
        assert mail.mailing is not None
        context = _organiser_message_context(
            reservation,
            subject=mail.mailing.subject,
            message=mail.mailing.message,
            greeting=mail.mailing.greeting,
        )
        return _render_message(reservation, kind, context)
    dropped = (
        _dropped_sessions(reservation.event, mail.details.get("dropped_sitting_ids", []))
        if kind == MailKind.PROMOTED
        else []
    )
    full_ids = set(mail.details.get("full_sitting_ids", []))
    full_sessions = [
        _session_line(reservation.event, choice.sitting)
        for choice in reservation.choice_list  # type: ignore[attr-defined]  # prefetched (to_attr)
        if kind == MailKind.WAITLISTED and choice.sitting_id in full_ids
    ]
    context = _context(reservation, kind, waitlist_position=position, dropped=dropped) | {
        "full_sessions": full_sessions
    }
    return _render_message(reservation, kind, context)


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
