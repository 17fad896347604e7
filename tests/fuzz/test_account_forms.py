"""Random and hostile input to the allauth forms: sign-up, login (password and code),
password reset and change, e-mail change. Never a 500; what is not accepted changes nothing."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.hostile import (
    assert_answered,
    assert_no_nul_stored,
    assert_unchanged_unless_accepted,
    form_data,
    fuzz,
    isolated,
    logged_in,
    snapshot,
)

pytestmark = pytest.mark.django_db

PASSWORD = "Fietsen-door-de-Wijk-2025"
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
