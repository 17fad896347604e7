"""The outbox (reservations/outbox.py): a mail goes once, only while it is still true; a
mailing is queued in a fixed number of queries and dispatched once; what a dead worker left
is queued again, and an undelivered mail can be sent again.

Most tests switch to the database backend, so that tasks wait for a worker; the test plays
the worker by calling deliver(), dispatch_mailing.call() or recover_stalled()."""

import datetime as dt

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from events.enums import EventStatus
from events.models import Event
from reservations import outbox
from reservations.enums import MailKind, MailStatus, ReservationStatus
from reservations.models import Mailing, OutgoingMail, Reservation, UndeliveredMail
from reservations.outbox import (
    LEASE,
    deliver,
    dispatch_mailing,
    queue_mail,
    queue_mailing,
    recover_stalled,
    send_again,
)
from tests.conftest import IMMEDIATE_TASKS
from tests.factories import EventFactory, ReservationFactory, UndeliveredMailFactory

pytestmark = pytest.mark.django_db


DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def tasks_later(settings):
    """Tasks wait in the database for a worker."""
    settings.TASKS = DATABASE_TASKS


def status_of(queued: OutgoingMail) -> str:
    queued.refresh_from_db()
    return queued.status


def deliver_tasks() -> list[DBTaskResult]:
    return list(DBTaskResult.objects.filter(task_path=outbox.deliver_mail.module_path))


def all_recipients(event: Event):
    return Reservation.objects.filter(event=event).active().exclude(email="")


# Once ------------------------------------------------------------------------------------


@pytest.mark.usefixtures("tasks_later")
def test_a_mail_goes_only_once():
    queued = queue_mail(ReservationFactory(), MailKind.CONFIRMED)

    assert deliver(queued.pk) == MailStatus.SENT
    assert deliver(queued.pk) == "taken"  # a second task for the same mail

    assert len(mail.outbox) == 1
    queued.refresh_from_db()
    assert queued.status == MailStatus.SENT and queued.attempts == 1
    assert queued.sent_at is not None and queued.claimed_until is None


@pytest.mark.usefixtures("tasks_later")
def test_a_mail_claimed_by_another_worker_is_left_to_it():
    queued = queue_mail(ReservationFactory(), MailKind.CONFIRMED)
    claim = timezone.now() + dt.timedelta(minutes=5)
    OutgoingMail.objects.filter(pk=queued.pk).update(claimed_until=claim)

    assert deliver(queued.pk) == "taken"

    assert mail.outbox == []
    queued.refresh_from_db()
    assert queued.status == MailStatus.QUEUED and queued.claimed_until == claim


@pytest.mark.usefixtures("tasks_later")
def test_a_claim_that_ran_out_is_taken_over():
    queued = queue_mail(ReservationFactory(), MailKind.CONFIRMED)
    OutgoingMail.objects.filter(pk=queued.pk).update(
        claimed_until=timezone.now() - dt.timedelta(seconds=1)
    )

    assert deliver(queued.pk) == MailStatus.SENT
    assert len(mail.outbox) == 1


@pytest.mark.usefixtures("tasks_later")
def test_the_mail_and_its_task_are_queued_with_the_change():
    reservation = ReservationFactory()

    queued = queue_mail(reservation, MailKind.CONFIRMED)

    queued.refresh_from_db()
    assert queued.status == MailStatus.QUEUED and queued.attempts == 0
    [task] = deliver_tasks()
    assert str(task.id) == queued.task_id
    assert task.args_kwargs["args"] == [queued.pk]
    assert mail.outbox == []  # nothing leaves before a worker takes it


def test_a_task_run_by_the_immediate_backend_delivers_it(mailoutbox):
    queued = queue_mail(ReservationFactory(), MailKind.CONFIRMED)

    assert status_of(queued) == MailStatus.SENT
    assert len(mailoutbox) == 1


# Only while still true --------------------------------------------------------------------


@pytest.mark.usefixtures("tasks_later")
def test_a_confirmation_for_a_reservation_cancelled_since_is_skipped():
    reservation = ReservationFactory()
    queued = queue_mail(reservation, MailKind.CONFIRMED)
    Reservation.objects.filter(pk=reservation.pk).update(status=ReservationStatus.CANCELLED)

    assert deliver(queued.pk) == MailStatus.SKIPPED

    assert mail.outbox == []
    queued.refresh_from_db()
    assert queued.status == MailStatus.SKIPPED
    assert queued.sent_at is None and queued.claimed_until is None and queued.attempts == 0


@pytest.mark.usefixtures("tasks_later")
def test_a_waiting_list_mail_after_a_promotion_is_skipped():
    reservation = ReservationFactory(status=ReservationStatus.WAITLISTED)
    queued = queue_mail(reservation, MailKind.WAITLISTED)
    Reservation.objects.filter(pk=reservation.pk).update(status=ReservationStatus.CONFIRMED)

    assert deliver(queued.pk) == MailStatus.SKIPPED
    assert mail.outbox == []


@pytest.mark.usefixtures("tasks_later")
def test_news_of_a_change_is_skipped_once_the_event_was_cancelled():
    event = EventFactory()
    ReservationFactory(event=event)
    mailing = queue_mailing(event, MailKind.EVENT_CHANGED, all_recipients(event))
    Event.objects.filter(pk=event.pk).update(status=EventStatus.CANCELLED)

    [queued] = mailing.mails.all()
    assert deliver(queued.pk) == MailStatus.SKIPPED
    assert mail.outbox == []


@pytest.mark.usefixtures("tasks_later")
def test_a_reminder_for_a_start_that_moved_is_skipped():
    event = EventFactory()
    ReservationFactory(event=event)
    mailing = queue_mailing(
        event, MailKind.REMINDER, all_recipients(event), starts_at=event.starts_at
    )
    Event.objects.filter(pk=event.pk).update(
        starts_at=event.starts_at + dt.timedelta(days=7),
        ends_at=event.ends_at + dt.timedelta(days=7),
    )

    [queued] = mailing.mails.all()
    assert deliver(queued.pk) == MailStatus.SKIPPED
    assert mail.outbox == []


@pytest.mark.usefixtures("tasks_later")
def test_a_reminder_for_the_start_that_stands_is_sent():
    event = EventFactory()
    ReservationFactory(event=event)
    mailing = queue_mailing(
        event, MailKind.REMINDER, all_recipients(event), starts_at=event.starts_at
    )

    [queued] = mailing.mails.all()
    assert deliver(queued.pk) == MailStatus.SENT
    assert len(mail.outbox) == 1


# Mailings ---------------------------------------------------------------------------------


def queries_to_queue_a_mailing(recipients: int) -> int:
    event = EventFactory()
    ReservationFactory.create_batch(recipients, event=event)
    with CaptureQueriesContext(connection) as queries:
        mailing = queue_mailing(event, MailKind.EVENT_CHANGED, all_recipients(event))
    assert mailing.mails.count() == recipients
    return len(queries)


@pytest.mark.usefixtures("tasks_later")
def test_a_mailing_is_queued_in_a_fixed_number_of_queries():
    # The mailing · the recipients · their mails, in one insert · the dispatch task.
    assert queries_to_queue_a_mailing(1) == 4
    assert queries_to_queue_a_mailing(50) == 4


@pytest.mark.usefixtures("tasks_later")
def test_a_mailing_is_dispatched_once():
    event = EventFactory()
    ReservationFactory.create_batch(3, event=event)
    mailing = queue_mailing(event, MailKind.EVENT_CHANGED, all_recipients(event))
    assert deliver_tasks() == []

    assert dispatch_mailing.call(mailing.pk) == 3
    assert dispatch_mailing.call(mailing.pk) == 0  # a second run, e.g. after recovery

    mailing.refresh_from_db()
    assert mailing.dispatched_at is not None
    tasks = deliver_tasks()
    assert len(tasks) == 3
    assert sorted(t.args_kwargs["args"][0] for t in tasks) == sorted(
        mailing.mails.values_list("pk", flat=True)
    )
    assert {str(t.id) for t in tasks} == set(mailing.mails.values_list("task_id", flat=True))


# Sending again ----------------------------------------------------------------------------


def failed_mail(kind: str = MailKind.CONFIRMED, **reservation) -> UndeliveredMail:
    booked = ReservationFactory(**reservation)
    outgoing = OutgoingMail.objects.create(
        reservation=booked, kind=kind, status=MailStatus.FAILED, attempts=6, error="refused"
    )
    return UndeliveredMailFactory(reservation=booked, mail=outgoing, kind=kind)


@pytest.mark.usefixtures("tasks_later")
def test_sending_again_queues_the_failed_mail_and_marks_it_sent_when_delivered():
    undelivered = failed_mail()

    assert send_again([undelivered]) == 1

    outgoing = undelivered.mail
    outgoing.refresh_from_db()
    assert outgoing.status == MailStatus.QUEUED and outgoing.attempts == 0
    [task] = deliver_tasks()
    assert str(task.id) == outgoing.task_id and task.args_kwargs["args"] == [outgoing.pk]
    undelivered.refresh_from_db()
    assert undelivered.sent_at is None  # not before it went

    assert deliver(outgoing.pk) == MailStatus.SENT

    undelivered.refresh_from_db()
    assert undelivered.sent_at is not None
    assert len(mail.outbox) == 1


def test_an_old_record_without_a_mail_gets_one(mailoutbox):
    undelivered = UndeliveredMailFactory(kind=MailKind.CONFIRMED, reservation__language="en")
    assert undelivered.mail is None

    assert send_again([undelivered]) == 1

    undelivered.refresh_from_db()
    assert undelivered.mail is not None
    assert undelivered.mail.reservation_id == undelivered.reservation_id
    assert undelivered.mail.kind == MailKind.CONFIRMED
    assert undelivered.mail.status == MailStatus.SENT
    assert undelivered.sent_at is not None
    assert [m.to for m in mailoutbox] == [[undelivered.reservation.email]]


def test_a_mail_no_longer_true_ends_skipped_when_sent_again(mailoutbox):
    undelivered = failed_mail(MailKind.WAITLISTED, status=ReservationStatus.CONFIRMED)

    send_again([undelivered])

    assert status_of(undelivered.mail) == MailStatus.SKIPPED
    undelivered.refresh_from_db()
    assert undelivered.sent_at is None
    assert mailoutbox == []


def test_a_record_already_sent_is_not_sent_again(mailoutbox):
    undelivered = failed_mail()
    UndeliveredMail.objects.filter(pk=undelivered.pk).update(sent_at=timezone.now())
    undelivered.refresh_from_db()

    assert send_again([undelivered]) == 0
    assert mailoutbox == []


@pytest.mark.usefixtures("tasks_later")
def test_sending_again_leaves_a_mail_being_sent_to_its_worker():
    undelivered = failed_mail()
    send_again([undelivered])  # the organiser clicks…
    claim = timezone.now() + LEASE
    OutgoingMail.objects.filter(pk=undelivered.mail_id).update(claimed_until=claim)  # a worker

    send_again([undelivered])  # … and clicks again while the mail is on its way

    outgoing = undelivered.mail
    outgoing.refresh_from_db()
    assert outgoing.claimed_until == claim
    assert deliver(outgoing.pk) == "taken"  # no second worker sends it alongside
    assert mail.outbox == []


@pytest.mark.usefixtures("tasks_later")
def test_a_stale_record_of_a_mail_sent_meanwhile_is_not_sent_twice():
    undelivered = failed_mail()
    stale = UndeliveredMail.objects.get(pk=undelivered.pk)  # read by a second admin page
    send_again([undelivered])
    assert deliver(undelivered.mail_id) == MailStatus.SENT

    assert send_again([stale]) == 0

    assert status_of(undelivered.mail) == MailStatus.SENT
    assert len(mail.outbox) == 1


# Recovering what a dead worker left -------------------------------------------------------


def queued_mail(**fields) -> OutgoingMail:
    queued = queue_mail(ReservationFactory(), MailKind.CONFIRMED)
    OutgoingMail.objects.filter(pk=queued.pk).update(**fields)
    return queued


def ago(minutes: int) -> dt.datetime:
    return timezone.now() - dt.timedelta(minutes=minutes)


def test_a_mail_whose_claim_ran_out_is_queued_again_and_delivered(settings, mailoutbox):
    settings.TASKS = DATABASE_TASKS
    queued = queued_mail(claimed_until=ago(1))
    settings.TASKS = IMMEDIATE_TASKS  # the recovered task runs at once

    recovered = recover_stalled()

    assert recovered.mails == 1 and recovered.mailings == 0
    assert status_of(queued) == MailStatus.SENT
    assert len(mailoutbox) == 1


@pytest.mark.usefixtures("tasks_later")
def test_a_mail_whose_claim_ran_out_gets_a_new_task():
    queued = queued_mail(claimed_until=ago(1))
    [old_task] = deliver_tasks()

    assert recover_stalled().mails == 1

    queued.refresh_from_db()
    assert queued.claimed_until is None
    assert queued.task_id != str(old_task.id)
    assert str(queued.task_id) in {str(t.id) for t in deliver_tasks()}
    assert deliver(queued.pk) == MailStatus.SENT


@pytest.mark.usefixtures("tasks_later")
def test_a_long_due_mail_whose_task_is_gone_is_queued_again():
    queued = queued_mail(due_at=timezone.now() - LEASE - dt.timedelta(minutes=1))
    DBTaskResult.objects.all().delete()  # the worker took the task and died

    assert recover_stalled().mails == 1

    [task] = deliver_tasks()
    queued.refresh_from_db()
    assert str(task.id) == queued.task_id
    assert deliver(queued.pk) == MailStatus.SENT


@pytest.mark.usefixtures("tasks_later")
def test_a_long_due_mail_whose_task_failed_is_queued_again():
    queued = queued_mail(due_at=timezone.now() - LEASE - dt.timedelta(minutes=1))
    DBTaskResult.objects.update(status=TaskResultStatus.FAILED)

    assert recover_stalled().mails == 1
    assert len(deliver_tasks()) == 2
    assert deliver(queued.pk) == MailStatus.SENT


@pytest.mark.usefixtures("tasks_later")
def test_a_long_due_mail_whose_task_still_waits_is_left_alone():
    # A long queue: the task is there, READY, not yet taken by a worker.
    queued = queued_mail(due_at=timezone.now() - LEASE - dt.timedelta(minutes=1))

    assert recover_stalled().mails == 0

    assert len(deliver_tasks()) == 1
    assert status_of(queued) == MailStatus.QUEUED


def test_a_long_due_mail_whose_backend_keeps_no_results_is_queued_again(settings, mailoutbox):
    settings.TASKS = DATABASE_TASKS
    queued = queued_mail(due_at=timezone.now() - LEASE - dt.timedelta(minutes=1))
    # A backend that cannot tell whether the task still waits: taken as gone.
    settings.TASKS = IMMEDIATE_TASKS

    assert recover_stalled().mails == 1
    assert status_of(queued) == MailStatus.SENT
    assert len(mailoutbox) == 1


@pytest.mark.usefixtures("tasks_later")
def test_a_mail_being_sent_is_left_alone():
    claim = timezone.now() + dt.timedelta(minutes=5)
    queued = queued_mail(claimed_until=claim, due_at=timezone.now() - LEASE * 2)

    assert recover_stalled().mails == 0

    queued.refresh_from_db()
    assert queued.claimed_until == claim
    assert len(deliver_tasks()) == 1


@pytest.mark.usefixtures("tasks_later")
def test_a_recently_queued_mail_is_left_alone():
    queued = queued_mail(task_id="")  # even without a task of its own

    assert recover_stalled().mails == 0
    assert status_of(queued) == MailStatus.QUEUED


@pytest.mark.usefixtures("tasks_later")
def test_mails_that_went_or_failed_are_left_alone():
    queued_mail(status=MailStatus.SENT, claimed_until=ago(20), due_at=ago(60))
    queued_mail(status=MailStatus.FAILED, due_at=ago(60))
    queued_mail(status=MailStatus.SKIPPED, due_at=ago(60))
    DBTaskResult.objects.all().delete()

    assert recover_stalled().mails == 0
    assert deliver_tasks() == []


def undispatched_mailing(created_minutes_ago: int) -> Mailing:
    event = EventFactory()
    ReservationFactory.create_batch(2, event=event)
    mailing = queue_mailing(event, MailKind.EVENT_CHANGED, all_recipients(event))
    Mailing.objects.filter(pk=mailing.pk).update(created_at=ago(created_minutes_ago))
    DBTaskResult.objects.all().delete()  # the dispatch task was taken by a worker that died
    return mailing


def test_a_mailing_never_dispatched_is_dispatched(settings, mailoutbox):
    settings.TASKS = DATABASE_TASKS
    mailing = undispatched_mailing(created_minutes_ago=11)
    settings.TASKS = IMMEDIATE_TASKS  # the recovered tasks run at once

    recovered = recover_stalled()

    assert recovered.mailings == 1 and recovered.mails == 0
    mailing.refresh_from_db()
    assert mailing.dispatched_at is not None
    assert set(mailing.mails.values_list("status", flat=True)) == {MailStatus.SENT}
    assert len(mailoutbox) == 2
    assert recover_stalled().mailings == 0  # once


@pytest.mark.usefixtures("tasks_later")
def test_a_mailing_just_made_is_left_to_its_own_task():
    mailing = undispatched_mailing(created_minutes_ago=1)

    assert recover_stalled().mailings == 0

    mailing.refresh_from_db()
    assert mailing.dispatched_at is None
