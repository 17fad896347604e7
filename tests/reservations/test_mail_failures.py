"""With the mail server down, reservations still stand and no mail is silently lost.

A delivery the mail server did not take is tried again after RETRY_PAUSES, minutes to
hours (a task queued to run later); after the last one the mail is marked failed, kept as an
UndeliveredMail for the organisers and logged as an error that names the kind of mail and
the reservation's id, not the address. A mail that cannot be written fails at once. One
mail's failure never stops another.
"""

import datetime as dt
import logging
import smtplib

import icalendar
import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from events.models import Event
from reservations import outbox
from reservations.enums import MailKind, MailStatus, ReservationStatus
from reservations.models import OutgoingMail, Reservation, UndeliveredMail
from reservations.outbox import RETRY_PAUSES, deliver, queue_mail, queue_mailing
from tests.factories import (
    EventFactory,
    ReservationFactory,
    UndeliveredMailFactory,
    UserFactory,
)
from tests.query_counts import queries_for

pytestmark = pytest.mark.django_db

ATTEMPTS = len(RETRY_PAUSES) + 1


class FlakyBackend(EmailBackend):
    """Delivers to the test outbox, but follows `plan` first: per call, fail or deliver."""

    plan: list[BaseException | None] = []

    def send_messages(self, messages):
        failure = FlakyBackend.plan.pop(0) if FlakyBackend.plan else None
        if failure is not None:
            raise failure
        return super().send_messages(messages)


class DownBackend(EmailBackend):
    """A mail server that drops every connection."""

    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


@pytest.fixture
def flaky(settings):
    settings.EMAIL_BACKEND = "tests.reservations.test_mail_failures.FlakyBackend"
    FlakyBackend.plan = []
    yield FlakyBackend.plan
    FlakyBackend.plan = []


@pytest.fixture
def smtp_down(settings):
    settings.EMAIL_BACKEND = "tests.reservations.test_mail_failures.DownBackend"


@pytest.fixture
def smtp_refused(settings):
    """A real SMTP connection to a port where nothing listens: connection refused."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = 1
    settings.EMAIL_TIMEOUT = 2


@pytest.fixture
def tasks_later(settings):
    """Tasks wait in the database for a worker, which the test plays by calling deliver()."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def errors_logged(caplog) -> list[logging.LogRecord]:
    return [
        r for r in caplog.records if r.name == "reservations.outbox" and r.levelno >= logging.ERROR
    ]


def reserve(client, event: Event):
    response = client.post(
        reverse("reservations:reserve", args=[event.slug]), {"name": "Anna de Vries"}
    )
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    return response


def close_to(moment: dt.datetime, expected: dt.datetime) -> bool:
    return abs(moment - expected) < dt.timedelta(seconds=30)


# The change stands ------------------------------------------------------------------------


@pytest.mark.usefixtures("smtp_refused")
def test_a_reservation_stands_when_the_mail_server_refuses_connections(client, user, caplog):
    event = EventFactory(capacity=10)

    # Tasks run at once in the tests, retries included: each attempt is refused.
    reserve(client, event)

    reservation = Reservation.objects.get(user=user)
    assert reservation.status == ReservationStatus.CONFIRMED
    [queued] = reservation.outgoing_mails.all()
    assert queued.status == MailStatus.FAILED and queued.attempts == ATTEMPTS
    [error] = errors_logged(caplog)
    message = error.getMessage()
    assert f"confirmed mail {queued.pk} for reservation id {reservation.pk}" in message
    assert "refused" in message.lower()
    assert error.reservation_id == reservation.pk
    assert error.mail_kind == MailKind.CONFIRMED
    assert reservation.email not in message  # the address stays in the database


@pytest.mark.parametrize(
    "failure",
    [smtplib.SMTPException("421 try again later"), ConnectionRefusedError(111, "refused")],
    ids=["smtp-error", "refused"],
)
def test_a_cancellation_stands_when_every_attempt_fails(client, user, caplog, flaky, failure):
    reservation = ReservationFactory(user=user, email="anna@example.org")
    flaky.extend([failure] * ATTEMPTS)

    response = client.post(reverse("reservations:cancel", args=[reservation.code]))

    assert response.status_code == 302
    reservation.refresh_from_db()
    assert reservation.status == ReservationStatus.CANCELLED
    assert mail.outbox == []
    assert flaky == []  # every attempt was made
    [error] = errors_logged(caplog)
    assert f"cancelled mail {reservation.outgoing_mails.get().pk} for reservation id " in (
        error.getMessage()
    )


def test_a_passing_failure_is_retried_and_the_mail_arrives(flaky, caplog):
    reservation = ReservationFactory(email="anna@example.org")
    flaky.extend([smtplib.SMTPServerDisconnected("Connection unexpectedly closed")] * 2)

    queued = queue_mail(reservation, MailKind.CONFIRMED)

    [sent] = mail.outbox
    assert sent.to == ["anna@example.org"]
    assert errors_logged(caplog) == []
    queued.refresh_from_db()
    assert queued.status == MailStatus.SENT and queued.attempts == 3
    assert not UndeliveredMail.objects.exists()  # a delivered mail leaves no record


def test_without_failures_one_attempt(flaky):
    queued = queue_mail(ReservationFactory(), MailKind.CONFIRMED)

    assert len(mail.outbox) == 1
    queued.refresh_from_db()
    assert queued.attempts == 1 and queued.error == ""


# Retries, as a worker sees them -----------------------------------------------------------


def deliver_tasks(mail_id: int) -> list[DBTaskResult]:
    return list(
        DBTaskResult.objects.filter(
            task_path=outbox.deliver_mail.module_path, args_kwargs__args=[mail_id]
        ).order_by("enqueued_at", "run_after")
    )


@pytest.mark.usefixtures("smtp_down", "tasks_later")
def test_a_failed_send_is_queued_again_after_a_pause(caplog):
    queued = queue_mail(ReservationFactory(), MailKind.CONFIRMED)
    [first_task] = deliver_tasks(queued.pk)
    assert first_task.status == "READY"

    assert deliver(queued.pk) == MailStatus.QUEUED

    queued.refresh_from_db()
    assert queued.status == MailStatus.QUEUED
    assert queued.attempts == 1
    assert queued.claimed_until is None
    assert close_to(queued.due_at, timezone.now() + RETRY_PAUSES[0])
    assert "Connection unexpectedly closed" in queued.error
    [_first, retry] = deliver_tasks(queued.pk)
    assert str(retry.id) == queued.task_id
    assert retry.status == "READY"
    assert close_to(retry.run_after, queued.due_at)
    assert mail.outbox == []
    assert errors_logged(caplog) == []  # a warning until the last attempt
    assert not UndeliveredMail.objects.exists()


@pytest.mark.usefixtures("smtp_down", "tasks_later")
def test_after_the_last_retry_the_mail_is_kept_for_the_organisers(caplog):
    reservation = ReservationFactory(email="anna@example.org")
    queued = queue_mail(reservation, MailKind.CONFIRMED)
    due = []

    outcomes = []
    for _ in range(ATTEMPTS):
        outcomes.append(deliver(queued.pk))
        queued.refresh_from_db()
        due.append(queued.due_at)

    assert outcomes == [MailStatus.QUEUED] * len(RETRY_PAUSES) + [MailStatus.FAILED]
    assert queued.status == MailStatus.FAILED and queued.attempts == ATTEMPTS
    assert deliver(queued.pk) == "taken"  # given up: no further attempt
    # The first task and one per retry; none after giving up.
    assert len(deliver_tasks(queued.pk)) == ATTEMPTS
    # Each pause from the attempt that failed.
    for pause, due_at in zip(RETRY_PAUSES, due, strict=False):
        assert close_to(due_at, timezone.now() + pause)
    [undelivered] = UndeliveredMail.objects.all()
    assert undelivered.mail == queued
    assert undelivered.reservation == reservation
    assert undelivered.kind == MailKind.CONFIRMED
    assert undelivered.sent_at is None
    assert "Connection unexpectedly closed" in undelivered.error
    [error] = errors_logged(caplog)
    message = error.getMessage()
    assert f"confirmed mail {queued.pk} for reservation id {reservation.pk}" in message
    assert "Connection unexpectedly closed" in message
    assert "anna@example.org" not in message
    assert mail.outbox == []


def test_the_pauses_grow_from_minutes_to_hours():
    assert list(RETRY_PAUSES) == sorted(set(RETRY_PAUSES))
    assert RETRY_PAUSES[0] <= dt.timedelta(minutes=5)
    assert RETRY_PAUSES[-1] >= dt.timedelta(hours=1)
    # Together they ride out an afternoon's outage.
    assert sum(RETRY_PAUSES, dt.timedelta()) >= dt.timedelta(hours=4)


def test_a_batch_that_fails_halfway_continues_without_sending_twice(flaky, caplog):
    event = EventFactory()
    reservations = [ReservationFactory(event=event, email=f"p{n}@example.org") for n in range(3)]
    # The first mail goes out, the second fails once, then the rest follow.
    flaky.extend([None, smtplib.SMTPServerDisconnected("Connection unexpectedly closed")])

    mailing = queue_mailing(event, MailKind.EVENT_CHANGED, Reservation.objects.filter(event=event))

    assert sorted(m.to[0] for m in mail.outbox) == sorted(r.email for r in reservations)
    assert set(mailing.mails.values_list("status", flat=True)) == {MailStatus.SENT}
    assert errors_logged(caplog) == []


def test_a_batch_names_every_reservation_it_could_not_reach(flaky, caplog):
    event = EventFactory()
    reservations = [ReservationFactory(event=event, email=f"p{n}@example.org") for n in range(2)]
    flaky.extend([OSError("Network is unreachable")] * ATTEMPTS * 2)

    mailing = queue_mailing(
        event, MailKind.EVENT_CANCELLED, Reservation.objects.filter(event=event)
    )

    assert set(mailing.mails.values_list("status", flat=True)) == {MailStatus.FAILED}
    logged = " ".join(record.getMessage() for record in errors_logged(caplog))
    for reservation in reservations:
        assert f"for reservation id {reservation.pk}" in logged
    assert UndeliveredMail.objects.count() == 2


# Mails that cannot be written -------------------------------------------------------------


def test_a_reservation_for_an_event_whose_title_holds_a_line_break_stands_and_is_mailed(
    client, user
):
    event = EventFactory(capacity=10)
    # Past the validator: a row from before it, or an update(), which skips it.
    Event.objects.filter(pk=event.pk).update(title="Regel een\nRegel twee")

    reserve(client, event)

    assert Reservation.objects.get(user=user).status == ReservationStatus.CONFIRMED
    [sent] = mail.outbox
    [(filename, calendar, _mimetype)] = sent.attachments
    assert filename.endswith(".ics")
    [entry] = icalendar.Calendar.from_ical(calendar).walk("VEVENT")
    assert str(entry["summary"]) == "Regel een Regel twee"


def test_a_mail_that_cannot_be_rendered_is_logged_and_recorded_and_the_reservation_stands(
    client, user, caplog, monkeypatch
):
    def broken(*args, **kwargs):
        raise ValueError("Content line can not contain unescaped new line characters.")

    monkeypatch.setattr("reservations.notifications.event_calendar_for", broken)
    event = EventFactory(capacity=10)

    reserve(client, event)

    reservation = Reservation.objects.get(user=user)
    assert reservation.status == ReservationStatus.CONFIRMED
    assert mail.outbox == []
    [queued] = reservation.outgoing_mails.all()
    # At once: trying again would write the same broken mail.
    assert queued.status == MailStatus.FAILED and queued.attempts == 1
    written, given_up = errors_logged(caplog)
    assert f"confirmed mail for reservation {reservation.code} (id {reservation.pk})" in (
        written.getMessage()
    )
    assert isinstance(written.exc_info[1], ValueError)
    assert f"mail {queued.pk} for reservation id {reservation.pk}" in given_up.getMessage()
    [undelivered] = UndeliveredMail.objects.filter(reservation=reservation)
    assert undelivered.kind == MailKind.CONFIRMED
    assert undelivered.mail == queued
    assert "new line" in undelivered.error


def test_a_mail_of_a_mailing_that_cannot_be_written_does_not_stop_the_others(monkeypatch, caplog):
    event = EventFactory()
    broken, fine, also_fine = (
        ReservationFactory(event=event, email=f"p{n}@example.org") for n in range(3)
    )
    render = outbox.render_mail

    def fails_for_one(outgoing, reservation):
        if reservation.pk == broken.pk:
            raise KeyError("missing")
        return render(outgoing, reservation)

    monkeypatch.setattr(outbox, "render_mail", fails_for_one)

    mailing = queue_mailing(event, MailKind.EVENT_CHANGED, Reservation.objects.filter(event=event))

    assert sorted(m.to[0] for m in mail.outbox) == [fine.email, also_fine.email]
    statuses = dict(mailing.mails.values_list("reservation", "status"))
    assert statuses == {
        broken.pk: MailStatus.FAILED,
        fine.pk: MailStatus.SENT,
        also_fine.pk: MailStatus.SENT,
    }
    [undelivered] = UndeliveredMail.objects.all()
    assert undelivered.reservation == broken
    assert undelivered.mail == mailing.mails.get(reservation=broken)
    assert "missing" in undelivered.error


# Kept for the organisers ------------------------------------------------------------------


@pytest.mark.usefixtures("smtp_refused")
def test_a_mail_that_failed_is_kept_for_the_organisers(client, user):
    event = EventFactory(capacity=10)

    reserve(client, event)

    [undelivered] = UndeliveredMail.objects.all()
    assert undelivered.reservation == Reservation.objects.get(user=user)
    assert undelivered.kind == MailKind.CONFIRMED
    assert undelivered.mail is not None
    assert undelivered.sent_at is None
    assert "refused" in undelivered.error.lower()


def changelist() -> str:
    return reverse("admin:reservations_undeliveredmail_changelist")


def test_organisers_see_the_undelivered_mails(admin_client):
    undelivered = UndeliveredMailFactory(reservation__name="Anna de Vries")

    page = admin_client.get(changelist()).content.decode()

    assert "Anna de Vries" in page and undelivered.reservation.code in page
    change = reverse("admin:reservations_undeliveredmail_change", args=[undelivered.pk])
    assert admin_client.get(change).status_code == 200


def test_the_list_of_undelivered_mails_runs_as_many_queries_for_one_as_for_three(admin_client):
    def failed_mail() -> UndeliveredMail:
        reservation = ReservationFactory()
        outgoing = OutgoingMail.objects.create(
            reservation=reservation, kind=MailKind.CONFIRMED, status=MailStatus.FAILED
        )
        return UndeliveredMailFactory(reservation=reservation, mail=outgoing)

    failed_mail()
    UndeliveredMailFactory()  # from before mails were queued
    one = queries_for(admin_client, changelist())
    failed_mail()
    UndeliveredMailFactory()

    assert queries_for(admin_client, changelist()) == one


def test_the_list_of_undelivered_mails_is_for_staff_only(client):
    UndeliveredMailFactory()
    assert "login" in client.get(changelist())["Location"]

    client.force_login(UserFactory())
    assert "login" in client.get(changelist())["Location"]


def resend(admin_client, *mails):
    return admin_client.post(
        changelist(),
        {"action": "resend", "_selected_action": [m.pk for m in mails]},
        follow=True,
    )


def test_organisers_send_an_undelivered_mail_again(admin_client, flaky):
    undelivered = UndeliveredMailFactory(reservation__email="anna@example.org")

    response = resend(admin_client, undelivered)

    assert "1 e-mail staat weer klaar om te versturen." in response.content.decode()
    [sent] = mail.outbox
    assert sent.to == ["anna@example.org"]
    undelivered.refresh_from_db()
    assert undelivered.sent_at is not None
    assert undelivered.mail is not None and undelivered.mail.status == MailStatus.SENT

    resend(admin_client, undelivered)  # already sent: not again
    assert len(mail.outbox) == 1


def test_sending_again_while_the_server_is_still_down_keeps_the_one_record(admin_client, flaky):
    reservation = ReservationFactory()
    failed = OutgoingMail.objects.create(
        reservation=reservation, kind=MailKind.CONFIRMED, status=MailStatus.FAILED, attempts=6
    )
    undelivered = UndeliveredMailFactory(reservation=reservation, mail=failed)
    flaky.extend([ConnectionRefusedError(111, "refused")] * ATTEMPTS)

    resend(admin_client, undelivered)

    failed.refresh_from_db()
    assert failed.status == MailStatus.FAILED and failed.attempts == ATTEMPTS  # counted anew
    undelivered.refresh_from_db()
    assert undelivered.sent_at is None
    assert "refused" in undelivered.error
    # Still the one mail the organisers saw, not a second line for it.
    assert list(UndeliveredMail.objects.all()) == [undelivered]


def test_a_mail_that_is_no_longer_true_is_not_sent_again(admin_client, flaky):
    undelivered = UndeliveredMailFactory(kind=MailKind.CONFIRMED)
    Reservation.objects.filter(pk=undelivered.reservation_id).update(
        status=ReservationStatus.CANCELLED
    )

    resend(admin_client, undelivered)

    assert mail.outbox == []
    undelivered.refresh_from_db()
    assert undelivered.mail is not None and undelivered.mail.status == MailStatus.SKIPPED
    assert undelivered.sent_at is None
