"""A signed-in session must show the password again before it changes the account's
addresses or password, and the account's address hears of every change.

A stolen session cookie is not enough to move an account to another address: adding an
address, making one primary and removing one ask for the password unless it was entered
in the last few minutes; changing the password asks for the old one. Each change mails
the address that had been the account's (in Dutch, like the site).
"""

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from tests.accounts.helpers import assert_in_site_layout, link_in, page
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

EMAIL = reverse("account_email")
REAUTHENTICATE = reverse("account_reauthenticate")
NEW_PASSWORD = "Samen-de-Stad-Maken-77"


@pytest.fixture
def signed_in(client, verified_user):
    """A session that logged in earlier and has not entered the password since."""
    client.force_login(verified_user)
    return client


@pytest.fixture
def second_address(verified_user):
    """A second verified address, as accounts from before one-address-per-account have."""
    return EmailAddress.objects.create(
        user=verified_user, email="anna.werk@example.org", primary=False, verified=True
    )


def assert_sent_to_reauthentication(response) -> None:
    assert response.status_code == 302
    assert response["Location"].startswith(f"{REAUTHENTICATE}?next=")


def addresses(user) -> list[tuple[str, bool, bool]]:
    return sorted(
        EmailAddress.objects.filter(user=user).values_list("email", "primary", "verified")
    )


def notifications(mailoutbox, to: str) -> list[str]:
    return [message.subject for message in mailoutbox if message.to == [to]]


def test_adding_an_address_asks_for_the_password_first(signed_in, verified_user, mailoutbox):
    response = signed_in.post(EMAIL, {"action_add": "", "email": "aanvaller@example.org"})

    assert_sent_to_reauthentication(response)
    assert addresses(verified_user) == [("anna@example.org", True, True)]
    assert mailoutbox == []
    confirm = signed_in.get(response["Location"])
    html = page(confirm)
    assert confirm.status_code == 200
    assert_in_site_layout(html)
    assert "Toegang bevestigen" in html
    assert 'autocomplete="current-password"' in html


def test_a_wrong_password_does_not_add_the_address(signed_in, verified_user, mailoutbox):
    asked = signed_in.post(EMAIL, {"action_add": "", "email": "aanvaller@example.org"})

    wrong = signed_in.post(asked["Location"], {"password": "geraden-123"})

    assert wrong.status_code == 200
    assert 'class="errorlist' in page(wrong)
    assert addresses(verified_user) == [("anna@example.org", True, True)]
    assert mailoutbox == []


def test_after_the_password_the_change_goes_on_and_the_old_address_is_told(
    signed_in, verified_user, mailoutbox
):
    asked = signed_in.post(EMAIL, {"action_add": "", "email": "anna.nieuw@example.org"})

    confirmed = signed_in.post(asked["Location"], {"password": PASSWORD})

    assert confirmed.status_code == 302
    assert ("anna.nieuw@example.org", False, False) in addresses(verified_user)
    assert [message.to for message in mailoutbox] == [["anna.nieuw@example.org"]]
    signed_in.post(link_in(mailoutbox[0]))
    assert addresses(verified_user) == [("anna.nieuw@example.org", True, True)]
    told = [message for message in mailoutbox if message.to == ["anna@example.org"]]
    assert len(told) == 1
    assert told[0].subject == "[Coöperatieve Stad] E-mailadres gewijzigd"
    assert "Je ontvangt deze e-mail vanwege de volgende wijziging aan je account" in told[0].body
    assert "anna@example.org" in told[0].body and "anna.nieuw@example.org" in told[0].body


def test_the_password_counts_for_a_few_minutes(signed_in, verified_user, mailoutbox):
    signed_in.post(REAUTHENTICATE, {"password": PASSWORD})

    response = signed_in.post(EMAIL, {"action_add": "", "email": "anna.nieuw@example.org"})

    assert response.status_code == 302
    assert response["Location"] == EMAIL
    assert [message.to for message in mailoutbox] == [["anna.nieuw@example.org"]]


def test_making_another_address_primary_asks_for_the_password(
    signed_in, verified_user, second_address, mailoutbox
):
    data = {"action_primary": "", "email": second_address.email}

    asked = signed_in.post(EMAIL, data)

    assert_sent_to_reauthentication(asked)
    assert EmailAddress.objects.get_primary(verified_user).email == "anna@example.org"
    assert mailoutbox == []

    signed_in.post(asked["Location"], {"password": PASSWORD})

    assert EmailAddress.objects.get_primary(verified_user).email == "anna.werk@example.org"
    assert notifications(mailoutbox, "anna@example.org") == [
        "[Coöperatieve Stad] E-mailadres gewijzigd"
    ]


def test_removing_an_address_asks_for_the_password(
    signed_in, verified_user, second_address, mailoutbox
):
    data = {"action_remove": "", "email": second_address.email}

    asked = signed_in.post(EMAIL, data)

    assert_sent_to_reauthentication(asked)
    assert EmailAddress.objects.filter(pk=second_address.pk).exists()
    assert mailoutbox == []

    signed_in.post(asked["Location"], {"password": PASSWORD})

    assert not EmailAddress.objects.filter(pk=second_address.pk).exists()
    told = [message for message in mailoutbox if message.to == ["anna@example.org"]]
    assert [message.subject for message in told] == ["[Coöperatieve Stad] E-mailadres verwijderd"]
    assert "anna.werk@example.org" in told[0].body


def test_changing_the_password_needs_the_old_one_and_is_told(signed_in, verified_user, mailoutbox):
    url = reverse("account_change_password")
    new = {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}

    without = signed_in.post(url, new)
    wrong = signed_in.post(url, {"oldpassword": "geraden-123", **new})

    assert without.status_code == wrong.status_code == 200
    verified_user.refresh_from_db()
    assert verified_user.check_password(PASSWORD)
    assert mailoutbox == []

    done = signed_in.post(url, {"oldpassword": PASSWORD, **new})

    assert done.status_code == 302
    assert notifications(mailoutbox, "anna@example.org") == [
        "[Coöperatieve Stad] Wachtwoord gewijzigd"
    ]
    assert "Je wachtwoord is gewijzigd." in mailoutbox[0].body


def test_a_reset_password_is_told_to_the_address(client, verified_user, mailoutbox):
    client.post(reverse("account_reset_password"), {"email": "anna@example.org"})
    form_url = client.get(link_in(mailoutbox[0]))["Location"]
    mailoutbox.clear()

    client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    assert len(notifications(mailoutbox, "anna@example.org")) == 1
    assert "Je ontvangt deze e-mail vanwege de volgende wijziging" in mailoutbox[0].body
