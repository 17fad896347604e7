"""Every account page in the site's layout, Dutch by default and English on request."""

import pytest
from django.urls import reverse

from tests.accounts.helpers import assert_in_site_layout, page

pytestmark = pytest.mark.django_db

ANONYMOUS_PAGES = [
    ("account_login", "Aanmelden", "Sign In"),
    ("account_signup", "Registreren", "Sign Up"),
    ("account_reset_password", "Wachtwoord", "Password"),
    ("account_reset_password_done", "Nieuw wachtwoord", "Password Reset"),
    ("account_request_login_code", "Stuur een aanmeldcode", "Send me a sign-in code"),
    ("account_email_verification_sent", "Verifieer je e-mailadres", "Verify Your Email Address"),
]
USER_PAGES = [
    ("account_logout", "Afmelden", "Sign Out"),
    ("account_email", "E-mailadres", "Email Address"),
    ("account_change_password", "Wachtwoord wijzigen", "Change Password"),
]


@pytest.mark.parametrize(("name", "dutch", "english"), ANONYMOUS_PAGES)
def test_anonymous_pages_in_dutch_by_default(client, name, dutch, english):
    response = client.get(reverse(name), HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    html = page(response)
    assert_in_site_layout(html)
    assert '<html lang="nl">' in html
    assert dutch in html
    assert 'name="robots" content="noindex"' in html


@pytest.mark.parametrize(("name", "dutch", "english"), ANONYMOUS_PAGES)
def test_anonymous_pages_in_english_with_the_cookie(client, name, dutch, english):
    client.cookies["django_language"] = "en"

    response = client.get(reverse(name))

    assert response.status_code == 200
    html = page(response)
    assert_in_site_layout(html)
    assert '<html lang="en">' in html
    assert english in html


@pytest.mark.parametrize(("name", "dutch", "english"), USER_PAGES)
def test_pages_for_a_logged_in_user_in_both_languages(client, verified_user, name, dutch, english):
    client.force_login(verified_user)

    dutch_page = client.get(reverse(name))
    assert dutch_page.status_code == 200
    assert_in_site_layout(page(dutch_page))
    assert dutch in page(dutch_page)

    client.cookies["django_language"] = "en"
    english_page = client.get(reverse(name))
    assert english_page.status_code == 200
    assert_in_site_layout(page(english_page))
    assert english in page(english_page)


@pytest.mark.parametrize("name", ["account_email", "account_change_password"])
def test_pages_for_a_logged_in_user_send_visitors_to_login(client, name):
    response = client.get(reverse(name))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_forms_use_the_site_classes(client):
    html = page(client.get(reverse("account_login")))

    assert '<form class="account-form"' in html
    assert '<label for="id_login">' in html
    assert 'class="button"' in html
    assert 'class="button button--secondary"' in html  # "send me a code"


def test_header_offers_login_to_visitors(client):
    html = page(client.get("/"))

    assert f'href="{reverse("account_login")}">Inloggen</a>' in html
    assert "Uitloggen" not in html
    assert "/mijn-reserveringen/" not in html


def test_header_offers_reservations_and_logout_when_logged_in(client, verified_user):
    client.force_login(verified_user)

    html = page(client.get("/"))

    assert '<a href="/mijn-reserveringen/">Mijn reserveringen</a>' in html
    assert f'action="{reverse("account_logout")}" method="post"' in html
    assert '<button type="submit">Uitloggen</button>' in html
    assert ">Inloggen</a>" not in html


def test_a_login_link_keeps_working_for_protected_pages(settings):
    assert reverse(settings.LOGIN_URL) == "/account/login/"
