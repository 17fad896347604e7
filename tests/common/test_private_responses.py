"""Pages with personal data are kept out of caches: every response to a signed-in person
is ``Cache-Control: private, no-store``; anonymous visitors keep each page's own headers."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.cache import get_max_age

from common import page_cache
from tests.factories import (
    MembershipFactory,
    ReservationFactory,
    SeatChoiceFactory,
    SittingFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def sitting():
    return SittingFactory(capacity=4)


@pytest.fixture
def attendee(sitting):
    person = UserFactory()
    reservation = ReservationFactory(
        event=sitting.slot.event, user=person, dietary_wishes="glutenvrij"
    )
    SeatChoiceFactory(reservation=reservation, sitting=sitting)
    return reservation


def directives(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


def assert_kept_out_of_caches(response) -> None:
    found = directives(response)
    assert {"private", "no-store"} <= found, (response.request["PATH_INFO"], found)
    assert "public" not in found


def attendee_pages(reservation) -> dict[str, str]:
    return {
        "my reservations": reverse("reservations:my_reservations"),
        "change sessions": reverse("reservations:change_sessions", args=[reservation.code]),
        "cancel": reverse("reservations:cancel", args=[reservation.code]),
        "my data": reverse("privacy:my_data"),
        "download": reverse("privacy:download"),
        "delete account": reverse("privacy:delete_account"),
        "e-mail settings": reverse("account_email"),
        "password": reverse("account_change_password"),
    }


def test_every_page_of_an_attendee_is_private_and_not_stored(client, attendee):
    client.force_login(attendee.user)

    for name, url in attendee_pages(attendee).items():
        response = client.get(url)
        assert response.status_code == 200, name
        assert_kept_out_of_caches(response)


def test_answers_to_an_attendees_forms_are_private_too(client, attendee):
    client.force_login(attendee.user)

    invalid = client.post(reverse("privacy:delete_account"), {"confirmation": "fout"})
    cancelled = client.post(reverse("reservations:cancel", args=[attendee.code]))

    assert invalid.status_code == 200
    assert cancelled.status_code == 302
    assert_kept_out_of_caches(invalid)
    assert_kept_out_of_caches(cancelled)


def test_the_participant_list_and_its_csv_are_private_and_not_stored(client, attendee):
    event = attendee.event
    client.force_login(MembershipFactory(organisation=event.organiser).user)

    for url in (
        reverse("reservations:participants", args=[event.slug]),
        reverse("reservations:participants_csv", args=[event.slug]),
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert "glutenvrij" in response.content.decode()
        assert_kept_out_of_caches(response)


def test_the_admin_is_private_and_not_stored(admin_client, attendee):
    response = admin_client.get(
        reverse("admin:reservations_reservation_change", args=[attendee.pk])
    )

    assert response.status_code == 200
    assert_kept_out_of_caches(response)
    assert "no-cache" in directives(response)  # the admin's own, stricter directives stay


def test_a_public_page_for_a_signed_in_person_is_private_too(client, attendee):
    event = attendee.event
    client.force_login(attendee.user)

    page = client.get(event.get_absolute_url())
    calendar = client.get(reverse("events:event_ics", args=[event.slug]))

    assert page.status_code == calendar.status_code == 200
    assert_kept_out_of_caches(page)
    assert_kept_out_of_caches(calendar)


def test_public_pages_keep_their_headers_for_anonymous_visitors(client, settings, sitting):
    event = sitting.slot.event
    settings.PAGE_CACHE_SECONDS = 60
    page_cache.local_copies.clear()

    page = client.get(event.get_absolute_url())
    calendar = client.get(reverse("events:event_ics", args=[event.slug]))

    assert page.status_code == calendar.status_code == 200
    assert "no-store" not in directives(page) and "private" not in directives(page)
    assert "public" in directives(calendar) and get_max_age(calendar) == 900
    page_cache.local_copies.clear()


def test_the_login_that_signs_someone_in_is_private(db):
    person = UserFactory(email="anna@example.org", password="Fietsen-door-de-Wijk-2025")
    person.emailaddress_set.create(email="anna@example.org", primary=True, verified=True)
    client = Client()

    response = client.post(
        reverse("account_login"),
        {"login": "anna@example.org", "password": "Fietsen-door-de-Wijk-2025"},
    )

    assert response.status_code == 302
    assert_kept_out_of_caches(response)
