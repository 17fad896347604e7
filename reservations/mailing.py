"""An organiser's own message to the attendees of an event ("the room has changed")."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from common.errors import ServiceError
from events.models import Event
from reservations.enums import MailAudience, MailKind
from reservations.models import Mailing, Reservation
from reservations.notifications import organiser_message_mail, organiser_message_recipients
from reservations.outbox import queue_mailing
from reservations.queries import attendees_in

SUBJECT_MAX_LENGTH = 150
MESSAGE_MAX_LENGTH = 5000


class MailingError(ServiceError):
    """A message that cannot be sent as asked; the message is for the organiser."""


# An opening line such as "Beste deelnemer," or "Hallo allemaal,": short, ending in a comma.
OWN_GREETING_MAX_LENGTH = 60


def has_own_greeting(message: str) -> bool:
    """Whether the organiser opened the message with a greeting of their own; the mail then
    leaves out its automatic "Beste <name>,", so that it has one greeting."""
    first_line = message.strip().split("\n", 1)[0].strip()
    return first_line.endswith(",") and len(first_line) <= OWN_GREETING_MAX_LENGTH


@dataclass(frozen=True)
class Preview:
    """The mail as the first recipient will get it."""

    name: str
    subject: str
    text: str


def why_not_sendable(
    *, audiences: Iterable[str], subject: str, message: str
) -> MailingError | None:
    """The first problem with the input, shared by the form and the service."""
    if not set(audiences) or not set(audiences) <= set(MailAudience.values):
        return MailingError(_("Kies aan wie het bericht gaat."), code="no_audience")
    if not subject.strip():
        return MailingError(_("Geef het bericht een onderwerp."), code="no_subject")
    # A line break in a header would let the text add headers of its own.
    if "\n" in subject or "\r" in subject:
        return MailingError(_("Het onderwerp moet op één regel staan."), code="subject_lines")
    if len(subject) > SUBJECT_MAX_LENGTH:
        return MailingError(
            _("Het onderwerp mag hoogstens %(max)s tekens lang zijn.")
            % {"max": SUBJECT_MAX_LENGTH},
            code="subject_length",
        )
    if not message.strip():
        return MailingError(_("Schrijf een bericht."), code="no_message")
    if len(message) > MESSAGE_MAX_LENGTH:
        return MailingError(
            _("Het bericht mag hoogstens %(max)s tekens lang zijn.") % {"max": MESSAGE_MAX_LENGTH},
            code="message_length",
        )
    return None


def recipient_ids(event: Event, audiences: Iterable[str]) -> list[int]:
    """One reservation per address: a person who reserved twice gets the message once."""
    seen: set[str] = set()
    ids = []
    for pk, email in attendees_in(event, audiences).exclude(email="").values_list("pk", "email"):
        if email.casefold() not in seen:
            seen.add(email.casefold())
            ids.append(pk)
    return ids


@transaction.atomic
def mail_attendees(
    *,
    event_id: int,
    audiences: Iterable[str],
    subject: str,
    message: str,
    sent_by: User | None = None,
) -> Mailing:
    """Queue one mail per attendee in the audiences; a worker sends them after commit."""
    audiences = list(audiences)
    problem = why_not_sendable(audiences=audiences, subject=subject, message=message)
    if problem:
        raise problem
    event = Event.objects.filter(pk=event_id).first()
    if event is None:
        raise MailingError(_("Dit evenement bestaat niet."), code="unknown_event")
    return queue_mailing(
        event,
        MailKind.ORGANISER_MESSAGE,
        Reservation.objects.filter(pk__in=recipient_ids(event, audiences)),
        created_by=sent_by,
        subject=subject.strip(),
        message=message.strip(),
        greeting=not has_own_greeting(message),
    )


def preview(
    event: Event, audiences: Iterable[str], *, subject: str, message: str
) -> Preview | None:
    """The mail to the first recipient exactly as mail_attendees will send it; None when
    nobody would get it."""
    ids = recipient_ids(event, audiences)
    recipients = organiser_message_recipients(event, ids[:1])
    if not recipients:
        return None
    mail = organiser_message_mail(
        recipients[0],
        subject=subject.strip(),
        message=message.strip(),
        greeting=not has_own_greeting(message),
    )
    return Preview(name=recipients[0].name, subject=str(mail.subject), text=str(mail.body))
