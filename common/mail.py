"""Sending a mail from a worker, with retries: the rules every mail of the portal follows.

Attendees' mails go through reservations/outbox.py, which keeps a row per mail. Mails
without such a row (allauth's: address verification, login codes, password resets) are
written in the request and handed to `send_prepared` as plain data, so the request does
not wait for the mail server either.
"""

import datetime as dt
import logging
import smtplib
from email.utils import parseaddr
from typing import Any

from django.core.mail import EmailMessage, EmailMultiAlternatives
from django_tasks import task

from common.tasks import enqueue_after

logger = logging.getLogger("common.mail")

# Failures of delivery, worth another attempt. Anything else while writing a mail is a bug.
SEND_ERRORS = (smtplib.SMTPException, OSError)
# Pauses before the second, third… attempt of a mail the server did not take; after the
# last one the mail is given up on. They ride out a restart and an afternoon's outage.
RETRY_PAUSES = (
    dt.timedelta(minutes=1),
    dt.timedelta(minutes=5),
    dt.timedelta(minutes=30),
    dt.timedelta(hours=2),
    dt.timedelta(hours=6),
)


def as_data(message: EmailMessage) -> dict[str, Any]:
    """What it takes to write the same message again in a worker (JSON: a task argument)."""
    alternatives = getattr(message, "alternatives", [])
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "to": list(message.to),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "alternatives": [[str(content), mimetype] for content, mimetype in alternatives],
    }


def from_data(data: dict[str, Any]) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        reply_to=data["reply_to"],
        headers=data["headers"],
    )
    for content, mimetype in data["alternatives"]:
        message.attach_alternative(content, mimetype)
    return message


def queue_prepared(message: EmailMessage) -> None:
    """Hand a written message to a worker; in a transaction, it leaves only if that commits."""
    send_prepared.enqueue(as_data(message), 1)


@task()
def send_prepared(data: dict[str, Any], attempt: int) -> bool:
    """Send a message written elsewhere; on a failed delivery queue it again after the next
    pause, and after the last attempt log it (without the address) and give up."""
    try:
        from_data(data).send()
    except SEND_ERRORS as error:
        domain = parseaddr(data["to"][0])[1].rpartition("@")[2] if data["to"] else ""
        if attempt > len(RETRY_PAUSES):
            logger.error(
                "E-mail not sent after %d attempts (%s): %r to an address at %s",
                attempt,
                error,
                data["subject"],
                domain,
            )
            return False
        logger.warning("E-mail attempt %d failed (%s); trying again later", attempt, error)
        enqueue_after(send_prepared, RETRY_PAUSES[attempt - 1], data, attempt + 1)
        return False
    return True
