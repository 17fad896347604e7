"""The reservation and event e-mails: content, attachment, recipients, failures, queries."""

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
from reservations.enums import ReservationStatus
from reservations.models import Reservation
from reservations.notifications import (
    MY_RESERVATIONS_PATH,
    MailKind,
    event_when,
    send_event_mail,
    send_reservation_mail,
)
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
    send_reservation_mail(reservation.pk, kind)

    message = only_mail()
    assert message.to == ["anna@example.org"]
    assert message.from_email == "Coöperatieve Stad <noreply@coopstad.example>"
    assert message.reply_to == ["info@zaanstad.example"]
    assert message.subject == subject
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
    send_reservation_mail(reservation.pk, kind)

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
    send_reservation_mail(reservation.pk, MailKind.CONFIRMED)

    raw = only_mail().message().as_string()
    assert 'Content-Disposition: attachment; filename="werkconferentie-zaanstad.ics"' in raw
    assert raw.count("charset=") == raw.count('charset="utf-8"')  # no doubled parameters
    assert "Content-Type: text/calendar" in raw


@pytest.mark.parametrize("kind", [MailKind.WAITLISTED, MailKind.CANCELLED])
def test_no_calendar_file_without_a_place(mailoutbox, reservation, kind):
    send_reservation_mail(reservation.pk, kind)

    assert ics_attachments(only_mail()) == []


def test_the_waiting_list_mail_gives_the_place_in_line(mailoutbox, event):
    ReservationFactory(event=event, status=ReservationStatus.WAITLISTED)
    ReservationFactory(event=event, status=ReservationStatus.WAITLISTED)
    ReservationFactory(event=event, status=ReservationStatus.CANCELLED)
    mine = ReservationFactory(event=event, status=ReservationStatus.WAITLISTED)
    ReservationFactory(event=event, status=ReservationStatus.WAITLISTED)  # behind me

    send_reservation_mail(mine.pk, MailKind.WAITLISTED)

    message = only_mail()
    assert message.subject == "Wachtlijst: je staat op plaats 3 voor Werkconferentie Zaanstad"
    assert "Je staat op de wachtlijst, op plaats 3." in message.body
    assert "op plaats 3" in html_of(message)
    assert mine.code in message.body


def test_places_in_line_with_the_same_creation_time_follow_the_id(mailoutbox, event):
    first = ReservationFactory(event=event, status=ReservationStatus.WAITLISTED)
    second = ReservationFactory(event=event, status=ReservationStatus.WAITLISTED)
    Reservation.objects.filter(pk=second.pk).update(created_at=first.created_at)

    send_reservation_mail(second.pk, MailKind.WAITLISTED)

    assert "op plaats 2" in only_mail().subject


def test_a_promotion_lists_the_sessions_that_were_full(mailoutbox, reservation, event):
    full = sitting_in(round_of(event, 3), "2b", "Energiecoöperaties", room="Zaal 5")

    send_reservation_mail(reservation.pk, MailKind.PROMOTED, dropped_sitting_ids=[full.pk])

    message = only_mail()
    body, html = message.body, html_of(message)
    kept, dropped = body.split("Deze sessies waren intussen vol")
    assert "1a Buurtbudgetten" in kept and "2b Energiecoöperaties" not in kept
    assert "- 15.00–15.30 Ronde 3: 2b Energiecoöperaties (Zaal 5)" in dropped
    assert f"Kies een andere sessie via Mijn reserveringen: {SITE}/mijn-reserveringen/" in body
    assert "2b Energiecoöperaties" in html and f'href="{SITE}/mijn-reserveringen/"' in html


def test_a_promotion_without_dropped_sessions_does_not_mention_them(mailoutbox, reservation):
    send_reservation_mail(reservation.pk, MailKind.PROMOTED)

    assert "intussen vol" not in only_mail().body


def test_sittings_of_another_event_are_not_named(mailoutbox, reservation):
    elsewhere = SittingFactory(session__title="Geheime sessie")

    send_reservation_mail(reservation.pk, MailKind.PROMOTED, dropped_sitting_ids=[elsewhere.pk])

    assert "Geheime sessie" not in only_mail().body


def test_an_online_event_gives_its_links_instead_of_a_venue(mailoutbox):
    online = EventFactory(
        format=EventFormat.LIVECAST,
        venue=None,
        livestream_url="https://stream.example/live",
        participation_url="https://zoom.example/j/123",
    )
    booked = ReservationFactory(event=online)

    send_reservation_mail(booked.pk, MailKind.CONFIRMED)

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


def test_the_mail_is_in_the_language_active_when_sent(mailoutbox, reservation):
    with translation.override("en"):
        send_reservation_mail(reservation.pk, MailKind.CONFIRMED)

    message = only_mail()
    # Day and month names follow the language; untranslated text falls back to Dutch.
    assert "Monday 27 October 2031, 14.00–18.00" in message.body
    assert '<html lang="en">' in html_of(message)


def test_the_my_reservations_path_is_the_real_page():
    assert reverse("reservations:my_reservations") == MY_RESERVATIONS_PATH


def test_kinds_match_the_statuses_services_pass():
    assert {MailKind.CONFIRMED, MailKind.WAITLISTED, MailKind.CANCELLED} <= set(
        ReservationStatus.values
    )


def test_an_unknown_kind_is_a_programming_error(reservation):
    with pytest.raises(ValueError):
        send_reservation_mail(reservation.pk, MailKind.EVENT_CHANGED)
    with pytest.raises(ValueError):
        send_event_mail(reservation.event_id, MailKind.CONFIRMED)


# Anonymised reservations and failures -----------------------------------------------------


def test_an_anonymised_reservation_gets_no_mail(mailoutbox, reservation):
    Reservation.objects.filter(pk=reservation.pk).update(email="")

    send_reservation_mail(reservation.pk, MailKind.CONFIRMED)

    assert mailoutbox == []


def test_a_deleted_reservation_gets_no_mail(mailoutbox):
    send_reservation_mail(999_999, MailKind.CANCELLED)

    assert mailoutbox == []


@pytest.fixture
def smtp_down(monkeypatch, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    def refuse(self, messages):
        raise smtplib.SMTPException("Connection unexpectedly closed")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)
    monkeypatch.setattr(
        "reservations.notifications.time.sleep", lambda seconds: None
    )  # between retries


@pytest.mark.usefixtures("smtp_down")
def test_a_failing_mail_server_is_logged_not_raised(reservation, caplog):
    with caplog.at_level(logging.ERROR, logger="reservations.notifications"):
        send_reservation_mail(reservation.pk, MailKind.CONFIRMED)

    [record] = caplog.records
    assert record.name == "reservations.notifications"
    assert reservation.code in record.getMessage()
    assert record.exc_info is not None


@pytest.mark.usefixtures("smtp_down")
def test_a_failing_mail_server_during_an_event_mail_gives_zero(reservation, caplog):
    with caplog.at_level(logging.ERROR, logger="reservations.notifications"):
        assert send_event_mail(reservation.event_id, MailKind.EVENT_CHANGED) == 0

    assert reservation.code in caplog.records[0].getMessage()


# Mails about the event --------------------------------------------------------------------


def test_event_mails_go_to_active_reservations_only(mailoutbox, event, reservation):
    # Anonymised, yet still first in line: the other waiting person is second.
    ReservationFactory(event=event, status=ReservationStatus.WAITLISTED, email="")
    waiting = ReservationFactory(event=event, status=ReservationStatus.WAITLISTED)
    gone = ReservationFactory(event=event, status=ReservationStatus.CANCELLED)
    ReservationFactory()  # another event

    sent = send_event_mail(event.pk, MailKind.EVENT_CHANGED)

    assert sent == 2
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


def test_event_mails_use_one_connection(mailoutbox, event, reservation, monkeypatch):
    ReservationFactory(event=event)
    opened = []
    real = mail.get_connection

    def counting(*args, **kwargs):
        opened.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr("reservations.notifications.get_connection", counting)

    assert send_event_mail(event.pk, MailKind.EVENT_CHANGED) == 2
    assert len(opened) == 1


def test_a_cancelled_event_tells_everybody(mailoutbox, event, reservation):
    ReservationFactory(event=event, status=ReservationStatus.WAITLISTED)
    Event.objects.filter(pk=event.pk).update(status=EventStatus.CANCELLED)

    assert send_event_mail(event.pk, MailKind.EVENT_CANCELLED) == 2

    message = next(m for m in mailoutbox if m.to == [reservation.email])
    assert message.subject == "Gaat niet door: Werkconferentie Zaanstad"
    assert "Helaas gaat Werkconferentie Zaanstad niet door" in message.body
    assert "info@zaanstad.example" in message.body
    assert "mailto:info@zaanstad.example" in html_of(message)
    assert ics_attachments(message) == []


def test_an_event_without_reservations_sends_nothing(mailoutbox):
    assert send_event_mail(EventFactory().pk, MailKind.EVENT_CHANGED) == 0
    assert send_event_mail(999_999, MailKind.EVENT_CANCELLED) == 0
    assert mailoutbox == []


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


def mail_queries(reservation: Reservation, kind: str, **kwargs) -> int:
    """How many queries sending one reservation mail of `kind` runs."""
    with CaptureQueriesContext(connection) as queries:
        send_reservation_mail(reservation.pk, kind, **kwargs)
    return len(queries)


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        # reservation with event, venue, organiser · seat choices · the calendar's
        # slots, their speakers, their sittings
        (MailKind.CONFIRMED, 5),
        # … and the place in line
        (MailKind.WAITLISTED, 3),
        # … and the dropped sittings
        (MailKind.PROMOTED, 6),
        (MailKind.CANCELLED, 2),
    ],
)
def test_a_fixed_number_of_queries_however_many_sessions(mailoutbox, kind, expected):
    one, five = booked_with_rounds(1), booked_with_rounds(5)
    dropped = {"dropped_sitting_ids": [0]} if kind == MailKind.PROMOTED else {}

    assert mail_queries(one, kind, **dropped) == expected
    assert mail_queries(five, kind, **dropped) == expected
    assert len(mailoutbox) == 2


def test_event_mails_take_a_fixed_number_of_queries(mailoutbox):
    small, large = booked_with_rounds(1), booked_with_rounds(5)
    for _ in range(4):
        SeatChoiceFactory(
            reservation=ReservationFactory(event=large.event),
            sitting=large.seat_choices.first().sitting,
        )

    with CaptureQueriesContext(connection) as few:
        assert send_event_mail(small.event_id, MailKind.EVENT_CHANGED) == 1
    with CaptureQueriesContext(connection) as many:
        assert send_event_mail(large.event_id, MailKind.EVENT_CHANGED) == 5

    # event with venue and organiser · reservations · their seat choices
    assert len(few) == len(many) == 3
