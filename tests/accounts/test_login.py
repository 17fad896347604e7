"""Logging in with a password or with a one-time code sent by e-mail; logging out."""

import re

import pytest
from django.urls import reverse

from tests.accounts.helpers import assert_in_site_layout, page
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = reverse("account_login")
REQUEST_CODE = reverse("account_request_login_code")
CONFIRM_CODE = reverse("account_confirm_login_code")


def code_in(body: str) -> str:
    codes = re.findall(r"^\s*([A-Z0-9]{3,}(?:-[A-Z0-9]+)*)\s*$", body, re.MULTILINE)
    assert len(codes) == 1, body
    return codes[0]


def test_a_verified_user_logs_in_with_e_mail_and_password(client, verified_user):
    response = client.post(LOGIN, {"login": "anna@example.org", "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.session["_auth_user_id"] == str(verified_user.pk)


def test_the_e_mail_address_is_matched_without_regard_to_case(client, verified_user):
    client.post(LOGIN, {"login": "ANNA@example.org", "password": PASSWORD})

    assert client.session["_auth_user_id"] == str(verified_user.pk)


def test_a_wrong_password_rerenders_with_an_error(client, verified_user):
    response = client.post(LOGIN, {"login": "anna@example.org", "password": "fout"})

    assert response.status_code == 200
    html = page(response)
    assert 'role="alert"' in html
    assert_in_site_layout(html)
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    "data", [{}, {"login": "geen-adres", "password": "x"}, {"login": "", "password": ""}]
)
def test_bad_login_input_never_fails(client, data):
    response = client.post(LOGIN, data)

    assert response.status_code == 200
    assert response.context["form"].errors


def test_an_unverified_user_is_sent_to_verification_instead(client, unverified_user, mailoutbox):
    response = client.post(LOGIN, {"login": "bert@example.org", "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session
    assert len(mailoutbox) == 1
    assert "/account/confirm-email/" in mailoutbox[0].body


def test_login_by_code_mails_a_code_that_logs_in(client, verified_user, mailoutbox):
    response = client.post(REQUEST_CODE, {"email": "anna@example.org"})

    assert response.status_code == 302
    assert response["Location"] == CONFIRM_CODE
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["anna@example.org"]
    assert mailoutbox[0].subject.startswith("[Coöperatieve Stad] ")
    code = code_in(mailoutbox[0].body)

    confirm_page = client.get(CONFIRM_CODE)
    assert confirm_page.status_code == 200
    assert_in_site_layout(page(confirm_page))
    assert "Aanmeldcode" in page(confirm_page)

    response = client.post(CONFIRM_CODE, {"code": code})

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(verified_user.pk)


def test_a_wrong_code_shows_an_error(client, verified_user, mailoutbox):
    client.post(REQUEST_CODE, {"email": "anna@example.org"})

    response = client.post(CONFIRM_CODE, {"code": "XXXX-XXXX"})

    assert response.status_code == 200
    assert "code" in response.context["form"].errors
    html = page(response)
    assert 'class="errorlist' in html
    assert_in_site_layout(html)
    assert "_auth_user_id" not in client.session


def test_repeated_wrong_codes_end_the_attempt_without_an_error(client, verified_user, mailoutbox):
    client.post(REQUEST_CODE, {"email": "anna@example.org"})
    code = code_in(mailoutbox[0].body)

    statuses = [client.post(CONFIRM_CODE, {"code": "XXXX-XXXX"}).status_code for _ in range(5)]
    assert all(status in {200, 302} for status in statuses)
    client.post(CONFIRM_CODE, {"code": code})

    assert "_auth_user_id" not in client.session


def test_a_code_page_without_a_request_sends_back_to_login(client):
    response = client.get(CONFIRM_CODE)

    assert response.status_code == 302


def test_a_code_for_an_unknown_address_reveals_nothing(client, db, mailoutbox):
    response = client.post(REQUEST_CODE, {"email": "onbekend@example.org"})

    assert response.status_code == 302
    assert response["Location"] == CONFIRM_CODE
    assert client.post(CONFIRM_CODE, {"code": "XXXX-XXXX"}).status_code in {200, 302}
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("email", ["", "geen-adres"])
def test_a_bad_address_for_a_code_rerenders_the_form(client, db, email, mailoutbox):
    response = client.post(REQUEST_CODE, {"email": email})

    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert mailoutbox == []


def test_logging_out_from_the_header_form(client, verified_user):
    client.force_login(verified_user)

    response = client.post(reverse("account_logout"))

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert "_auth_user_id" not in client.session
