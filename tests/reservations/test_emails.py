"""The reservation and event e-mails: content, attachment, recipients, languages, queries.

Mails are queued (reservations.outbox) and, in the tests, delivered the moment they are
queued (tests/conftest.py); a test of a mail's content queues it and reads the outbox."""

import datetime as dt
import logging
import smtplib

import icalendar
import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from events.calendars import event_uid
from events.enums import EventFormat, EventStatus
from events.models import Event
from reservations.enums import MailKind, MailStatus, ReservationStatus
from reservations.models import Mailing, OutgoingMail, Reservation
from reservations.notifications import MY_RESERVATIONS_PATH, event_when
from reservations.outbox import STILL_TRUE_FOR, deliver, queue_mail, queue_mailing
from reservations.services import event_changed
from sessions.models import Sitting, Slot
from tests.conftest import SITE
from tests.factories import (
    AMSTERDAM,
    EventFactory,
    ReservationFactory,
    SeatChoiceFactory,
    SessionFactory,
    SittingFactory,
    SlotFactory,
    VenueFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site(site_url, settings):
    settings.DEFAULT_FROM_EMAIL = "Coöperatieve Stad <noreply@coopstad.example>"


@pytest.fixture
def tasks_later(settings):
    """Tasks wait in the database for a worker, which the test plays by calling deliver()."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def event() -> Event:
    # Winter time, one hour ahead of UTC: a time printed in UTC would read 13.00.
    return EventFactory(
        title="Werkconferentie Zaanstad",
        slug="werkconferentie-zaanstad",
        starts_at=dt.datetime(2031, 10, 27, 14, 0, tzinfo=AMSTERDAM),
        ends_at=dt.datetime(2031, 10, 27, 18, 0, tzinfo=AMSTERDAM),
        venue=VenueFactory(name="Stadhuis Zaanstad", street_address="Stadhuisplein 100"),
        contact_email="info@zaanstad.example",
        includes_meal=True,
    )


def round_of(event: Event, number: int) -> Slot:
    """Round `number` (1-based): half an hour each from 14.00, so rounds never overlap."""
    starts_at = event.starts_at + dt.timedelta(minutes=30 * (number - 1))
    return SlotFactory(
        event=event,
        title=f"Ronde {number}",
        starts_at=starts_at,
        ends_at=starts_at + dt.timedelta(minutes=30),
    )


def sitting_in(slot: Slot, code: str, title: str, room: str = "") -> Sitting:
    session = SessionFactory(event=slot.event, code=code, title=title, slug=f"sessie-{code}")
    return SittingFactory(session=session, slot=slot, room=room)


@pytest.fixture
def reservation(event) -> Reservation:
    booked = ReservationFactory(
        event=event,
        name="Anna de Vries & Zn",
        email="anna@example.org",
        dietary_wishes="vegetarisch",
    )
    sitting = sitting_in(round_of(event, 2), "1a", "Buurtbudgetten", room="Zaal 2")
    SeatChoiceFactory(reservation=booked, sitting=sitting)
    return booked


def only_mail() -> mail.EmailMultiAlternatives:
    assert len(mail.outbox) == 1
    return mail.outbox[0]


def html_of(message: mail.EmailMultiAlternatives) -> str:
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return html


def ics_attachments(message: mail.EmailMultiAlternatives) -> list:
    return [a for a in message.attachments if a[0].endswith(".ics")]


def send(reservation: Reservation, kind: str, **details: list[int]) -> OutgoingMail:
    """Queue (and so, in the tests, deliver) one mail of `kind`, with the reservation in
    the status that mail is true for; the mail as it ended."""
    Reservation.objects.filter(pk=reservation.pk).update(status=STILL_TRUE_FOR[kind][0])
    reservation.refresh_from_db()
    queued = queue_mail(reservation, kind, **details)
    queued.refresh_from_db()
    return queued


def mail_to_all(event: Event, kind: str, **options) -> Mailing:
    """One mailing of `kind` to the event's active reservations that have an address."""
    recipients = Reservation.objects.filter(event=event).active().exclude(email="")
    return queue_mailing(event, kind, recipients, **options)


# What every reservation mail says ---------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "subject"),
    [
        (MailKind.CONFIRMED, "Bevestigd: je reservering voor Werkconferentie Zaanstad"),
        (
            MailKind.PROMOTED,
            "Er is een plaats vrij: je reservering voor Werkconferentie Zaanstad is bevestigd",
        ),
        (MailKind.CANCELLED, "Geannuleerd: je reservering voor Werkconferentie Zaanstad"),
    ],
)
def test_one_mail_to_the_attendee_with_the_event_details(mailoutbox, reservation, kind, subject):
    sent = send(reservation, kind)

    assert sent.status == MailStatus.SENT and sent.sent_at is not None
    message = only_mail()
    assert message.to == ["anna@example.org"]
    assert message.from_email == "Coöperatieve Stad <noreply@coopstad.example>"
    assert message.reply_to == ["info@zaanstad.example"]
    assert message.subject == subject
    assert message.extra_headers["Auto-Submitted"] == "auto-generated"
    html = html_of(message)
    for body in (message.body, html):
        assert "Werkconferentie Zaanstad" in body
        assert "maandag 27 oktober 2031, 14.00–18.00" in body
        assert "Stadhuis Zaanstad" in body and "Stadhuisplein 100" in body
        assert f"{SITE}/evenementen/werkconferentie-zaanstad/" in body
        assert f"{SITE}/mijn-reserveringen/" in body
    # Plain text is not HTML-escaped; the HTML is.
    assert "Beste Anna de Vries & Zn," in message.body
    assert "Beste Anna de Vries &amp; Zn," in html
    assert html.startswith("<!DOCTYPE html>") and '<html lang="nl">' in html


@pytest.mark.parametrize("kind", [MailKind.CONFIRMED, MailKind.PROMOTED])
def test_a_confirmed_place_comes_with_code_sessions_and_a_calendar_file(
    mailoutbox, reservation, kind
):
    send(reservation, kind)

    message = only_mail()
    assert (
        f"Je reserveringscode: {reservation.code} — je hoeft niets af te drukken; "
        "we werken met een deelnemerslijst." in message.body
    )
    assert f"<strong>{reservation.code}</strong>" in html_of(message)
    assert "- 14.30–15.00 Ronde 2: 1a Buurtbudgetten (Zaal 2)" in message.body
    assert "Je dieetwensen: vegetarisch" in message.body
    assert "persoonlijk" in message.body and "niet aan iemand anders doorgeven" in message.body
    [(filename, content, mimetype)] = ics_attachments(message)
    assert filename == "werkconferentie-zaanstad.ics"
    assert mimetype.startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(content)
    [vevent] = calendar.walk("VEVENT")
    assert str(vevent["UID"]) == event_uid(reservation.event)
    assert str(vevent["URL"]) == f"{SITE}/evenementen/werkconferentie-zaanstad/"
    assert vevent.decoded("DTSTART") == reservation.event.starts_at


def test_the_calendar_attachment_survives_the_mime_encoding(mailoutbox, reservation):
    send(reservation, MailKind.CONFIRMED)

    raw = only_mail().message().as_string()
    assert 'Content-Disposition: attachment; filename="werkconferentie-zaanstad.ics"' in raw
    assert raw.count("charset=") == raw.count('charset="utf-8"')  # no doubled parameters
    assert "Content-Type: text/calendar" in raw


@pytest.mark.parametrize("kind", [MailKind.WAITLISTED, MailKind.CANCELLED])
def test_no_calendar_file_without_a_place(mailoutbox, reservation, kind):
    send(reservation, kind)

    assert ics_attachments(only_mail()) == []


def test_the_waiting_list_mail_gives_the_place_in_line(mailoutbox, event):
    ReservationFactory(event=event, status=ReservationStatus.WAITLISTED)
    ReservationFactory(event=event, status=ReservationStatus.WAITLISTED)
    ReservationFactory(event=event, status=ReservationStatus.CANCELLED)
    mine = ReservationFactory(event=event, status=ReservationStatus.WAITLISTED)
    ReservationFactory(event=event, status=ReservationStatus.WAITLISTED)  # behind me

    send(mine, MailKind.WAITLISTED)

    message = only_mail()
    assert message.subject == "Wachtlijst: je staat op plaats 3 voor Werkconferentie Zaanstad"
    assert "Je staat op de wachtlijst, op plaats 3." in message.body
    assert "op plaats 3" in html_of(message)
    assert mine.code in message.body


def test_places_in_line_with_the_same_creation_time_follow_the_id(mailoutbox, event):
    first = ReservationFactory(event=event, status=ReservationStatus.WAITLISTED)
    second = ReservationFactory(event=event, status=ReservationStatus.WAITLISTED)
    Reservation.objects.filter(pk=second.pk).update(created_at=first.created_at)

    send(second, MailKind.WAITLISTED)

    assert "op plaats 2" in only_mail().subject


def test_the_place_in_line_is_counted_when_the_mail_is_written(mailoutbox, event, tasks_later):
    ahead = ReservationFactory(event=event, status=ReservationStatus.WAITLISTED)
    mine = ReservationFactory(event=event, status=ReservationStatus.WAITLISTED)
    queued = queue_mail(mine, MailKind.WAITLISTED)
    Reservation.objects.filter(pk=ahead.pk).update(status=ReservationStatus.CANCELLED)

    assert deliver(queued.pk) == MailStatus.SENT

    assert "op plaats 1" in only_mail().subject


def test_a_waiting_list_mail_names_the_chosen_sessions_that_were_full(
    mailoutbox, reservation, event
):
    full = sitting_in(round_of(event, 3), "2b", "Energiecoöperaties", room="Zaal 5")
    SeatChoiceFactory(reservation=reservation, sitting=full)

    send(reservation, MailKind.WAITLISTED, full_sitting_ids=[full.pk])

    assert "2b Energiecoöperaties" in only_mail().body


def test_a_promotion_lists_the_sessions_that_were_full(mailoutbox, reservation, event):
    full = sitting_in(round_of(event, 3), "2b", "Energiecoöperaties", room="Zaal 5")

    sent = send(reservation, MailKind.PROMOTED, dropped_sitting_ids=[full.pk])

    assert sent.details == {"dropped_sitting_ids": [full.pk]}
    message = only_mail()
    body, html = message.body, html_of(message)
    kept, dropped = body.split("Deze sessies waren intussen vol")
    assert "1a Buurtbudgetten" in kept and "2b Energiecoöperaties" not in kept
    assert "- 15.00–15.30 Ronde 3: 2b Energiecoöperaties (Zaal 5)" in dropped
    assert f"Kies een andere sessie via Mijn reserveringen: {SITE}/mijn-reserveringen/" in body
    assert "2b Energiecoöperaties" in html and f'href="{SITE}/mijn-reserveringen/"' in html


def test_a_promotion_without_dropped_sessions_does_not_mention_them(mailoutbox, reservation):
    sent = send(reservation, MailKind.PROMOTED, dropped_sitting_ids=[])

    assert sent.details == {}  # empty lists are not stored
    assert "intussen vol" not in only_mail().body


def test_sittings_of_another_event_are_not_named(mailoutbox, reservation):
    elsewhere = SittingFactory(session__title="Geheime sessie")

    send(reservation, MailKind.PROMOTED, dropped_sitting_ids=[elsewhere.pk])

    assert "Geheime sessie" not in only_mail().body


def test_an_online_event_gives_its_links_instead_of_a_venue(mailoutbox):
    online = EventFactory(
        format=EventFormat.LIVECAST,
        venue=None,
        livestream_url="https://stream.example/live",
        participation_url="https://zoom.example/j/123",
    )
    booked = ReservationFactory(event=online)

    send(booked, MailKind.CONFIRMED)

    message = only_mail()
    assert "Livestream: https://stream.example/live" in message.body
    assert "Meedoen online: https://zoom.example/j/123" in message.body
    assert "Waar:" not in message.body
    assert 'href="https://zoom.example/j/123"' in html_of(message)


def test_an_event_over_two_days_names_both():
    event = EventFactory.build(
        starts_at=dt.datetime(2031, 10, 27, 14, 0, tzinfo=AMSTERDAM),
        ends_at=dt.datetime(2031, 10, 28, 12, 30, tzinfo=AMSTERDAM),
    )

    assert event_when(event) == "maandag 27 oktober 2031, 14.00 – dinsdag 28 oktober 2031, 12.30"


def test_the_my_reservations_path_is_the_real_page():
    assert reverse("reservations:my_reservations") == MY_RESERVATIONS_PATH


def test_kinds_match_the_statuses_services_pass():
    assert {MailKind.CONFIRMED, MailKind.WAITLISTED, MailKind.CANCELLED} <= set(
        ReservationStatus.values
    )


def test_every_kind_says_when_it_is_still_true():
    assert set(STILL_TRUE_FOR) == set(MailKind.values)


# Languages --------------------------------------------------------------------------------


def test_an_attendees_own_mail_is_in_the_language_active_when_queued(
    mailoutbox, reservation, tasks_later
):
    with translation.override("en"):
        queued = queue_mail(reservation, MailKind.CONFIRMED)
    assert queued.language == "en"

    # Delivered later, by a worker with another language active.
    with translation.override("nl"):
        deliver(queued.pk)

    message = only_mail()
    # Day and month names follow the language; untranslated text falls back to Dutch.
    assert "Monday 27 October 2031, 14.00–18.00" in message.body
    assert '<html lang="en">' in html_of(message)


def test_a_mailing_is_in_the_language_each_person_reserved_in(mailoutbox, event, reservation):
    Reservation.objects.filter(pk=reservation.pk).update(language="en")
    dutch = ReservationFactory(event=event, language="nl")

    with translation.override("nl"):
        mail_to_all(event, MailKind.EVENT_CHANGED)

    assert dict(OutgoingMail.objects.values_list("reservation", "language")) == {
        reservation.pk: "en",
        dutch.pk: "nl",
    }
    by_address = {m.to[0]: m for m in mailoutbox}
    assert "Monday 27 October 2031" in by_address[reservation.email].body
    assert '<html lang="en">' in html_of(by_address[reservation.email])
    assert "maandag 27 oktober 2031" in by_address[dutch.email].body


# Anonymised and deleted reservations ------------------------------------------------------


def test_an_anonymised_reservation_gets_no_mail(mailoutbox, reservation):
    Reservation.objects.filter(pk=reservation.pk).update(email="")

    sent = send(reservation, MailKind.CONFIRMED)

    assert mailoutbox == []
    assert sent.status == MailStatus.SKIPPED and sent.sent_at is None


def test_a_reservation_anonymised_after_a_mailing_was_queued_gets_no_mail(
    mailoutbox, event, reservation, tasks_later
):
    anonymised = ReservationFactory(event=event)
    mailing = mail_to_all(event, MailKind.EVENT_CHANGED)
    Reservation.objects.filter(pk=anonymised.pk).update(email="")

    statuses = {m.reservation_id: deliver(m.pk) for m in mailing.mails.all()}

    assert statuses == {reservation.pk: MailStatus.SENT, anonymised.pk: MailStatus.SKIPPED}
    assert [m.to for m in mailoutbox] == [[reservation.email]]


def test_a_deleted_reservation_gets_no_mail(mailoutbox, reservation, tasks_later):
    queued = queue_mail(reservation, MailKind.CONFIRMED)
    reservation.delete()  # its queued mails go with it

    assert deliver(queued.pk) == "taken"
    assert mailoutbox == []
    assert not OutgoingMail.objects.exists()


# A mail server that fails -----------------------------------------------------------------


@pytest.fixture
def smtp_down(monkeypatch, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    def refuse(self, messages):
        raise smtplib.SMTPException("Connection unexpectedly closed")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)


@pytest.mark.usefixtures("smtp_down")
def test_a_failing_mail_server_is_logged_not_raised(reservation, caplog):
    # With tasks run at once, every retry runs at once too: queueing does not raise.
    with caplog.at_level(logging.ERROR, logger="reservations.outbox"):
        sent = send(reservation, MailKind.CONFIRMED)

    assert sent.status == MailStatus.FAILED
    [record] = caplog.records
    assert record.name == "reservations.outbox"
    assert f"reservation id {reservation.pk}" in record.getMessage()


@pytest.mark.usefixtures("smtp_down")
def test_a_failing_mail_server_during_an_event_mail_fails_each_mail(reservation, event, caplog):
    other = ReservationFactory(event=event)

    with caplog.at_level(logging.ERROR, logger="reservations.outbox"):
        mailing = mail_to_all(event, MailKind.EVENT_CHANGED)

    assert set(mailing.mails.values_list("status", flat=True)) == {MailStatus.FAILED}
    logged = " ".join(r.getMessage() for r in caplog.records)
    for booked in (reservation, other):
        assert f"reservation id {booked.pk}" in logged


# Mails about the event --------------------------------------------------------------------


def test_event_mails_go_to_active_reservations_only(mailoutbox, event, reservation):
    # Anonymised, yet still first in line: the other waiting person is second.
    ReservationFactory(event=event, status=ReservationStatus.WAITLISTED, email="")
    waiting = ReservationFactory(event=event, status=ReservationStatus.WAITLISTED)
    gone = ReservationFactory(event=event, status=ReservationStatus.CANCELLED)
    ReservationFactory()  # another event

    event_changed(event=event, changed=frozenset({"starts_at"}))

    [mailing] = Mailing.objects.all()
    assert mailing.kind == MailKind.EVENT_CHANGED and mailing.dispatched_at is not None
    assert sorted(mailing.mails.values_list("reservation", flat=True)) == sorted(
        [reservation.pk, waiting.pk]
    )
    assert sorted(address for m in mailoutbox for address in m.to) == sorted(
        [reservation.email, waiting.email]
    )
    assert gone.email not in [m.to[0] for m in mailoutbox]
    by_address = {m.to[0]: m for m in mailoutbox}
    mine, theirs = by_address[reservation.email], by_address[waiting.email]
    assert mine.subject == "Gewijzigd: Werkconferentie Zaanstad"
    assert "1a Buurtbudgetten" in mine.body and reservation.code in mine.body
    assert "Je staat nog op de wachtlijst, op plaats 2." in theirs.body
    assert "Je staat nog op de wachtlijst" not in mine.body
    assert all(m.alternatives for m in mailoutbox)


def test_an_event_mail_to_a_reservation_cancelled_since_is_skipped(
    mailoutbox, event, reservation, tasks_later
):
    mailing = mail_to_all(event, MailKind.EVENT_CHANGED)
    Reservation.objects.filter(pk=reservation.pk).update(status=ReservationStatus.CANCELLED)
    [queued] = mailing.mails.all()

    assert deliver(queued.pk) == MailStatus.SKIPPED
    assert mailoutbox == []


def test_a_cancelled_event_tells_everybody(mailoutbox, event, reservation):
    waiting = ReservationFactory(event=event, status=ReservationStatus.WAITLISTED)
    event.status = EventStatus.CANCELLED

    event.save()  # tells the reservations app (events.signals)

    [mailing] = Mailing.objects.all()
    assert mailing.kind == MailKind.EVENT_CANCELLED
    assert sorted(m.to[0] for m in mailoutbox) == sorted([reservation.email, waiting.email])
    message = next(m for m in mailoutbox if m.to == [reservation.email])
    assert message.subject == "Gaat niet door: Werkconferentie Zaanstad"
    assert "Helaas gaat Werkconferentie Zaanstad niet door" in message.body
    assert "info@zaanstad.example" in message.body
    assert "mailto:info@zaanstad.example" in html_of(message)
    assert ics_attachments(message) == []


def test_the_cancellation_reaches_a_reservation_cancelled_since(
    mailoutbox, event, reservation, tasks_later
):
    Event.objects.filter(pk=event.pk).update(status=EventStatus.CANCELLED)
    mailing = mail_to_all(event, MailKind.EVENT_CANCELLED)
    Reservation.objects.filter(pk=reservation.pk).update(status=ReservationStatus.CANCELLED)
    [queued] = mailing.mails.all()

    assert deliver(queued.pk) == MailStatus.SENT
    assert only_mail().subject == "Gaat niet door: Werkconferentie Zaanstad"


def test_an_event_without_reservations_sends_nothing(mailoutbox):
    mailing = mail_to_all(EventFactory(), MailKind.EVENT_CHANGED)

    assert not mailing.mails.exists()
    assert mailoutbox == []


def test_a_reminder_gives_the_place_and_a_calendar_file(mailoutbox, event, reservation):
    mail_to_all(event, MailKind.REMINDER, starts_at=event.starts_at)

    message = only_mail()
    assert message.subject == (
        "Herinnering: Werkconferentie Zaanstad, maandag 27 oktober 2031, 14.00–18.00"
    )
    assert reservation.code in message.body and "1a Buurtbudgetten" in message.body
    [(filename, _content, _mimetype)] = ics_attachments(message)
    assert filename == "werkconferentie-zaanstad.ics"


def test_an_organisers_message_carries_its_text(mailoutbox, event, reservation):
    mail_to_all(
        event,
        MailKind.ORGANISER_MESSAGE,
        subject="Parkeren",
        message="Parkeer bij het station.",
    )

    message = only_mail()
    assert message.subject == "Parkeren"
    assert "Parkeer bij het station." in message.body
    assert "Beste Anna de Vries & Zn," in message.body


# Queries ----------------------------------------------------------------------------------


def booked_with_rounds(count: int) -> Reservation:
    event = EventFactory(
        starts_at=dt.datetime(2031, 10, 27, 14, 0, tzinfo=AMSTERDAM),
        ends_at=dt.datetime(2031, 10, 27, 18, 0, tzinfo=AMSTERDAM),
    )
    booked = ReservationFactory(event=event)
    for number in range(1, count + 1):
        slot = round_of(event, number)
        SeatChoiceFactory(reservation=booked, sitting=sitting_in(slot, f"{number}a", "Tafel"))
        sitting_in(slot, f"{number}b", "Andere tafel")
    return booked


def delivery_queries(reservation: Reservation, kind: str, **details: list[int]) -> int:
    """How many queries delivering one queued mail of `kind` runs."""
    Reservation.objects.filter(pk=reservation.pk).update(status=STILL_TRUE_FOR[kind][0])
    queued = queue_mail(reservation, kind, **details)
    with CaptureQueriesContext(connection) as queries:
        assert deliver(queued.pk) == MailStatus.SENT
    return len(queries)


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        # claim · the mail · reservation with event, venue, organiser · seat choices ·
        # the calendar's slots, their speakers, their sittings · marked sent (savepoint,
        # mail, sent-again record, release)
        (MailKind.CONFIRMED, 11),
        # … without the calendar, with the place in line
        (MailKind.WAITLISTED, 9),
        # … with the calendar and the dropped sittings
        (MailKind.PROMOTED, 12),
        (MailKind.CANCELLED, 8),
    ],
)
def test_a_fixed_number_of_queries_however_many_sessions(mailoutbox, tasks_later, kind, expected):
    one, five = booked_with_rounds(1), booked_with_rounds(5)
    dropped = {"dropped_sitting_ids": [0]} if kind == MailKind.PROMOTED else {}

    assert delivery_queries(one, kind, **dropped) == expected
    assert delivery_queries(five, kind, **dropped) == expected
    assert len(mailoutbox) == 2


def test_an_event_mail_takes_a_fixed_number_of_queries_however_many_attend(mailoutbox, tasks_later):
    small, large = booked_with_rounds(1), booked_with_rounds(5)
    for _ in range(4):
        SeatChoiceFactory(
            reservation=ReservationFactory(event=large.event),
            sitting=large.seat_choices.first().sitting,
        )
    counts = []
    for booked in (small, large):
        mailing = mail_to_all(booked.event, MailKind.EVENT_CHANGED)
        mine = mailing.mails.get(reservation=booked)
        with CaptureQueriesContext(connection) as queries:
            assert deliver(mine.pk) == MailStatus.SENT
        counts.append(len(queries))

    assert counts[0] == counts[1]


def test_a_changed_event_gives_those_with_a_place_the_new_calendar_entry(mailoutbox, event):
    confirmed = ReservationFactory(event=event, email="place@example.org")
    ReservationFactory(
        event=event, email="waiting@example.org", status=ReservationStatus.WAITLISTED
    )

    event.starts_at += dt.timedelta(hours=1)
    event.ends_at += dt.timedelta(hours=1)
    event.save()

    by_address = {message.to[0]: message for message in mailoutbox}
    assert ics_attachments(by_address["waiting@example.org"]) == []
    [(_name, content, _mimetype)] = ics_attachments(by_address["place@example.org"])
    [entry] = icalendar.Calendar.from_ical(content).walk("VEVENT")
    assert entry["UID"] == event_uid(event)  # the same entry, updated
    assert entry.decoded("DTSTART") == event.starts_at
    assert confirmed.code in by_address["place@example.org"].body
