"""An organiser's own message to the attendees of an event ("the room has changed")."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from common.errors import ServiceError
from events.models import Event
from reservations.enums import MailAudience
from reservations.notifications import send_organiser_message
from reservations.queries import attendees_in

SUBJECT_MAX_LENGTH = 150
MESSAGE_MAX_LENGTH = 5000


class MailingError(ServiceError):
    """A message that cannot be sent as asked; the message is for the organiser."""


@dataclass
class Mailing:
    """How many mails were queued; `sent` is filled in once they went out after commit."""

    recipients: int
    sent: int | None = None


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
    *, event_id: int, audiences: Iterable[str], subject: str, message: str
) -> Mailing:
    """Queue one mail per attendee in the audiences, sent when the transaction commits."""
    audiences = list(audiences)
    problem = why_not_sendable(audiences=audiences, subject=subject, message=message)
    if problem:
        raise problem
    event = Event.objects.filter(pk=event_id).first()
    if event is None:
        raise MailingError(_("Dit evenement bestaat niet."), code="unknown_event")
    ids = recipient_ids(event, audiences)
    mailing = Mailing(recipients=len(ids))

    def send() -> None:
        mailing.sent = send_organiser_message(
            event.pk, ids, subject=subject.strip(), message=message.strip()
        )

    if ids:
        transaction.on_commit(send)
    else:
        mailing.sent = 0
    return mailing
