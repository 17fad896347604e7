"""Deleting one's account: upcoming places freed through the waiting list, the past anonymised."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from privacy import services
from reservations.enums import ReservationStatus
from reservations.models import CalendarFeed, Reservation
from tests.factories import (
    PASSWORD,
    EventFactory,
    ReservationFactory,
    SeatChoiceFactory,
    UserFactory,
    make_user,
    past_event,
)
from tests.privacy.conftest import sitting_of

pytestmark = pytest.mark.django_db

DELETE = reverse("privacy:delete_account")


def delete(client, confirmation=PASSWORD):
    return client.post(DELETE, {"confirmation": confirmation})


def test_deleting_frees_the_upcoming_place_for_the_first_on_the_waiting_list(
    client, person, mailoutbox, task_queue
):
    event = EventFactory(capacity=1)
    sitting = sitting_of(event, capacity=1)
    mine = ReservationFactory(event=event, user=person)
    SeatChoiceFactory(reservation=mine, sitting=sitting, slot=sitting.slot)
    waiting = ReservationFactory(event=event, status=ReservationStatus.WAITLISTED)
    SeatChoiceFactory(reservation=waiting, sitting=sitting, slot=sitting.slot)

    response = delete(client)
    task_queue.work_off()  # after the commit, as a worker would

    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    mine.refresh_from_db()
    waiting.refresh_from_db()
    assert mine.status == ReservationStatus.CANCELLED
    assert waiting.status == ReservationStatus.CONFIRMED
    assert waiting.seat_choices.filter(sitting=sitting).exists()  # the seat came free too
    # The promoted person hears of it; the deleted person, now without address, does not.
    assert [message.to for message in mailoutbox] == [[waiting.email]]


def test_past_reservations_stay_counted_but_lose_everything_personal(client, person):
    event = past_event(10, includes_meal=True)
    came = ReservationFactory(
        event=event,
        user=person,
        name="Anna de Vries",
        dietary_wishes="halal",
        checked_in_at=timezone.now(),
    )
    others = ReservationFactory.create_batch(2, event=event)
    before = Reservation.objects.filter(event=event).values_list("status", flat=True)
    before = sorted(before)

    delete(client)

    came.refresh_from_db()
    assert (came.user, came.name, came.email, came.dietary_wishes) == (None, "", "", "")
    assert came.status == ReservationStatus.CONFIRMED
    assert came.checked_in_at is not None
    assert (
        sorted(Reservation.objects.filter(event=event).values_list("status", flat=True)) == before
    )
    for other in others:
        other.refresh_from_db()
        assert other.user is not None and other.email


def test_the_account_its_addresses_feed_and_sessions_are_gone(client, person):
    CalendarFeed.objects.create(user=person)
    elsewhere = Client()
    elsewhere.force_login(person)
    bystander = make_user("bert@example.org")
    Client().force_login(bystander)

    delete(client)

    assert not get_user_model().objects.filter(pk=person.pk).exists()
    assert not EmailAddress.objects.filter(email="anna@example.org").exists()
    assert not CalendarFeed.objects.exists()
    assert elsewhere.get(reverse("privacy:my_data")).status_code == 302  # logged out there too
    sessions = [session.get_decoded().get("_auth_user_id") for session in Session.objects.all()]
    assert sessions == [str(bystander.pk)]
    assert EmailAddress.objects.filter(user=bystander).exists()


def test_the_deleted_person_cannot_log_in_again(client, person):
    delete(client)
    response = client.post(
        reverse("account_login"), {"login": "anna@example.org", "password": PASSWORD}
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_an_account_without_password_is_confirmed_by_retyping_its_address(client, db):
    person = make_user("carla@example.org")
    person.set_unusable_password()
    person.save()
    client.force_login(person)

    assert delete(client, "someone@example.org").status_code == 200
    assert get_user_model().objects.filter(pk=person.pk).exists()
    assert delete(client, " Carla@Example.org ").status_code == 302
    assert not get_user_model().objects.filter(pk=person.pk).exists()


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"confirmation": ""},
        {"confirmation": "wrong password"},
        {"confirmation": PASSWORD + " "},
        {"confirmation": "x" * 5000},
        {"confirmation": PASSWORD[:-1] + "\x00"},
        {"confirmation": [PASSWORD[:3], "y"]},
    ],
    ids=["missing", "empty", "wrong", "trailing-space", "huge", "nul", "list"],
)
def test_bad_confirmation_deletes_nothing(client, person, data):
    reservation = ReservationFactory(user=person)
    response = client.post(DELETE, data)
    assert response.status_code == 200
    assert response.context["form"].errors["confirmation"]
    assert 'id="id_confirmation_error"' in response.content.decode()
    reservation.refresh_from_db()
    assert reservation.user == person and reservation.status == ReservationStatus.CONFIRMED
    assert get_user_model().objects.filter(pk=person.pk).exists()


def test_the_form_asks_for_the_password_and_posts_with_csrf(client, person):
    html = client.get(DELETE).content.decode()
    assert 'type="password"' in html
    assert "csrfmiddlewaretoken" in html
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(person)
    assert csrf_client.post(DELETE, {"confirmation": PASSWORD}).status_code == 403
    assert get_user_model().objects.filter(pk=person.pk).exists()


def test_a_get_request_deletes_nothing(client, person):
    assert client.get(DELETE, {"confirmation": PASSWORD}).status_code == 200
    assert get_user_model().objects.filter(pk=person.pk).exists()


def test_organisers_accounts_are_not_deleted_here(client, db):
    organiser = UserFactory(is_staff=True, password=PASSWORD)
    client.force_login(organiser)
    assert "<form" not in client.get(DELETE).content.decode().split("<main", 1)[1]
    response = delete(client)
    assert response.status_code == 200
    assert get_user_model().objects.filter(pk=organiser.pk).exists()
    with pytest.raises(services.PrivacyError):
        services.delete_account(user=organiser)


def test_deletion_keeps_other_peoples_reservations_of_the_same_event(client, person):
    event = EventFactory(capacity=5)
    ReservationFactory(event=event, user=person)
    other = ReservationFactory(event=event, name="Bert")
    delete(client)
    other.refresh_from_db()
    assert other.status == ReservationStatus.CONFIRMED and other.name == "Bert"
