"""With the mail server down, reservations still stand and no mail is silently lost.

A failed delivery is tried again (three attempts, with pauses that the tests record instead
of sleeping); a mail that still fails is logged as an error that names the kind of mail and
the reservation's id and code, so that it can be sent again. A batch that fails halfway
continues where it stopped: nobody gets the same mail twice.
"""

import logging
import smtplib

import icalendar
import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.urls import reverse

from events.models import Event
from reservations import notifications
from reservations.enums import ReservationStatus
from reservations.models import Reservation, UndeliveredMail
from reservations.notifications import MailKind, send_event_mail, send_reservation_mail
from tests.factories import (
    EventFactory,
    ReservationFactory,
    UndeliveredMailFactory,
    UserFactory,
)
from tests.query_counts import queries_for

pytestmark = pytest.mark.django_db


class FlakyBackend(EmailBackend):
    """Delivers to the test outbox, but follows `plan` first: per call, fail or deliver."""

    plan: list[BaseException | None] = []

    def send_messages(self, messages):
        failure = FlakyBackend.plan.pop(0) if FlakyBackend.plan else None
        if failure is not None:
            raise failure
        return super().send_messages(messages)


@pytest.fixture(autouse=True)
def pauses(monkeypatch) -> list[float]:
    slept: list[float] = []
    monkeypatch.setattr("reservations.notifications.time.sleep", slept.append)
    return slept


@pytest.fixture
def flaky(settings):
    settings.EMAIL_BACKEND = "tests.reservations.test_mail_failures.FlakyBackend"
    FlakyBackend.plan = []
    yield FlakyBackend.plan
    FlakyBackend.plan = []


@pytest.fixture
def smtp_refused(settings):
    """A real SMTP connection to a port where nothing listens: connection refused."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = 1
    settings.EMAIL_TIMEOUT = 2


def errors_logged(caplog) -> list[logging.LogRecord]:
    return [
        r
        for r in caplog.records
        if r.name == "reservations.notifications" and r.levelno >= logging.ERROR
    ]


@pytest.mark.usefixtures("smtp_refused")
def test_a_reservation_stands_when_the_mail_server_refuses_connections(
    client, user, caplog, pauses, django_capture_on_commit_callbacks
):
    event = EventFactory(capacity=10)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reservations:reserve", args=[event.slug]), {"name": "Anna de Vries"}
        )

    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    reservation = Reservation.objects.get(user=user)
    assert reservation.status == ReservationStatus.CONFIRMED
    [error] = errors_logged(caplog)
    message = error.getMessage()
    assert f"reservation {reservation.code} (id {reservation.pk})" in message
    assert "confirmed" in message and "after 3 attempts" in message
    assert isinstance(error.exc_info[1], ConnectionRefusedError)
    assert error.reservation_id == reservation.pk
    assert reservation.email not in message  # the address stays in the database
    assert pauses == [0.5, 2.0]


@pytest.mark.parametrize(
    "failure",
    [smtplib.SMTPException("421 try again later"), ConnectionRefusedError(111, "refused")],
    ids=["smtp-error", "refused"],
)
def test_a_cancellation_stands_when_every_attempt_fails(
    client, user, caplog, flaky, failure, django_capture_on_commit_callbacks
):
    reservation = ReservationFactory(user=user, email="anna@example.org")
    flaky.extend([failure] * 3)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reservations:cancel", args=[reservation.code]))

    assert response.status_code == 302
    reservation.refresh_from_db()
    assert reservation.status == ReservationStatus.CANCELLED
    assert mail.outbox == []
    [error] = errors_logged(caplog)
    assert f"cancelled mail for reservation {reservation.code} (id {reservation.pk})" in (
        error.getMessage()
    )


def test_a_passing_failure_is_retried_and_the_mail_arrives(flaky, caplog, pauses):
    reservation = ReservationFactory(email="anna@example.org")
    flaky.extend([smtplib.SMTPServerDisconnected("Connection unexpectedly closed")] * 2)

    send_reservation_mail(reservation.pk, MailKind.CONFIRMED)

    [sent] = mail.outbox
    assert sent.to == ["anna@example.org"]
    assert errors_logged(caplog) == []
    assert pauses == [0.5, 2.0]


def test_without_failures_nothing_waits(flaky, pauses):
    send_reservation_mail(ReservationFactory().pk, MailKind.CONFIRMED)

    assert len(mail.outbox) == 1
    assert pauses == []


def test_a_batch_that_fails_halfway_continues_without_sending_twice(flaky, caplog):
    event = EventFactory()
    reservations = [ReservationFactory(event=event, email=f"p{n}@example.org") for n in range(3)]
    # The first mail goes out, the second fails once, then the rest follow.
    flaky.extend([None, smtplib.SMTPServerDisconnected("Connection unexpectedly closed")])

    sent = send_event_mail(event.pk, MailKind.EVENT_CHANGED)

    assert sent == 3
    assert sorted(m.to[0] for m in mail.outbox) == sorted(r.email for r in reservations)
    assert errors_logged(caplog) == []


def test_a_batch_names_every_reservation_it_could_not_reach(flaky, caplog):
    event = EventFactory()
    reservations = [ReservationFactory(event=event, email=f"p{n}@example.org") for n in range(2)]
    flaky.extend([OSError("Network is unreachable")] * 3)

    assert send_event_mail(event.pk, MailKind.EVENT_CANCELLED) == 0

    logged = " ".join(record.getMessage() for record in errors_logged(caplog))
    for reservation in reservations:
        assert f"reservation {reservation.code} (id {reservation.pk})" in logged


# Kept for the organisers ------------------------------------------------------------------


@pytest.mark.usefixtures("smtp_refused")
def test_a_mail_that_failed_is_kept_for_the_organisers(
    client, user, django_capture_on_commit_callbacks
):
    event = EventFactory(capacity=10)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reservations:reserve", args=[event.slug]), {"name": "Anna de Vries"})

    [undelivered] = UndeliveredMail.objects.all()
    assert undelivered.reservation == Reservation.objects.get(user=user)
    assert undelivered.kind == MailKind.CONFIRMED
    assert undelivered.sent_at is None
    assert "refused" in undelivered.error.lower()


def test_a_delivered_mail_leaves_no_record(flaky):
    flaky.append(smtplib.SMTPServerDisconnected("gone"))

    send_reservation_mail(ReservationFactory().pk, MailKind.CONFIRMED)

    assert not UndeliveredMail.objects.exists()


def changelist() -> str:
    return reverse("admin:reservations_undeliveredmail_changelist")


def test_organisers_see_the_undelivered_mails(admin_client):
    undelivered = UndeliveredMailFactory(reservation__name="Anna de Vries")

    page = admin_client.get(changelist()).content.decode()

    assert "Anna de Vries" in page and undelivered.reservation.code in page
    change = reverse("admin:reservations_undeliveredmail_change", args=[undelivered.pk])
    assert admin_client.get(change).status_code == 200


def test_the_list_of_undelivered_mails_runs_as_many_queries_for_one_as_for_three(admin_client):
    UndeliveredMailFactory()
    one = queries_for(admin_client, changelist())
    UndeliveredMailFactory.create_batch(2)

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

    assert "Verstuurd: 1. Niet meer van toepassing: 0. Opnieuw mislukt: 0." in (
        response.content.decode()
    )
    [sent] = mail.outbox
    assert sent.to == ["anna@example.org"]
    undelivered.refresh_from_db()
    assert undelivered.sent_at is not None

    resend(admin_client, undelivered)  # already sent: not again
    assert len(mail.outbox) == 1


def test_sending_again_while_the_server_is_still_down_keeps_the_record(admin_client, flaky, pauses):
    undelivered = UndeliveredMailFactory()
    flaky.append(ConnectionRefusedError(111, "refused"))

    response = resend(admin_client, undelivered)

    assert "Opnieuw mislukt: 1." in response.content.decode()
    undelivered.refresh_from_db()
    assert undelivered.sent_at is None
    assert UndeliveredMail.objects.count() == 1
    assert pauses == []  # the organiser waits for one attempt only


def test_a_mail_that_is_no_longer_true_is_not_sent_again(admin_client, flaky):
    undelivered = UndeliveredMailFactory(kind=MailKind.CONFIRMED)
    Reservation.objects.filter(pk=undelivered.reservation_id).update(
        status=ReservationStatus.CANCELLED
    )

    response = resend(admin_client, undelivered)

    assert "Niet meer van toepassing: 1." in response.content.decode()
    assert mail.outbox == []


def test_a_reservation_for_an_event_whose_title_holds_a_line_break_stands_and_is_mailed(
    client, user, django_capture_on_commit_callbacks
):
    event = EventFactory(capacity=10)
    # Past the validator: a row from before it, or an update(), which skips it.
    Event.objects.filter(pk=event.pk).update(title="Regel een\nRegel twee")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reservations:reserve", args=[event.slug]), {"name": "Anna de Vries"}
        )

    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    assert Reservation.objects.get(user=user).status == ReservationStatus.CONFIRMED
    [sent] = mail.outbox
    [(filename, calendar, _mimetype)] = sent.attachments
    assert filename.endswith(".ics")
    [entry] = icalendar.Calendar.from_ical(calendar).walk("VEVENT")
    assert str(entry["summary"]) == "Regel een Regel twee"


def test_a_mail_that_cannot_be_rendered_is_logged_and_recorded_and_the_reservation_stands(
    client, user, caplog, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(*args, **kwargs):
        raise ValueError("Content line can not contain unescaped new line characters.")

    monkeypatch.setattr("reservations.notifications.event_calendar_for", broken)
    event = EventFactory(capacity=10)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reservations:reserve", args=[event.slug]), {"name": "Anna de Vries"}
        )

    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    reservation = Reservation.objects.get(user=user)
    assert reservation.status == ReservationStatus.CONFIRMED
    assert mail.outbox == []
    [error] = errors_logged(caplog)
    assert f"confirmed mail for reservation {reservation.code} (id {reservation.pk})" in (
        error.getMessage()
    )
    assert isinstance(error.exc_info[1], ValueError)
    [undelivered] = UndeliveredMail.objects.filter(reservation=reservation)
    assert undelivered.kind == MailKind.CONFIRMED
    assert "new line" in undelivered.error


def test_an_event_mail_that_cannot_be_rendered_for_one_attendee_still_reaches_the_others(
    caplog, monkeypatch
):
    event = EventFactory()
    broken, fine = (ReservationFactory(event=event, email=f"p{n}@example.org") for n in range(2))
    render = notifications._render_message

    def fails_for_one(reservation, kind, context):
        if reservation.pk == broken.pk:
            raise KeyError("missing")
        return render(reservation, kind, context)

    monkeypatch.setattr(notifications, "_render_message", fails_for_one)

    assert send_event_mail(event.pk, MailKind.EVENT_CHANGED) == 1
    assert [m.to for m in mail.outbox] == [[fine.email]]
    assert UndeliveredMail.objects.get().reservation == broken
