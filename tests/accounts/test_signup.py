"""Sign-up with an e-mail address that must be verified before a password login works."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import MD5PasswordHasher
from django.urls import reverse

from tests.accounts.helpers import assert_in_site_layout, link_in, page
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db

SIGNUP = reverse("account_signup")


def signup(client, email="nieuw@example.org", password1=PASSWORD, password2=PASSWORD):
    return client.post(SIGNUP, {"email": email, "password1": password1, "password2": password2})


def test_signup_sends_a_verification_mail_and_waits_for_it(client, mailoutbox):
    response = signup(client)

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["nieuw@example.org"]
    assert mail.subject.startswith("[Coöperatieve Stad] ")
    assert "/account/confirm-email/" in mail.body
    address = EmailAddress.objects.get(email="nieuw@example.org")
    assert not address.verified and address.primary
    # Not logged in until the address is verified.
    assert "_auth_user_id" not in client.session
    sent = client.get(response["Location"])
    assert sent.status_code == 200
    assert_in_site_layout(page(sent))


def test_the_link_in_the_mail_verifies_the_address_and_logs_in(client, mailoutbox):
    signup(client)
    link = link_in(mailoutbox[0])

    confirm_page = client.get(link)
    assert confirm_page.status_code == 200
    assert_in_site_layout(page(confirm_page))
    response = client.post(link)

    assert response.status_code == 302
    assert EmailAddress.objects.get(email="nieuw@example.org").verified
    user = get_user_model().objects.get(email="nieuw@example.org")
    assert client.session["_auth_user_id"] == str(user.pk)
    assert "Uitloggen" in page(client.get("/"))


def test_the_link_from_another_browser_verifies_without_logging_in(client, mailoutbox):
    signup(client)
    link = link_in(mailoutbox[0])
    client.cookies.clear()

    response = client.post(link)

    assert response.status_code == 302
    assert EmailAddress.objects.get(email="nieuw@example.org").verified
    assert "_auth_user_id" not in client.session


def test_a_broken_verification_link_shows_a_page_not_an_error(client):
    response = client.get(reverse("account_confirm_email", args=["niet-geldig"]))

    assert response.status_code == 200
    assert_in_site_layout(page(response))
    assert client.post(reverse("account_confirm_email", args=["niet-geldig"])).status_code in {
        200,
        404,
    }


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"email": "geen-adres"}, "email"),
        ({"email": ""}, "email"),
        ({"password2": "iets-heel-anders-2025"}, "password2"),
        ({"password1": "123", "password2": "123"}, "password1"),
        ({"password1": "", "password2": ""}, "password1"),
    ],
)
def test_bad_input_rerenders_the_form_with_errors(client, mailoutbox, data, field):
    values = {"email": "nieuw@example.org", "password1": PASSWORD, "password2": PASSWORD} | data

    response = client.post(SIGNUP, values)

    assert response.status_code == 200
    assert field in response.context["form"].errors
    html = page(response)
    assert 'class="errorlist' in html
    assert_in_site_layout(html)
    assert not get_user_model().objects.filter(email="nieuw@example.org").exists()
    assert mailoutbox == []


def test_an_existing_address_gets_no_second_account_and_is_not_revealed(client, mailoutbox):
    # allauth's enumeration protection: the form looks the same as for a new address, and
    # the owner of the address is told by mail that someone tried to sign up with it.
    make_user("anna@example.org")

    response = signup(client, email="Anna@Example.org")

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert get_user_model().objects.filter(email__iexact="anna@example.org").count() == 1
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["Anna@Example.org"] or mailoutbox[0].to == ["anna@example.org"]
    assert "/account/confirm-email/" not in mailoutbox[0].body


def test_a_logged_in_user_is_sent_away_from_signup(client, verified_user):
    client.force_login(verified_user)

    assert client.get(SIGNUP).status_code == 302


@pytest.fixture
def hashed(monkeypatch, settings):
    """The passwords the hasher hashed, in order (one fast hasher, so that all pass here)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    passwords: list[str] = []
    encode = MD5PasswordHasher.encode

    def counting(self, password, salt):
        passwords.append(password)
        return encode(self, password, salt)

    monkeypatch.setattr(MD5PasswordHasher, "encode", counting)
    return passwords


def test_signing_up_costs_the_same_for_an_existing_and_a_new_address(client, hashed, mailoutbox):
    # The time of the answer must not tell which addresses have an account: both paths
    # hash the password once (the expensive part) and send one mail.
    make_user("anna@example.org")
    hashed.clear()

    existing = signup(client, email="anna@example.org")
    existing_work = (list(hashed), len(mailoutbox))
    hashed.clear()
    client.cookies.clear()
    new = signup(client, email="nieuw@example.org")
    new_work = (list(hashed), len(mailoutbox) - 1)

    assert existing.status_code == new.status_code == 302
    assert existing["Location"] == new["Location"]
    assert existing_work == new_work == ([PASSWORD], 1)


def test_the_verification_mail_greets_from_the_site_by_name(client, mailoutbox, settings):
    settings.SITE_URL = "https://portal.example.org"
    client.post(
        SIGNUP,
        {"email": "nieuw@example.org", "password1": PASSWORD, "password2": PASSWORD},
        HTTP_HOST="127.0.0.1:8101",
    )

    body = mailoutbox[0].body
    assert "Coöperatieve Stad" in body.splitlines()[0]
    assert "portal.example.org" in body
    assert "127.0.0.1:8101" not in body.replace("http://127.0.0.1:8101/account/", "")


def test_password_rules_and_errors_are_dutch_and_say_je(client):
    too_short = page(signup(client, password1="kort", password2="kort"))
    numeric = page(signup(client, password1="3141592653589", password2="3141592653589"))
    like_address = page(
        signup(client, password1="nieuw@example.org", password2="nieuw@example.org")
    )

    assert "Dit wachtwoord is te kort: het moet minstens 8 tekens lang zijn." in too_short
    assert "Je wachtwoord moet minstens 8 tekens lang zijn." in too_short
    assert "Dit wachtwoord bestaat alleen uit cijfers." in numeric
    assert "Dit wachtwoord lijkt te veel op je e-mailadres." in like_address
    for text in (too_short, numeric, like_address):
        assert "This password" not in text
        assert "Uw " not in text
