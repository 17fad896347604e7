"""Resetting a forgotten password by mail and changing it when logged in."""

import pytest
from django.urls import reverse

from tests.accounts.helpers import assert_in_site_layout, link_in, page
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Samen-de-Stad-Maken-77"


def test_password_reset_mails_a_link_that_sets_a_new_password(client, verified_user, mailoutbox):
    response = client.post(reverse("account_reset_password"), {"email": "anna@example.org"})

    assert response.status_code == 302
    assert response["Location"] == reverse("account_reset_password_done")
    assert len(mailoutbox) == 1
    assert mailoutbox[0].subject.startswith("[Coöperatieve Stad] ")
    link = link_in(mailoutbox[0])

    # The key moves from the URL into the session before the form is shown.
    form_url = client.get(link)["Location"]
    form_page = client.get(form_url)
    assert form_page.status_code == 200
    assert_in_site_layout(page(form_page))

    mismatch = client.post(form_url, {"password1": NEW_PASSWORD, "password2": "iets-anders-99"})
    assert mismatch.status_code == 200
    assert 'class="errorlist' in page(mismatch)

    done = client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert done.status_code == 302
    assert done["Location"] == reverse("account_reset_password_from_key_done")
    verified_user.refresh_from_db()
    assert verified_user.check_password(NEW_PASSWORD)

    client.logout()
    client.post(reverse("account_login"), {"login": "anna@example.org", "password": NEW_PASSWORD})
    assert client.session["_auth_user_id"] == str(verified_user.pk)


def test_a_used_or_broken_reset_link_shows_a_page_not_an_error(client, db):
    response = client.get(
        reverse("account_reset_password_from_key", kwargs={"uidb36": "zz", "key": "fout"})
    )

    assert response.status_code == 200
    assert_in_site_layout(page(response))


def test_reset_for_an_unknown_address_looks_the_same(client, db, mailoutbox):
    response = client.post(reverse("account_reset_password"), {"email": "onbekend@example.org"})

    assert response.status_code == 302
    assert response["Location"] == reverse("account_reset_password_done")


@pytest.mark.parametrize("email", ["", "geen-adres"])
def test_a_bad_address_for_a_reset_rerenders_the_form(client, db, email, mailoutbox):
    response = client.post(reverse("account_reset_password"), {"email": email})

    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert mailoutbox == []


def test_a_logged_in_user_changes_the_password(client, verified_user):
    client.force_login(verified_user)
    url = reverse("account_change_password")

    wrong = client.post(
        url, {"oldpassword": "fout", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    assert wrong.status_code == 200
    assert "oldpassword" in wrong.context["form"].errors

    response = client.post(
        url, {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    assert response.status_code == 302
    verified_user.refresh_from_db()
    assert verified_user.check_password(NEW_PASSWORD)
