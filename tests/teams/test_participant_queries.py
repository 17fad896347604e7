"""The participant list of an editor costs the same queries for 1 or 3 participants."""

import pytest
from django.urls import reverse

from tests.factories import ReservationFactory, SeatChoiceFactory
from tests.query_counts import queries_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ["editor", "host"])
def test_participant_list_queries_are_constant(login, ours, role):
    client = login(role)
    url = reverse("reservations:participants", args=[ours.event.slug])
    one = queries_for(client, url)
    for number in range(2):
        reservation = ReservationFactory(event=ours.event, name=f"Extra {number}")
        SeatChoiceFactory(reservation=reservation, sitting=ours.sitting)

    assert queries_for(client, url) == one


def test_reservation_changelist_queries_are_constant(login, ours):
    client = login("editor")
    url = reverse("admin:reservations_reservation_changelist")
    one = queries_for(client, url)
    for number in range(2):
        reservation = ReservationFactory(event=ours.event, name=f"Extra {number}")
        SeatChoiceFactory(reservation=reservation, sitting=ours.sitting)

    assert queries_for(client, url) == one
