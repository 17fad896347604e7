"""Mails on their way: queued with the change that causes them, delivered by a worker.

A service that changes something attendees must hear about calls `queue_mail` (one
attendee) or `queue_mailing` (many) inside its own transaction. Both write OutgoingMail rows
and a task (django-tasks' database backend) in that transaction: a change cannot commit
without its mails, and a mail cannot leave for a change that was rolled back. No request
waits for a mail server.

A worker runs `deliver_mail` for one mail:
1. it claims the mail for LEASE (one conditional UPDATE), so a second task for the same
   mail, on any worker, finds it taken and does nothing;
2. it writes the mail as it reads now, and skips it when it is no longer true (a
   confirmation for a reservation cancelled since, a reminder for a start that moved);
3. it sends it and marks it sent right after the mail server accepted it.

A delivery that fails (mail server down or refusing) is tried again after RETRY_PAUSES,
minutes to hours; after the last one, and at once for a mail that cannot be written (a
template error), the mail is marked failed and kept as an UndeliveredMail for the
organisers, who can queue it again (`send_again`). One mail's failure never touches another.

So every mail is delivered at least once. A worker that dies between two mails leaves
the next one queued for the next worker; one that dies while sending leaves a claim that
runs out, and `recover_stalled` (a scheduled job) queues that mail again. Only a worker
that dies in the instant after the server accepted a mail and before marking it sent
makes that one mail go twice.
"""

import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone, translation
from django_tasks import TaskResultStatus, task
from django_tasks.exceptions import TaskResultDoesNotExist

from common.mail import RETRY_PAUSES, SEND_ERRORS, describe_failure
from common.tasks import enqueue_after
from events.enums import EventStatus
from events.models import Event
from reservations.enums import ACTIVE_RESERVATION_STATUSES, MailKind, MailStatus, ReservationStatus
from reservations.models import Mailing, OutgoingMail, Reservation, UndeliveredMail
from reservations.notifications import load_reservation, render_mail

logger = logging.getLogger("reservations.outbox")

# How long a worker may take over one mail before it counts as dead. Far longer than a send
# can take (EMAIL_TIMEOUT), so a slow worker is never taken for a dead one.
LEASE = dt.timedelta(minutes=10)

# The reservation statuses each kind of mail is still true for when its turn comes.
STILL_TRUE_FOR: dict[str, tuple[str, ...]] = {
    MailKind.CONFIRMED: (ReservationStatus.CONFIRMED,),
    MailKind.PROMOTED: (ReservationStatus.CONFIRMED,),
    MailKind.WAITLISTED: (ReservationStatus.WAITLISTED,),
    MailKind.CANCELLED: (ReservationStatus.CANCELLED,),
    MailKind.EVENT_CHANGED: ACTIVE_RESERVATION_STATUSES,
    MailKind.EVENT_CANCELLED: tuple(ReservationStatus.values),
    MailKind.ORGANISER_MESSAGE: ACTIVE_RESERVATION_STATUSES,
    MailKind.REMINDER: (ReservationStatus.CONFIRMED,),
}


# Queueing, in the caller's transaction --------------------------------------------------


def queue_mail(reservation: Reservation, kind: str, **details: list[int]) -> OutgoingMail:
    """Queue one mail about `reservation`; `details` are the sitting-id lists it needs."""
    mail = OutgoingMail.objects.create(
        reservation=reservation,
        kind=kind,
        language=translation.get_language() or settings.LANGUAGE_CODE,
        details=_details(details),
    )
    _enqueue_delivery(mail.pk)
    return mail


def rewrite_queued_mail(mail: OutgoingMail, kind: str, **details: list[int]) -> None:
    """Change what a mail queued earlier in this same transaction will say: no worker
    can have seen it yet."""
    mail.kind, mail.details = kind, _details(details)
    OutgoingMail.objects.filter(pk=mail.pk).update(kind=mail.kind, details=mail.details)


def _details(details: dict[str, list[int]]) -> dict[str, list[int]]:
    return {name: list(ids) for name, ids in details.items() if ids}


def queue_mailing(
    event: Event,
    kind: str,
    recipients: QuerySet[Reservation],
    *,
    created_by: User | None = None,
    subject: str = "",
    message: str = "",
    greeting: bool = True,
    starts_at: dt.datetime | None = None,
) -> Mailing:
    """Queue one mail of `kind` per reservation in `recipients`, each in the language its
    person reserved in: two inserts and one task, whatever the number of recipients; the
    worker then queues a delivery task per mail (dispatch_mailing)."""
    mailing = Mailing.objects.create(
        event=event,
        kind=kind,
        subject=subject,
        message=message,
        greeting=greeting,
        starts_at=starts_at,
        created_by=created_by,
    )
    OutgoingMail.objects.bulk_create(
        OutgoingMail(mailing=mailing, reservation_id=pk, kind=kind, language=language)
        for pk, language in recipients.values_list("pk", "language")
    )
    dispatch_mailing.enqueue(mailing.pk)
    return mailing


@task()
def dispatch_mailing(mailing_id: int) -> int:
    """Queue a delivery task for each queued mail of a mailing, once; the number queued.

    One transaction: a worker that dies halfway leaves the mailing undispatched, and
    `recover_stalled` dispatches it again."""
    with transaction.atomic():
        mailing = (
            Mailing.objects.select_for_update()
            .filter(pk=mailing_id, dispatched_at__isnull=True)
            .first()
        )
        if mailing is None:
            return 0
        mail_ids = list(mailing.mails.filter(status=MailStatus.QUEUED).values_list("pk", flat=True))
        for mail_id in mail_ids:
            _enqueue_delivery(mail_id)
        Mailing.objects.filter(pk=mailing.pk).update(dispatched_at=timezone.now())
    return len(mail_ids)


def _enqueue_delivery(mail_id: int, *, after: dt.timedelta | None = None) -> None:
    """Queue the delivery task of a mail and note its id on the mail (recover_stalled
    looks it up). With `after`, the task waits that long (a retry)."""
    result = enqueue_after(deliver_mail, after, mail_id) if after else deliver_mail.enqueue(mail_id)
    # With the immediate backend of the tests the mail is delivered already: no update.
    OutgoingMail.objects.filter(pk=mail_id, status=MailStatus.QUEUED).update(task_id=result.id)


# Delivering, in a worker ----------------------------------------------------------------


@task()
def deliver_mail(mail_id: int) -> str:
    """Deliver one queued mail; returns what became of it (a MailStatus, or "taken")."""
    return deliver(mail_id)


def deliver(mail_id: int) -> str:
    now = timezone.now()
    claimed = (
        OutgoingMail.objects.filter(pk=mail_id, status=MailStatus.QUEUED)
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        .update(claimed_until=now + LEASE)
    )
    if not claimed:
        return "taken"  # sent, given up, skipped, or being sent by another worker
    mail = OutgoingMail.objects.select_related("mailing").get(pk=mail_id)
    reservation = load_reservation(mail.reservation_id)
    if reservation is None or not reservation.email or not still_true(mail, reservation):
        _finish(mail, MailStatus.SKIPPED)
        return MailStatus.SKIPPED
    with translation.override(mail.language):
        try:
            message = render_mail(mail, reservation)
        except Exception as error:
            logger.exception(
                "E-mail not written: %s mail for reservation %s (id %d)",
                mail.kind,
                reservation.code,
                reservation.pk,
                extra={"reservation_id": reservation.pk, "mail_kind": mail.kind},
            )
            _give_up(mail, error)
            return MailStatus.FAILED
    try:
        with get_connection() as connection:
            connection.send_messages([message])
    except SEND_ERRORS as error:
        return _retry_or_give_up(mail, error)
    _finish(mail, MailStatus.SENT)
    return MailStatus.SENT


def still_true(mail: OutgoingMail, reservation: Reservation) -> bool:
    """Whether the mail still says what is so: the reservation's status fits its kind, a
    reminder's event still starts when the reminder says, a change was not overtaken by a
    cancellation."""
    if reservation.status not in STILL_TRUE_FOR[mail.kind]:
        return False
    event = reservation.event
    if mail.kind == MailKind.REMINDER:
        return (
            event.status == EventStatus.PUBLISHED
            and mail.mailing is not None
            and mail.mailing.starts_at == event.starts_at
        )
    if mail.kind == MailKind.EVENT_CHANGED:
        return event.status != EventStatus.CANCELLED
    return True


def _finish(mail: OutgoingMail, status: str) -> None:
    now = timezone.now()
    with transaction.atomic():
        OutgoingMail.objects.filter(pk=mail.pk).update(
            status=status,
            claimed_until=None,
            attempts=F("attempts") + (1 if status == MailStatus.SENT else 0),
            sent_at=now if status == MailStatus.SENT else None,
        )
        if status == MailStatus.SENT:
            # Sent again from the organisers' list of undelivered mails.
            UndeliveredMail.objects.filter(mail=mail, sent_at__isnull=True).update(sent_at=now)


def _retry_or_give_up(mail: OutgoingMail, error: BaseException) -> str:
    attempt = mail.attempts + 1
    if attempt > len(RETRY_PAUSES):
        _give_up(mail, error)
        return MailStatus.FAILED
    pause = RETRY_PAUSES[attempt - 1]
    logger.warning(
        "E-mail attempt %d of %d failed (%s): %s mail %d, next attempt in %s",
        attempt,
        len(RETRY_PAUSES) + 1,
        describe_failure(error),
        mail.kind,
        mail.pk,
        pause,
    )
    with transaction.atomic():
        OutgoingMail.objects.filter(pk=mail.pk).update(
            attempts=attempt,
            claimed_until=None,
            due_at=timezone.now() + pause,
            error=describe_failure(error),
        )
        _enqueue_delivery(mail.pk, after=pause)
    return MailStatus.QUEUED


def _give_up(mail: OutgoingMail, error: BaseException) -> None:
    """Mark the mail failed and keep it for the organisers; logged with what it takes to
    send it again (the reservation, the kind), not the address."""
    reservation_id, kind = mail.reservation_id, mail.kind
    logger.error(
        "E-mail not sent: %s mail %d for reservation id %d (%s)",
        kind,
        mail.pk,
        reservation_id,
        describe_failure(error),
        extra={"reservation_id": reservation_id, "mail_kind": kind},
    )
    with transaction.atomic():
        OutgoingMail.objects.filter(pk=mail.pk).update(
            status=MailStatus.FAILED,
            attempts=F("attempts") + 1,
            claimed_until=None,
            error=describe_failure(error),
        )
        # A mail sent again that failed again keeps its one line in the organisers' list.
        if not UndeliveredMail.objects.filter(mail=mail, sent_at__isnull=True).update(
            error=describe_failure(error), failed_at=timezone.now()
        ):
            UndeliveredMail.objects.create(
                reservation_id=reservation_id, kind=kind, mail=mail, error=describe_failure(error)
            )


# Sending again and recovering -----------------------------------------------------------


@transaction.atomic
def send_again(undelivered: Sequence[UndeliveredMail]) -> int:
    """Queue undelivered mails once more, as they will read then; the number queued.

    A mail no longer true by then is skipped by the worker, like any other."""
    queued = 0
    now = timezone.now()
    for record in undelivered:
        if record.sent_at is not None:
            continue
        if record.mail_id is None:  # recorded before mails were queued
            record.mail = OutgoingMail.objects.create(
                reservation_id=record.reservation_id,
                kind=record.kind,
                language=record.reservation.language,
            )
            record.save(update_fields=["mail"])
        assert record.mail is not None
        # Not a mail sent meanwhile (`undelivered` read before that), nor one a worker is
        # sending now: clearing its claim would let a second worker send it too.
        if (
            not OutgoingMail.objects.filter(pk=record.mail.pk)
            .exclude(status=MailStatus.SENT)
            .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
            .update(status=MailStatus.QUEUED, attempts=0, claimed_until=None, due_at=now)
        ):
            continue
        _enqueue_delivery(record.mail.pk)
        queued += 1
    return queued


@dataclass(frozen=True)
class Recovered:
    mails: int
    mailings: int


@task()
def recover_stalled_mails() -> dict[str, int]:
    recovered = recover_stalled()
    return {"mails": recovered.mails, "mailings": recovered.mailings}


def recover_stalled(now: dt.datetime | None = None) -> Recovered:
    """Queue again what a dead worker left: mails whose claim ran out, mails whose task is
    gone without them (a worker that died just after taking the task), and mailings that
    were never dispatched. A scheduled job (settings.SCHEDULED_TASKS)."""
    now = now or timezone.now()
    queued = OutgoingMail.objects.filter(status=MailStatus.QUEUED)
    claim_ran_out = queued.filter(claimed_until__lt=now)
    long_due = queued.filter(claimed_until__isnull=True, due_at__lt=now - LEASE)
    stalled = list(claim_ran_out.values_list("pk", flat=True)) + [
        pk for pk, task_id in long_due.values_list("pk", "task_id") if not _task_waiting(task_id)
    ]
    for mail_id in stalled:
        with transaction.atomic():
            if (
                queued.filter(pk=mail_id)
                .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
                .update(claimed_until=None, due_at=now)
            ):
                _enqueue_delivery(mail_id)
    undispatched = list(
        Mailing.objects.filter(dispatched_at__isnull=True, created_at__lt=now - LEASE).values_list(
            "pk", flat=True
        )
    )
    for mailing_id in undispatched:
        dispatch_mailing.enqueue(mailing_id)
    if stalled or undispatched:
        logger.warning(
            "Queued again: %d stalled mail(s), %d undispatched mailing(s)",
            len(stalled),
            len(undispatched),
        )
    return Recovered(mails=len(stalled), mailings=len(undispatched))


def _task_waiting(task_id: str) -> bool:
    """Whether the mail's delivery task is still waiting for a worker (a long queue)."""
    if not task_id:
        return False
    try:
        return deliver_mail.get_result(task_id).status == TaskResultStatus.READY
    except (TaskResultDoesNotExist, NotImplementedError):  # pruned; a backend without results
        return False
