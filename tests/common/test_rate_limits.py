"""Rate limits: per user and per address on reserving, cancelling and check-in, and on logins."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from common import ratelimits
from reservations.enums import ReservationStatus
from reservations.models import Reservation
from teams.enums import Role
from tests.factories import EventFactory, MembershipFactory, ReservationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def low_rates(monkeypatch):
    """Small numbers, so that a test reaches them in a few requests."""
    monkeypatch.setitem(ratelimits.RATES, "reserve", ("3/d", "5/d"))
    monkeypatch.setitem(ratelimits.RATES, "cancel", ("3/d", "5/d"))
    monkeypatch.setitem(ratelimits.RATES, "check_in", ("4/d", "100/d"))


def signed_in(address: str = "192.0.2.1", **user_fields) -> Client:
    client = Client(REMOTE_ADDR=address)
    client.force_login(UserFactory(**user_fields))
    return client


def assert_refused(response) -> None:
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert "Te veel verzoeken" in response.content.decode()
    assert "Naar de voorpagina" in response.content.decode()  # the site's own layout


def test_the_rates_suit_a_conference_door():
    per_user, per_address = ratelimits.RATES["check_in"]
    # One host checks in hundreds an hour: one every two seconds at the peak must pass.
    assert int(per_user.split("/")[0]) >= 30
    assert int(per_address.split("/")[0]) >= int(per_user.split("/")[0])


def test_reserving_is_limited_per_user(low_rates):
    event = EventFactory()
    client = signed_in()
    url = reverse("reservations:reserve", args=[event.slug])

    answers = [client.post(url, {"name": ""}).status_code for _ in range(3)]
    refused = client.post(url, {"name": "Anna de Vries"})

    assert 429 not in answers
    assert_refused(refused)
    assert not Reservation.objects.exists()  # the refused request did nothing
    assert client.get(url).status_code == 200  # looking at the form stays free


def test_reserving_is_limited_per_address_across_users(low_rates):
    event = EventFactory()
    url = reverse("reservations:reserve", args=[event.slug])
    answers = [signed_in("192.0.2.7").post(url, {"name": ""}).status_code for _ in range(5)]

    assert 429 not in answers
    assert_refused(signed_in("192.0.2.7").post(url, {"name": "Bert"}))
    # Somebody elsewhere is not affected.
    assert signed_in("198.51.100.3").post(url, {"name": "Carla"}).status_code == 302


def test_cancelling_is_limited_per_user(low_rates):
    client = signed_in()
    user = get_user_model().objects.get()
    reservations = [ReservationFactory(user=user) for _ in range(4)]

    for reservation in reservations[:3]:
        response = client.post(reverse("reservations:cancel", args=[reservation.code]))
        assert response.status_code == 302

    assert_refused(client.post(reverse("reservations:cancel", args=[reservations[3].code])))
    reservations[3].refresh_from_db()
    assert reservations[3].status != ReservationStatus.CANCELLED


def test_check_in_is_limited_per_host(low_rates):
    event = EventFactory()
    reservations = [ReservationFactory(event=event) for _ in range(5)]
    host, other_host = Client(REMOTE_ADDR="192.0.2.1"), Client(REMOTE_ADDR="192.0.2.1")
    for client in (host, other_host):
        client.force_login(MembershipFactory(organisation=event.organiser, role=Role.HOST).user)

    def check_in(client, reservation):
        return client.post(reverse("reservations:check_in", args=[event.slug, reservation.pk]))

    assert [check_in(host, r).status_code for r in reservations[:4]] == [302] * 4
    assert_refused(check_in(host, reservations[4]))
    assert check_in(other_host, reservations[4]).status_code == 302


def test_the_429_page_speaks_english_when_chosen(low_rates):
    event = EventFactory()
    client = signed_in()
    client.cookies["django_language"] = "en"
    url = reverse("reservations:reserve", args=[event.slug])
    for _ in range(3):
        client.post(url, {"name": ""})

    response = client.post(url, {"name": ""})

    assert response.status_code == 429
    assert "Too many requests" in response.content.decode()


def test_behind_the_proxy_the_forwarded_address_counts(low_rates, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    event = EventFactory()
    url = reverse("reservations:reserve", args=[event.slug])

    def from_address(forwarded: str) -> int:
        client = signed_in("10.0.0.2")  # the proxy
        return client.post(url, {"name": ""}, HTTP_X_FORWARDED_FOR=forwarded).status_code

    # A client forging the left part of the header is still counted by its real address.
    answers = [from_address(f"203.0.113.{n}, 192.0.2.50") for n in range(5)]
    assert 429 not in answers
    assert from_address("192.0.2.50") == 429
    assert from_address("192.0.2.51") != 429
    assert from_address("not-an-address") != 429  # garbage falls back to the proxy's address


def test_guessing_the_admin_password_is_blocked():
    get_user_model().objects.create_superuser("beheer", "beheer@example.org", "juist-wachtwoord-9")
    client = Client(REMOTE_ADDR="192.0.2.9")
    login = reverse("admin:login")

    for attempt in range(5):
        response = client.post(login, {"username": "beheer", "password": f"gok-{attempt}"})
        assert response.status_code == 200
        assert "_auth_user_id" not in client.session
    blocked = client.post(login, {"username": "beheer", "password": "juist-wachtwoord-9"})

    assert "_auth_user_id" not in client.session  # even the right password waits now
    assert "Te veel inlogpogingen" in blocked.content.decode()  # allauth's Dutch message


def test_the_admin_login_still_works_and_a_success_does_not_count():
    get_user_model().objects.create_superuser("beheer", "beheer@example.org", "juist-wachtwoord-9")
    client = Client()
    login = reverse("admin:login")

    for _ in range(6):
        response = client.post(
            f"{login}?next=/admin/", {"username": "beheer", "password": "juist-wachtwoord-9"}
        )
        assert response.status_code == 302
        client.logout()


def test_allauth_limits_answer_with_the_same_429_page(settings):
    settings.ACCOUNT_RATE_LIMITS = {"login": "2/m/ip"}
    client = Client()
    login = reverse("account_login")
    for _ in range(2):
        client.post(login, {"login": "iemand@example.org", "password": "x"})

    refused = client.post(login, {"login": "iemand@example.org", "password": "x"})

    assert refused.status_code == 429
    assert "Te veel verzoeken" in refused.content.decode()
