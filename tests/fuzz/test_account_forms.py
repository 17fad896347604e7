"""Random and hostile input to the allauth forms: sign-up, login (password and code),
password reset (request and the link's form), password change and set, e-mail change and
confirmation, re-authentication and logout. Never a 500; what is not accepted changes nothing."""

from urllib.parse import quote, urlsplit

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from tests.factories import PASSWORD, UserFactory
from tests.fuzz.hostile import (
    assert_answered,
    assert_no_nul_stored,
    assert_unchanged_unless_accepted,
    form_data,
    fuzz,
    hostile_text,
    isolated,
    logged_in,
    snapshot,
)

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Samen-de-Stad-Maken-2026"
addresses = st.sampled_from(["fuzzer@example.org", "FUZZER@example.org", "nieuw@example.org"])
passwords = st.sampled_from([PASSWORD, NEW_PASSWORD, "kort"])


@pytest.fixture
def account(fuzzer):
    EmailAddress.objects.create(user=fuzzer, email=fuzzer.email, primary=True, verified=True)
    return fuzzer


def assert_accounts_consistent() -> None:
    """Every account keeps one primary address, and it is the account's own address."""
    assert_no_nul_stored()
    for user in get_user_model().objects.all():
        primary = EmailAddress.objects.filter(user=user, primary=True)
        assert [address.email.lower() for address in primary] == [user.email.lower()]


@fuzz
@given(post=form_data({"email": addresses, "password1": passwords, "password2": passwords}))
def test_signing_up(account, post):
    with isolated():
        before = snapshot()
        response = Client().post(reverse("account_signup"), post)
        assert_unchanged_unless_accepted(response, before)
        assert_accounts_consistent()


@fuzz
@given(
    post=form_data({"login": addresses, "password": passwords, "remember": st.just("on")}),
)
def test_logging_in_with_a_password(account, post):
    with isolated():
        client = Client()
        before = snapshot()
        response = client.post(reverse("account_login"), post)
        assert_answered(response)
        assert snapshot() == before  # logging in changes no account data
        logged_in_now = client.session.get("_auth_user_id") == str(account.pk)
        assert logged_in_now == (
            post.get("password") == PASSWORD
            and str(post.get("login", "")).lower() == "fuzzer@example.org"
        )


@fuzz
@given(post=form_data({"email": addresses}))
def test_requesting_a_login_code(account, post):
    with isolated():
        before = snapshot()
        response = Client().post(reverse("account_request_login_code"), post)
        assert_answered(response)
        assert snapshot() == before


@fuzz
@given(post=form_data({"code": st.sampled_from(["", "ABC123"])}))
def test_confirming_a_login_code(account, post):
    with isolated():
        client = Client()
        client.post(reverse("account_request_login_code"), {"email": account.email})
        before = snapshot()
        response = client.post(reverse("account_confirm_login_code"), post)
        assert_answered(response)
        assert snapshot() == before
        assert "_auth_user_id" not in client.session


@fuzz
@given(post=form_data({"email": addresses}))
def test_asking_for_a_password_reset(account, post):
    with isolated():
        before = snapshot()
        response = Client().post(reverse("account_reset_password"), post)
        assert_answered(response)
        assert snapshot() == before


@fuzz
@given(post=form_data({"oldpassword": passwords, "password1": passwords, "password2": passwords}))
def test_changing_the_password(account, post):
    with isolated():
        before = snapshot()
        response = logged_in(account).post(reverse("account_change_password"), post)
        assert_unchanged_unless_accepted(response, before)


@fuzz
@given(
    post=form_data(
        {
            "email": addresses,
            "action_add": st.just(""),
            "action_send": st.just(""),
            "action_remove": st.just(""),
            "action_primary": st.just(""),
        }
    )
)
def test_changing_the_e_mail_address(account, post):
    with isolated():
        before = snapshot()
        response = logged_in(account).post(reverse("account_email"), post)
        assert_unchanged_unless_accepted(response, before)
        assert_accounts_consistent()


def in_path(name: str, value: str, **kwargs) -> str:
    """The address of `name` with a hostile value where its last argument goes."""
    path = reverse(name, kwargs={**kwargs, "key": "KEY"})
    return path.replace("KEY", quote(value, safe="") or "%20")


def assert_stays_on_the_site(response) -> None:
    if response.status_code in (301, 302, 303):
        location = urlsplit(response["Location"].replace("\\", "/"))
        assert not location.scheme and not location.netloc


@fuzz
@given(
    post=form_data({"password1": passwords, "password2": passwords}),
    valid_link=st.booleans(),
    key=hostile_text,
)
def test_setting_a_new_password_from_the_reset_link(account, post, valid_link, key):
    with isolated():
        client = Client()
        if valid_link:
            key = default_token_generator.make_token(account)
        url = in_path("account_reset_password_from_key", key, uidb36=user_pk_to_url_str(account))
        response = client.get(url)  # allauth moves a valid key into the session
        assert_answered(response)
        if response.status_code == 302:
            url = response["Location"]
        before = snapshot()
        response = client.post(url, post)
        assert_unchanged_unless_accepted(response, before)
        if not valid_link:
            assert snapshot() == before


@fuzz
@given(key=hostile_text, valid_key=st.booleans(), method=st.sampled_from(["get", "post"]))
def test_confirming_an_e_mail_address(account, key, valid_key, method):
    with isolated():
        address = EmailAddress.objects.create(user=account, email="nieuw@example.org")
        if valid_key:
            key = EmailConfirmationHMAC(address).key
        before = snapshot()
        response = getattr(Client(), method)(in_path("account_confirm_email", key))
        assert_answered(response)
        address.refresh_from_db()
        if not (valid_key and method == "post"):
            assert snapshot() == before
            assert not address.verified


@fuzz
@given(post=form_data({"password": passwords, "next": hostile_text}))
def test_re_authenticating(account, post):
    with isolated():
        before = snapshot()
        response = logged_in(account).post(reverse("account_reauthenticate"), post)
        assert_answered(response)
        assert snapshot() == before
        assert_stays_on_the_site(response)


@fuzz
@given(post=form_data({"password1": passwords, "password2": passwords}))
def test_setting_a_password_after_logging_in_by_code(db, post):
    person = UserFactory(username="zonderwachtwoord", password=None)
    with isolated():
        before = snapshot()
        response = logged_in(person).post(reverse("account_set_password"), post)
        assert_unchanged_unless_accepted(response, before)
        person.refresh_from_db()
        assert person.has_usable_password() == (response.status_code == 302)


@fuzz
@given(post=form_data({"next": hostile_text}))
def test_logging_out(account, post):
    with isolated():
        before = snapshot()
        response = logged_in(account).post(reverse("account_logout"), post)
        assert_answered(response)
        assert snapshot() == before
        assert_stays_on_the_site(response)
