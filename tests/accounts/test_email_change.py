"""Changing the e-mail address: the new one replaces the old once it is verified."""

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from tests.accounts.helpers import assert_in_site_layout, link_in, page
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db

EMAIL = reverse("account_email")


def test_a_new_address_is_verified_and_then_replaces_the_old_one(client, verified_user, mailoutbox):
    client.force_login(verified_user)
    # Changing the address asks for the password (tests/accounts/test_reauthentication.py).
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})

    response = client.post(EMAIL, {"action_add": "", "email": "anna.nieuw@example.org"})

    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["anna.nieuw@example.org"]
    pending = client.get(EMAIL)
    html = page(pending)
    assert pending.status_code == 200
    assert "anna.nieuw@example.org" in html
    assert "<form hidden" in html  # the re-send / cancel helper form
    assert_in_site_layout(html)
    verified_user.refresh_from_db()
    assert verified_user.email == "anna@example.org"  # not before verification

    client.post(link_in(mailoutbox[0]))

    verified_user.refresh_from_db()
    assert verified_user.email == "anna.nieuw@example.org"
    assert list(
        EmailAddress.objects.filter(user=verified_user).values_list("email", "verified")
    ) == [("anna.nieuw@example.org", True)]


@pytest.mark.parametrize("email", ["", "geen-adres"])
def test_a_bad_new_address_rerenders_with_an_error(client, verified_user, email, mailoutbox):
    client.force_login(verified_user)

    response = client.post(EMAIL, {"action_add": "", "email": email})

    assert response.status_code == 200
    assert 'class="errorlist' in page(response)
    assert mailoutbox == []


def test_another_users_address_cannot_be_taken(client, verified_user, mailoutbox):
    bert = make_user("bert@example.org")
    client.force_login(verified_user)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})

    response = client.post(EMAIL, {"action_add": "", "email": "bert@example.org"})
    assert response.status_code in {200, 302}
    # Even when the mail sent to that address is followed, it stays Bert's.
    for message in mailoutbox:
        if "/account/confirm-email/" in message.body:
            client.post(link_in(message))

    verified_user.refresh_from_db()
    assert verified_user.email == "anna@example.org"
    assert EmailAddress.objects.get(email="bert@example.org", verified=True).user == bert
    assert not EmailAddress.objects.filter(user=verified_user, verified=True).exclude(
        email="anna@example.org"
    )


def test_e_mail_management_needs_a_login(client, db):
    response = client.get(EMAIL)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
