"""The deletion form's password is tried as often as allauth's re-authentication allows."""

import pytest
from allauth.account import app_settings as account_settings
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db

DELETE = reverse("privacy:delete_account")


@pytest.fixture
def person(settings, client):
    # Each try hashes; the production hasher would make these tests slow.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    attendee = make_user()
    client.force_login(attendee)
    return attendee


def tries_allowed() -> int:
    rate = account_settings.RATE_LIMITS["reauthenticate"]
    assert rate.endswith("/user"), rate  # counted per account, whatever the address
    return int(rate.split("/")[0])


def assert_refused(response) -> None:
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert "Te veel verzoeken" in response.content.decode()


def test_wrong_passwords_are_refused_after_the_reauthentication_limit(client, person):
    answers = [
        client.post(DELETE, {"confirmation": f"gok-{n}"}).status_code
        for n in range(tries_allowed())
    ]

    refused = client.post(DELETE, {"confirmation": PASSWORD})  # even the right one now

    assert answers == [200] * tries_allowed()
    assert_refused(refused)
    assert get_user_model().objects.filter(pk=person.pk).exists()
    assert client.get(DELETE).status_code == 200  # looking at the form stays free


def test_the_limit_is_shared_with_allauths_reauthentication(client, person):
    reauthenticate = reverse("account_reauthenticate")
    for n in range(tries_allowed()):
        assert client.post(reauthenticate, {"password": f"gok-{n}"}).status_code == 200

    assert_refused(client.post(DELETE, {"confirmation": PASSWORD}))
    assert get_user_model().objects.filter(pk=person.pk).exists()


def test_the_limit_is_per_account(client, person):
    for n in range(tries_allowed()):
        client.post(DELETE, {"confirmation": f"gok-{n}"})
    other = make_user("bert@example.org")
    client.force_login(other)

    response = client.post(DELETE, {"confirmation": PASSWORD})

    assert response.status_code == 302
    assert not get_user_model().objects.filter(pk=other.pk).exists()
