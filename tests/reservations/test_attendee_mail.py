"""An organiser's message to the attendees of an event, as a service and from the admin."""

import re

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from events.models import Event
from reservations.enums import MailAudience, MailStatus, ReservationStatus
from reservations.mailing import MailingError, mail_attendees
from reservations.models import Mailing
from tests.factories import EventFactory, ReservationFactory
from tests.query_counts import queries_for

pytestmark = pytest.mark.django_db

CONFIRMED = "confirmed@example.org"
PRESENT = "present@example.org"
WAITING = "waiting@example.org"
CANCELLED = "cancelled@example.org"


@pytest.fixture
def event() -> Event:
    event = EventFactory(title="Werkconferentie Zaanstad", contact_email="info@zaanstad.example")
    # No accounts: hashing their passwords would only slow the tests down.
    booked = {"event": event, "user": None, "name": "Deelnemer"}
    ReservationFactory(**booked, email=CONFIRMED)
    ReservationFactory(**booked, email=PRESENT, checked_in_at=timezone.now())
    ReservationFactory(**booked, email=WAITING, status=ReservationStatus.WAITLISTED)
    ReservationFactory(**booked, email=CANCELLED, status=ReservationStatus.CANCELLED)
    ReservationFactory(user=None, name="Elders", email="other-event@example.org")
    return event


def send(event: Event, audiences, subject: str = "Andere zaal", message: str = "Zaal 2.") -> int:
    mailing = mail_attendees(
        event_id=event.pk, audiences=audiences, subject=subject, message=message
    )
    return mailing.mails.count()


@pytest.mark.parametrize(
    ("audiences", "expected"),
    [
        ([MailAudience.CONFIRMED], {CONFIRMED, PRESENT}),
        ([MailAudience.WAITLISTED], {WAITING}),
        ([MailAudience.CHECKED_IN], {PRESENT}),
        ([MailAudience.CONFIRMED, MailAudience.WAITLISTED], {CONFIRMED, PRESENT, WAITING}),
        ([MailAudience.CHECKED_IN, MailAudience.CONFIRMED], {CONFIRMED, PRESENT}),
    ],
)
def test_each_audience_gets_one_mail_each_and_cancelled_never(
    django_capture_on_commit_callbacks, event, audiences, expected
):
    with django_capture_on_commit_callbacks(execute=True):
        count = send(event, audiences)

    assert count == len(expected)
    assert [len(message.to) for message in mail.outbox] == [1] * len(expected)
    assert {message.to[0] for message in mail.outbox} == expected
    assert all(not message.cc and not message.bcc for message in mail.outbox)


def test_the_mail_carries_the_message_the_event_and_the_reservation_code(
    django_capture_on_commit_callbacks, event
):
    with django_capture_on_commit_callbacks(execute=True):
        send(
            event,
            [MailAudience.WAITLISTED],
            subject="Andere zaal",
            message="We zitten in zaal 2.\n\nTot dan!",
        )

    sent = mail.outbox[0]
    html = sent.alternatives[0][0]
    code = event.reservations.get(email=WAITING).code
    assert sent.subject == "Andere zaal"
    assert "We zitten in zaal 2.\n\nTot dan!" in sent.body
    assert code in sent.body and "Werkconferentie Zaanstad" in sent.body
    assert "<p>We zitten in zaal 2.</p>" in html
    assert sent.reply_to == ["info@zaanstad.example"]


@pytest.mark.parametrize(
    ("message", "greeting"),
    [
        ("Beste deelnemer,\n\nWe zitten in zaal 2.", "Beste deelnemer,"),
        ("Hallo allemaal,\nWe zitten in zaal 2.", "Hallo allemaal,"),
        ("We zitten in zaal 2, de grote zaal.", "Beste Eefje Bakker,"),
    ],
)
def test_the_mail_has_one_greeting(django_capture_on_commit_callbacks, event, message, greeting):
    event.reservations.filter(email=WAITING).update(name="Eefje Bakker")

    with django_capture_on_commit_callbacks(execute=True):
        send(event, [MailAudience.WAITLISTED], message=message)

    sent = mail.outbox[0]
    html = sent.alternatives[0][0]
    assert sent.body.startswith(greeting)
    for text in (sent.body, html):
        assert greeting in text
        assert text.count("Beste ") + text.count("Hallo ") == 1


def test_html_in_the_message_is_escaped(django_capture_on_commit_callbacks, event):
    with django_capture_on_commit_callbacks(execute=True):
        send(event, [MailAudience.WAITLISTED], message="<script>alert(1)</script>")

    assert "<script>" not in mail.outbox[0].alternatives[0][0]
    assert "&lt;script&gt;" in mail.outbox[0].alternatives[0][0]


def test_one_mail_per_address(django_capture_on_commit_callbacks, event):
    ReservationFactory(event=event, user=None, name="Tweede", email=CONFIRMED.upper())

    with django_capture_on_commit_callbacks(execute=True):
        count = send(event, [MailAudience.CONFIRMED])

    assert count == 2
    assert len(mail.outbox) == 2


def test_nothing_is_sent_when_the_transaction_rolls_back(task_queue, event):
    with pytest.raises(RuntimeError), transaction.atomic():
        send(event, [MailAudience.CONFIRMED])
        raise RuntimeError("something later in the transaction failed")

    assert task_queue.waiting() == 0
    task_queue.work_off()
    assert mail.outbox == []
    assert not Mailing.objects.exists()


def test_the_mails_wait_for_a_worker_and_the_worker_sends_each_once(task_queue, event):
    assert send(event, [MailAudience.CONFIRMED]) == 2

    assert mail.outbox == []  # the request is done without them
    assert task_queue.waiting() == 1  # one task for the mailing
    task_queue.work_off()
    task_queue.work_off()  # a second worker finds nothing left to do
    assert sorted(message.to[0] for message in mail.outbox) == sorted([CONFIRMED, PRESENT])
    assert set(Mailing.objects.get().mails.values_list("status", flat=True)) == {MailStatus.SENT}


@pytest.mark.parametrize(
    ("audiences", "subject", "message", "code"),
    [
        ([], "Onderwerp", "Bericht", "no_audience"),
        (["everybody"], "Onderwerp", "Bericht", "no_audience"),
        ([MailAudience.CONFIRMED], "  ", "Bericht", "no_subject"),
        ([MailAudience.CONFIRMED], "Hallo\nBcc: spam@example.org", "Bericht", "subject_lines"),
        ([MailAudience.CONFIRMED], "Hallo\rBcc: spam@example.org", "Bericht", "subject_lines"),
        ([MailAudience.CONFIRMED], "x" * 151, "Bericht", "subject_length"),
        ([MailAudience.CONFIRMED], "Onderwerp", " \n ", "no_message"),
        ([MailAudience.CONFIRMED], "Onderwerp", "x" * 5001, "message_length"),
    ],
)
def test_bad_input_is_refused(
    django_capture_on_commit_callbacks, event, audiences, subject, message, code
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(MailingError) as refused,
    ):
        send(event, audiences, subject=subject, message=message)

    assert refused.value.code == code
    assert mail.outbox == []


# The admin page -------------------------------------------------------------------------


def mail_url(event: Event) -> str:
    return reverse("admin:events_event_mail_attendees", args=[event.pk])


FORM = {"audiences": ["confirmed", "waitlisted"], "subject": "Andere zaal", "message": "Zaal 2."}


def test_the_change_page_links_to_the_mail_form(admin_client, event):
    page = admin_client.get(reverse("admin:events_event_change", args=[event.pk]))

    assert mail_url(event) in page.content.decode()


def test_the_organiser_sees_the_number_of_recipients_before_sending(admin_client, event):
    form = admin_client.get(mail_url(event))
    preview = admin_client.post(mail_url(event), FORM)

    assert form.status_code == 200
    assert preview.status_code == 200
    assert "Dit bericht gaat naar 3 deelnemers." in preview.content.decode()
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("message", "opening"),
    [
        ("Zaal 2.", "Beste Eefje Bakker,\n\nZaal 2."),
        ("Beste deelnemer,\n\nZaal 2.", "Beste deelnemer,\n\nZaal 2."),
    ],
)
def test_the_confirmation_previews_the_mail_as_it_will_be_sent(
    django_capture_on_commit_callbacks, admin_client, event, message, opening
):
    first = event.reservations.filter(email=CONFIRMED).get()
    first.name = "Eefje Bakker"
    first.save()

    page = admin_client.post(mail_url(event), FORM | {"message": message})
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(mail_url(event), FORM | {"message": message, "confirmed": "1"})

    preview = page.context["preview"]
    sent = next(m for m in mail.outbox if m.to == [CONFIRMED])
    assert preview.text == sent.body and preview.subject == sent.subject
    assert preview.text.startswith(opening)
    content = page.content.decode()
    assert "Eefje Bakker" in content and first.code in content
    assert "Dit bericht komt van de organisatie van Werkconferentie Zaanstad." in content


def test_going_back_from_the_confirmation_keeps_the_text(admin_client, event):
    response = admin_client.post(mail_url(event), FORM | {"confirmed": "0"})

    assert response.status_code == 200
    assert "Andere zaal" in response.content.decode()
    assert mail.outbox == []


@pytest.mark.django_db(transaction=True)
def test_confirmed_sending_returns_at_once_and_shows_the_mailing(admin_client, task_queue, event):
    """The request only queues the mails; the event's page shows how far they got."""
    response = admin_client.post(mail_url(event), FORM | {"confirmed": "1"})

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:events_event_change", args=[event.pk])
    assert mail.outbox == []
    notes = [message.message for message in get_messages(response.wsgi_request)]
    assert notes == [
        "3 e-mails staan klaar om te versturen; onder Verzendingen zie je hoeveel er weg zijn."
    ]
    mailing = Mailing.objects.get()
    assert mailing.created_by.is_superuser
    assert mailing.subject == FORM["subject"]

    page = admin_client.get(response["Location"]).content.decode()
    assert "Verzendingen" in page
    assert mailing_counts(page) == {"in de wachtrij": 3, "verstuurd": 0}
    task_queue.work_off()
    assert len(mail.outbox) == 3
    page = admin_client.get(response["Location"]).content.decode()
    assert mailing_counts(page) == {"in de wachtrij": 0, "verstuurd": 3}


def mailing_counts(page: str) -> dict[str, int]:
    """The queued and sent counts of the one mailing on an event's admin page."""
    cells = dict(re.findall(r'<td class="field-(queued|sent)">\s*<p>(\d+)</p>', page))
    return {"in de wachtrij": int(cells["queued"]), "verstuurd": int(cells["sent"])}


def test_the_event_page_shows_many_mailings_in_the_same_number_of_queries(admin_client, event):
    url = reverse("admin:events_event_change", args=[event.pk])
    send(event, [MailAudience.CONFIRMED])
    one = queries_for(admin_client, url)

    for subject in ("Tweede", "Derde", "Vierde"):
        send(event, [MailAudience.CONFIRMED, MailAudience.WAITLISTED], subject=subject)

    assert queries_for(admin_client, url) == one
    assert Mailing.objects.filter(event=event).count() == 4
