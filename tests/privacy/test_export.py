"""Downloading one's own data: everything personal, nobody else's, in a fixed number of queries."""

import json

import pytest
from django.urls import reverse
from django.utils import timezone

from reservations.enums import ReservationStatus
from reservations.models import CalendarFeed
from tests.factories import (
    EventFactory,
    ReservationFactory,
    SeatChoiceFactory,
    make_user,
    past_event,
)
from tests.privacy.conftest import sitting_of
from tests.query_counts import queries_for

pytestmark = pytest.mark.django_db

DOWNLOAD = reverse("privacy:download")
MY_DATA = reverse("privacy:my_data")


def download(client) -> dict:
    response = client.get(DOWNLOAD)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert "no-store" in response["Cache-Control"]
    return json.loads(response.content)


def test_the_download_holds_account_addresses_reservations_seats_and_feed(client, person):
    event = EventFactory(title="Werken in de wijk", includes_meal=True)
    sitting = sitting_of(event, room="Zaal 2")
    reservation = ReservationFactory(
        event=event, user=person, name="Anna de Vries", dietary_wishes="veganistisch"
    )
    SeatChoiceFactory(reservation=reservation, sitting=sitting, slot=sitting.slot)
    old = ReservationFactory(event=past_event(30), user=person, status=ReservationStatus.CANCELLED)
    feed = CalendarFeed.objects.create(user=person)

    data = download(client)

    assert data["account"]["email"] == "anna@example.org"
    assert data["account"]["first_name"] == "Anna"
    assert data["email_addresses"] == [
        {"email": "anna@example.org", "primary": True, "verified": True}
    ]
    by_code = {item["code"]: item for item in data["reservations"]}
    assert set(by_code) == {reservation.code, old.code}
    mine = by_code[reservation.code]
    assert mine["name"] == "Anna de Vries"
    assert mine["dietary_wishes"] == "veganistisch"
    assert mine["status"] == "confirmed"
    assert mine["event"]["title"] == "Werken in de wijk"
    assert mine["sessions"] == [
        {
            "round": sitting.slot.title,
            "starts_at": timezone.localtime(sitting.slot.starts_at).isoformat(),
            "session": str(sitting.session),
            "room": "Zaal 2",
        }
    ]
    assert by_code[old.code]["status"] == "cancelled"
    assert data["calendar_feed"]["url"].endswith(f"/mijn-agenda/{feed.token}.ics")


def test_nobody_elses_data_is_in_the_download(client, person):
    other = make_user("bert@example.org", first_name="Bert")
    event = EventFactory()
    ReservationFactory(event=event, user=person)
    theirs = ReservationFactory(
        event=event, user=other, name="Bert Jansen", dietary_wishes="notenallergie"
    )
    their_feed = CalendarFeed.objects.create(user=other)

    text = client.get(DOWNLOAD).content.decode()

    for secret in (
        "bert@example.org",
        "Bert Jansen",
        "notenallergie",
        theirs.code,
        their_feed.token,
    ):
        assert secret not in text


def test_someone_without_reservations_gets_empty_lists(client, person):
    data = download(client)
    assert data["reservations"] == []
    assert data["calendar_feed"] is None


def test_the_download_costs_the_same_queries_for_one_or_three_reservations(client, person):
    def reserve_with_seat():
        event = EventFactory()
        sitting = sitting_of(event)
        reservation = ReservationFactory(event=event, user=person)
        SeatChoiceFactory(reservation=reservation, sitting=sitting, slot=sitting.slot)

    reserve_with_seat()
    CalendarFeed.objects.create(user=person)
    one = queries_for(client, DOWNLOAD)
    reserve_with_seat()
    reserve_with_seat()
    assert queries_for(client, DOWNLOAD) == one


def test_the_my_data_page_costs_the_same_queries_for_one_or_three_reservations(client, person):
    ReservationFactory(user=person)
    one = queries_for(client, MY_DATA)
    ReservationFactory(user=person)
    ReservationFactory(user=person)
    assert queries_for(client, MY_DATA) == one


@pytest.mark.parametrize(
    "url", [MY_DATA, DOWNLOAD, reverse("privacy:delete_account")], ids=["page", "json", "delete"]
)
def test_anonymous_visitors_are_sent_to_log_in(client, db, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_my_data_is_linked_from_my_reservations(client, person):
    html = client.get(reverse("reservations:my_reservations")).content.decode()
    assert f'href="{MY_DATA}"' in html


def test_the_my_data_page_offers_download_and_deletion(client, person, settings):
    settings.PARTICIPANT_RETENTION_DAYS = 180
    html = client.get(MY_DATA).content.decode()
    assert f'href="{DOWNLOAD}"' in html
    assert f'href="{reverse("privacy:delete_account")}"' in html
    assert "180 dagen" in html
