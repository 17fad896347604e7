"""Mails written in the request and sent by a worker (allauth's), with retries."""

import datetime as dt
import logging
import smtplib

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from common.mail import RETRY_PAUSES, as_data, from_data, queue_prepared, send_prepared

pytestmark = pytest.mark.django_db


def message() -> EmailMultiAlternatives:
    written = EmailMultiAlternatives(
        subject="Je code: 123456",
        body="Tekst",
        from_email="noreply@coopstad.example",
        to=["anna@example.org"],
        reply_to=["info@coopstad.example"],
        headers={"Auto-Submitted": "auto-generated"},
    )
    written.attach_alternative("<p>Tekst</p>", "text/html")
    return written


def test_a_message_survives_the_trip_through_the_queue_whole():
    again = from_data(as_data(message()))

    for field in ("subject", "body", "from_email", "to", "reply_to", "extra_headers"):
        assert getattr(again, field) == getattr(message(), field)
    assert again.alternatives == [("<p>Tekst</p>", "text/html")]


def test_it_leaves_with_a_worker_not_with_the_request(task_queue, mailoutbox):
    queue_prepared(message())

    assert mailoutbox == []
    assert task_queue.work_off() == 1
    assert [sent.subject for sent in mailoutbox] == ["Je code: 123456"]


class RefusingBackend:
    """A mail server that is down."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("down")


@pytest.fixture
def server_down(settings):
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"


def test_a_refused_mail_is_tried_again_after_a_growing_pause(server_down, task_queue):
    before = timezone.now()
    send_prepared.call(as_data(message()), 1)

    retry = DBTaskResult.objects.get()
    assert retry.args_kwargs["args"][1] == 2
    assert retry.run_after >= before + RETRY_PAUSES[0]
    assert list(RETRY_PAUSES) == sorted(RETRY_PAUSES)
    assert RETRY_PAUSES[0] <= dt.timedelta(minutes=5) and RETRY_PAUSES[-1] >= dt.timedelta(hours=1)


def test_after_the_last_attempt_it_is_logged_without_the_address(server_down, caplog):
    with caplog.at_level(logging.ERROR, logger="common.mail"):
        assert send_prepared.call(as_data(message()), len(RETRY_PAUSES) + 1) is False

    [record] = caplog.records
    assert "example.org" in record.getMessage()
    assert "anna@" not in record.getMessage()


def test_the_sign_up_mail_leaves_with_a_worker(client, task_queue, mailoutbox):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "nieuw@example.org",
            "password1": "een lang wachtwoord 42",
            "password2": "een lang wachtwoord 42",
        },
    )

    assert response.status_code == 302
    assert mailoutbox == []
    task_queue.work_off()
    [sent] = mailoutbox
    assert sent.to == ["nieuw@example.org"]
    assert "Coöperatieve Stad" in sent.subject
