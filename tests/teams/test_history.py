"""Who changed what and when: events, sessions and reservations, for their organisation only."""

import pytest
from django.urls import reverse

from events.enums import EventStatus
from events.models import Event
from reservations.enums import ReservationStatus
from reservations.models import Reservation
from tests.admin_forms import admin_url, get_form

pytestmark = pytest.mark.django_db


def history_url(obj) -> str:
    return admin_url(obj, "history")


def test_an_editors_change_shows_in_the_history_with_their_name(login, users, ours):
    editor = login("editor")
    data = get_form(editor, admin_url(ours.event))
    data["title"] = "Alfa Conferentie Herzien"
    editor.post(admin_url(ours.event), data)

    page = editor.get(history_url(ours.event)).content.decode()

    assert users["editor"].username in page
    latest = ours.event.history.first()
    assert latest.history_user == users["editor"] and latest.title == "Alfa Conferentie Herzien"


def test_an_attendees_cancellation_and_a_hosts_check_in_are_recorded(client, login, users, ours):
    Event.objects.filter(pk=ours.event.pk).update(status=EventStatus.PUBLISHED)
    attendee = ours.reservation.user
    client.force_login(attendee)
    client.post(reverse("reservations:cancel", args=[ours.reservation.code]))
    other = Reservation.objects.create(
        event=ours.event, user=users["staff"], name="Derde", email="derde@example.org"
    )
    login("host").post(reverse("reservations:check_in", args=[ours.event.slug, other.pk]))

    cancelled = ours.reservation.history.first()
    checked_in = other.history.first()
    page = login("editor").get(history_url(ours.reservation)).content.decode()

    assert cancelled.status == ReservationStatus.CANCELLED and cancelled.history_user == attendee
    assert checked_in.checked_in_at is not None and checked_in.history_user == users["host"]
    assert attendee.username in page


def test_history_keeps_no_personal_details_of_a_reservation(ours):
    """Anonymising a reservation must not leave its name, e-mail or wishes in the history."""
    fields = {field.name for field in Reservation.history.model._meta.get_fields()}

    assert {"name", "email", "dietary_wishes", "user"}.isdisjoint(fields)
    assert {"status", "checked_in_at", "history_user"} <= fields


@pytest.mark.parametrize(
    ("role", "status"),
    [("editor", 200), ("other_editor", 404), ("host", 403), ("staff", 403), ("superuser", 200)],
)
def test_an_old_version_is_shown_to_the_organisation_only(login, ours, theirs, role, status):
    version = ours.session.history.first()
    url = reverse(
        "admin:programme_session_simple_history", args=[ours.session.pk, version.history_id]
    )

    assert login(role).get(url).status_code == status


def test_an_old_version_cannot_be_posted_back(login, ours):
    """Reverting would bypass the services and the form's checks: reading only."""
    version = ours.reservation.history.first()
    url = reverse(
        "admin:reservations_reservation_simple_history",
        args=[ours.reservation.pk, version.history_id],
    )

    response = login("superuser").post(url, {"status": ReservationStatus.CANCELLED})

    ours.reservation.refresh_from_db()
    assert response.status_code == 403 and ours.reservation.status == ReservationStatus.CONFIRMED


def test_history_of_a_deleted_event_stays_with_its_organisation(login, theirs, ours):
    event = theirs.event
    pk = event.pk
    event.reservations.all().delete()
    event.delete()
    url = reverse("admin:events_event_history", args=[pk])

    assert login("other_editor").get(url).status_code == 200
    assert login("editor").get(url).status_code == 404
