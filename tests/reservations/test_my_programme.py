"""Mijn programma: saved and reserved events and sessions in time order, printable; the
private feed with saved items and chosen sessions; mails' calendar files naming sessions."""

import datetime as dt

import icalendar
import pytest
from django.urls import reverse

from events.calendars import event_uid, sitting_uid
from events.enums import EventStatus
from reservations import saving
from reservations.enums import MailKind, ReservationStatus
from reservations.models import CalendarFeed, SavedItem
from reservations.tasks import queue_reminders
from tests.factories import (
    AMSTERDAM,
    EventFactory,
    ReservationFactory,
    SeatChoiceFactory,
    SessionFactory,
    SittingFactory,
    SlotFactory,
    UserFactory,
    past_event,
)
from tests.query_counts import queries_for
from tests.reservations.test_emails import (  # noqa: F401  # fixtures
    _site,
    event,
    ics_attachments,
    only_mail,
    reservation,
    round_of,
    send,
    sitting_in,
)

pytestmark = pytest.mark.django_db

MY_PROGRAMME = reverse("reservations:my_programme")


def programme_of(starts_in_days: int, title: str):
    """An event with two rounds of two sittings each."""
    starts = dt.datetime.now(AMSTERDAM).replace(hour=14, minute=0, second=0, microsecond=0)
    starts += dt.timedelta(days=starts_in_days)
    made = EventFactory(title=title, starts_at=starts, ends_at=starts + dt.timedelta(hours=4))
    rounds = [round_of(made, 1), round_of(made, 3)]
    sittings = [
        SittingFactory(
            session=SessionFactory(event=made, code=f"{n}{letter}", title=f"{title} {n}{letter}"),
            slot=round_,
            room=f"Zaal {n}{letter}",
        )
        for n, round_ in enumerate(rounds, start=1)
        for letter in "ab"
    ]
    return made, sittings


def texts_in_order(html: str, *texts: str) -> bool:
    places = [html.index(text) for text in texts]
    return places == sorted(places)


# The page ----------------------------------------------------------------------------------


def test_saved_and_reserved_in_time_order(client, user):
    later, later_sittings = programme_of(20, "Later")
    sooner, sooner_sittings = programme_of(10, "Eerder")
    booked = ReservationFactory(event=later, user=user)
    SeatChoiceFactory(reservation=booked, sitting=later_sittings[2])  # round 2, chosen
    saving.save_item(user=user, kind="session", item_id=later_sittings[0].session_id)  # round 1
    saving.save_item(user=user, kind="event", item_id=sooner.pk)
    saving.save_item(user=user, kind="session", item_id=sooner_sittings[3].session_id)

    html = client.get(MY_PROGRAMME).text

    assert texts_in_order(html, "Eerder", "Eerder 2b", "Later", "Later 1a", "Later 2a")
    assert "Zaal 2a" in html and "Jouw keuze" in html
    assert booked.code in html
    # Only what this person saved or chose.
    assert "Later 1b" not in html and "Eerder 1a" not in html


def test_a_saved_session_that_was_chosen_shows_once(client, user):
    made, sittings = programme_of(5, "Wonen")
    # The same session held in both rounds, chosen in the second.
    twice = SittingFactory(session=sittings[0].session, slot=sittings[2].slot, room="Zaal X")
    booked = ReservationFactory(event=made, user=user)
    SeatChoiceFactory(reservation=booked, sitting=twice)
    saving.save_item(user=user, kind="session", item_id=twice.session_id)

    html = client.get(MY_PROGRAMME).text

    assert "Zaal X" in html and "Zaal 1a" not in html


def test_past_cancelled_reservations_drafts_and_others_items_stay_out(client, user):
    draft, draft_sittings = programme_of(3, "Concept")
    SavedItem.objects.create(user=user, event=draft)
    SavedItem.objects.create(user=user, session=draft_sittings[0].session)
    draft.status = EventStatus.DRAFT
    draft.save()
    SavedItem.objects.create(user=user, event=past_event(5, title="Voorbij"))
    ReservationFactory(
        user=user, status=ReservationStatus.CANCELLED, event=EventFactory(title="Afgezegd")
    )
    SavedItem.objects.create(user=UserFactory(), event=EventFactory(title="Van een ander"))

    html = client.get(MY_PROGRAMME).text

    for hidden in ("Concept", "Voorbij", "Afgezegd", "Van een ander"):
        assert hidden not in html
    assert "Je hebt nog niets bewaard of gereserveerd." in html


def test_empty_state(client, user):
    response = client.get(MY_PROGRAMME)
    assert response.status_code == 200
    assert "Je hebt nog niets bewaard of gereserveerd." in response.text
    assert reverse("events:agenda") in response.text


def test_printable_one_event_per_page(client, user):
    made, _ = programme_of(4, "Print")
    saving.save_item(user=user, kind="event", item_id=made.pk)
    html = client.get(MY_PROGRAMME).text
    assert 'class="my-programme__event"' in html
    assert "css/my-programme.css" in html
    from django.contrib.staticfiles import finders

    with open(finders.find("css/my-programme.css"), encoding="utf-8") as sheet:
        css = sheet.read()
    print_rules = css[css.index("@media print") :]
    assert "break-after: page" in print_rules and "size: A4" in print_rules
    assert ".save-form" in print_rules


def test_the_header_links_it_for_signed_in_people(client, user):
    html = client.get(reverse("events:agenda")).text
    assert f'href="{MY_PROGRAMME}"' in html


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(MY_PROGRAMME)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert response["Location"].endswith(f"?next={MY_PROGRAMME}")


def test_only_get(client, user):
    assert client.post(MY_PROGRAMME).status_code == 405


def test_the_same_queries_for_one_or_many_items(client, user):
    def add(n: int):
        made, sittings = programme_of(n, f"Evenement {n}")
        booked = ReservationFactory(event=made, user=user)
        SeatChoiceFactory(reservation=booked, sitting=sittings[0])
        SeatChoiceFactory(reservation=booked, sitting=sittings[2])
        saving.save_item(user=user, kind="event", item_id=made.pk)
        saving.save_item(user=user, kind="session", item_id=sittings[1].session_id)
        saving.save_item(user=user, kind="session", item_id=sittings[3].session_id)
        saving.save_item(user=user, kind="session", item_id=SessionFactory(event=made).pk)

    add(1)
    one = queries_for(client, MY_PROGRAMME)
    for n in range(2, 6):
        add(n)
    assert queries_for(client, MY_PROGRAMME) == one


# The private feed --------------------------------------------------------------------------


def feed_of(client, user) -> icalendar.Calendar:
    feed = CalendarFeed.objects.create(user=user)
    response = client.get(reverse("reservations:personal_feed", args=[feed.token]))
    assert response.status_code == 200
    return icalendar.Calendar.from_ical(response.content)


def entries(calendar) -> dict[str, icalendar.Event]:
    return {str(vevent["UID"]): vevent for vevent in calendar.walk("VEVENT")}


def test_the_feed_names_chosen_sessions_and_carries_saved_ones_as_tentative(client, db):
    person = UserFactory()
    reserved, reserved_sittings = programme_of(6, "Gereserveerd")
    saved, _ = programme_of(8, "Bewaard evenement")
    booked = ReservationFactory(event=reserved, user=person)
    SeatChoiceFactory(reservation=booked, sitting=reserved_sittings[1])
    saving.save_item(user=person, kind="session", item_id=reserved_sittings[3].session_id)
    saving.save_item(user=person, kind="event", item_id=saved.pk)
    draft, draft_sittings = programme_of(9, "Concept")
    saving.save_item(user=person, kind="session", item_id=draft_sittings[0].session_id)
    Event = type(draft)
    Event.objects.filter(pk=draft.pk).update(status=EventStatus.DRAFT)

    found = entries(feed_of(client, person))

    assert set(found) == {
        event_uid(reserved),
        event_uid(saved),
        sitting_uid(reserved_sittings[1]),
        sitting_uid(reserved_sittings[3]),
    }
    reserved_entry = found[event_uid(reserved)]
    assert str(reserved_entry["STATUS"]) == "CONFIRMED"
    description = str(reserved_entry["DESCRIPTION"])
    assert "Jouw sessies\n14.00–14.30 Ronde 1: 1b Gereserveerd 1b (Zaal 1b)" in description
    saved_entry = found[event_uid(saved)]
    assert str(saved_entry["SUMMARY"]) == "Bewaard: Bewaard evenement"
    assert str(saved_entry["STATUS"]) == "TENTATIVE"
    assert saved_entry["CATEGORIES"].cats == ["Bewaard"]
    chosen = found[sitting_uid(reserved_sittings[1])]
    assert str(chosen["SUMMARY"]) == "1b Gereserveerd 1b"
    assert str(chosen["STATUS"]) == "CONFIRMED" and str(chosen["TRANSP"]) == "TRANSPARENT"
    assert str(chosen["LOCATION"]).startswith("Zaal 1b, ")
    assert chosen.decoded("DTSTART") == reserved_sittings[1].slot.starts_at
    kept = found[sitting_uid(reserved_sittings[3])]
    assert str(kept["SUMMARY"]) == "Bewaard: 2b Gereserveerd 2b"
    assert str(kept["STATUS"]) == "TENTATIVE"
    assert kept["CATEGORIES"].cats == ["Bewaard"]


def test_the_feed_costs_the_same_queries_for_one_or_many(client, db):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    person = UserFactory()
    feed = CalendarFeed.objects.create(user=person)
    url = reverse("reservations:personal_feed", args=[feed.token])

    def add(n: int):
        made, sittings = programme_of(n, f"Evenement {n}")
        booked = ReservationFactory(event=made, user=person)
        SeatChoiceFactory(reservation=booked, sitting=sittings[0])
        saving.save_item(user=person, kind="session", item_id=sittings[3].session_id)
        saving.save_item(user=person, kind="event", item_id=programme_of(n, f"Ander {n}")[0].pk)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    add(1)
    one = count()
    for n in range(2, 5):
        add(n)
    assert count() == one


# Mails ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", [MailKind.CONFIRMED, MailKind.PROMOTED])
def test_the_mails_calendar_file_names_the_chosen_sessions(mailoutbox, reservation, kind):  # noqa: F811  # the fixture
    send(reservation, kind)

    message = only_mail()
    assert "- 14.30–15.00 Ronde 2: 1a Buurtbudgetten (Zaal 2)" in message.body
    [(_name, content, _type)] = ics_attachments(message)
    [vevent] = icalendar.Calendar.from_ical(content).walk("VEVENT")
    assert "Jouw sessies\n14.30–15.00 Ronde 2: 1a Buurtbudgetten (Zaal 2)" in str(
        vevent["DESCRIPTION"]
    )


def test_a_new_choice_makes_the_file_newer(mailoutbox, reservation):  # noqa: F811  # the fixture
    send(reservation, MailKind.CONFIRMED)
    [(_n, first, _t)] = ics_attachments(only_mail())
    choice = reservation.seat_choices.get()
    type(choice).objects.filter(pk=choice.pk).update(
        created_at=choice.created_at + dt.timedelta(hours=1)
    )
    mailoutbox.clear()
    send(reservation, MailKind.CONFIRMED)
    [(_n, second, _t)] = ics_attachments(only_mail())
    [before] = icalendar.Calendar.from_ical(first).walk("VEVENT")
    [after] = icalendar.Calendar.from_ical(second).walk("VEVENT")
    assert int(after["SEQUENCE"]) > int(before["SEQUENCE"])


def test_the_reminders_calendar_file_names_the_chosen_sessions(mailoutbox, settings, site_url):
    starts = dt.datetime.now(AMSTERDAM) + dt.timedelta(hours=10)
    made = EventFactory(starts_at=starts, ends_at=starts + dt.timedelta(hours=4))
    slot = SlotFactory(
        event=made, title="Ronde 1", starts_at=starts, ends_at=starts + dt.timedelta(minutes=45)
    )
    session = SessionFactory(event=made, code="1a", title="Buurtbudgetten")
    booked = ReservationFactory(event=made)
    SeatChoiceFactory(
        reservation=booked, sitting=SittingFactory(session=session, slot=slot, room="Raadzaal")
    )

    assert queue_reminders.call() == 1

    [message] = mailoutbox
    assert "Ronde 1: 1a Buurtbudgetten (Raadzaal)" in message.body
    [(_n, content, _t)] = message.attachments
    [vevent] = icalendar.Calendar.from_ical(content).walk("VEVENT")
    assert "Ronde 1: 1a Buurtbudgetten (Raadzaal)" in str(vevent["DESCRIPTION"])
