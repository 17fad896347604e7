"""Organisers: the participant list, its CSV and check-in at the door."""

import pytest
from django.urls import reverse

from reservations.enums import ReservationStatus
from tests.factories import (
    MembershipFactory,
    ReservationFactory,
    SeatChoiceFactory,
    SittingFactory,
    UserFactory,
)
from tests.query_counts import queries_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def sitting():
    return SittingFactory(capacity=4)


@pytest.fixture
def event(sitting):
    return sitting.slot.event


@pytest.fixture
def staff(client, event):
    """An editor of the event's organisation."""
    organiser = MembershipFactory(organisation=event.organiser).user
    client.force_login(organiser)
    return organiser


def urls(event, reservation):
    return [
        ("get", reverse("reservations:participants", args=[event.slug])),
        ("get", reverse("reservations:participants_csv", args=[event.slug])),
        ("post", reverse("reservations:check_in", args=[event.slug, reservation.pk])),
    ]


def test_anonymous_visitors_are_sent_to_the_login(client, event):
    reservation = ReservationFactory(event=event)
    for method, url in urls(event, reservation):
        response = getattr(client, method)(url)
        assert response.status_code == 302 and "login" in response["Location"], url


def test_attendees_without_staff_rights_get_no_access(client, event):
    reservation = ReservationFactory(event=event)
    client.force_login(UserFactory())
    for method, url in urls(event, reservation):
        response = getattr(client, method)(url)
        assert response.status_code == 302 and "login" in response["Location"], url
    reservation.refresh_from_db()
    assert reservation.checked_in_at is None


def test_participant_list_shows_names_choices_diet_and_counts(client, staff, event, sitting):
    anna = ReservationFactory(event=event, name="Anna de Vries", dietary_wishes="veganistisch")
    SeatChoiceFactory(reservation=anna, sitting=sitting)
    ReservationFactory(event=event, name="Bert Waiting", status=ReservationStatus.WAITLISTED)
    ReservationFactory(event=event, name="Carla Cancelled", status=ReservationStatus.CANCELLED)

    page = client.get(reverse("reservations:participants", args=[event.slug])).content.decode()

    assert "Anna de Vries" in page and "veganistisch" in page and str(sitting.session) in page
    assert "Bert Waiting" in page and "Carla Cancelled" not in page
    assert "<td>1</td><td>4</td>" in page.replace("\n", "").replace(" ", "").replace("<td>", "<td>")


@pytest.mark.parametrize(
    "query", ["anna", "ANNA DE", "{code}", "{code_lower}", "{code_part}", "{code_part_lower}"]
)
def test_find_by_name_or_code(client, staff, event, query):
    anna = ReservationFactory(event=event, name="Anna de Vries")
    ReservationFactory(event=event, name="Bert Jansen", code="XXXXXXXX")

    response = client.get(
        reverse("reservations:participants", args=[event.slug]),
        {
            "q": query.format(
                code=anna.code,
                code_lower=anna.code.lower(),
                code_part=anna.code[2:6],
                code_part_lower=anna.code[2:6].lower(),
            )
        },
    )

    assert list(response.context["participants"]) == [anna]


def test_check_in_and_undo(client, staff, event):
    anna = ReservationFactory(event=event, name="Anna")
    url = reverse("reservations:check_in", args=[event.slug, anna.pk])

    client.post(url)
    anna.refresh_from_db()
    first = anna.checked_in_at
    client.post(url)  # a second tap keeps the first time
    anna.refresh_from_db()
    assert first is not None and anna.checked_in_at == first

    client.post(url, {"undo": "1"})
    anna.refresh_from_db()
    assert anna.checked_in_at is None


def test_waitlisted_and_other_events_reservations_cannot_be_checked_in(client, staff, event):
    waiting = ReservationFactory(event=event, status=ReservationStatus.WAITLISTED)
    elsewhere = ReservationFactory()

    response = client.post(
        reverse("reservations:check_in", args=[event.slug, waiting.pk]), follow=True
    )
    client.post(reverse("reservations:check_in", args=[event.slug, elsewhere.pk]))

    assert "Alleen een bevestigde reservering" in response.content.decode()
    waiting.refresh_from_db()
    elsewhere.refresh_from_db()
    assert waiting.checked_in_at is None and elsewhere.checked_in_at is None


def test_csv_has_every_participant_and_defuses_formulas(client, staff, event, sitting):
    anna = ReservationFactory(event=event, name='=HYPERLINK("x")', dietary_wishes="geen")
    SeatChoiceFactory(reservation=anna, sitting=sitting)

    response = client.get(reverse("reservations:participants_csv", args=[event.slug]))
    text = response.content.decode("utf-8-sig")

    assert response["Content-Type"].startswith("text/csv")
    assert f"deelnemers-{event.slug}.csv" in response["Content-Disposition"]
    assert "'=HYPERLINK" in text and anna.code in text and str(sitting.session) in text


def test_csv_opens_in_columns_in_dutch_excel(client, staff, event, sitting):
    anna = ReservationFactory(event=event, name="Anna de Vries", dietary_wishes="geen")
    SeatChoiceFactory(reservation=anna, sitting=sitting)

    response = client.get(reverse("reservations:participants_csv", args=[event.slug]))
    header, row = response.content.decode("utf-8").splitlines()[:2]

    assert header.startswith("\ufeff")  # Excel reads it as UTF-8 only with the mark
    assert header.lstrip("\ufeff").split(";")[:4] == ["Naam", "E-mailadres", "Status", "Code"]
    assert row.split(";")[:4] == ["Anna de Vries", anna.email, "bevestigd", anna.code]


def test_unknown_event_is_not_found(client, staff):
    assert (
        client.get(reverse("reservations:participants", args=["bestaat-niet"])).status_code == 404
    )


def test_reservation_admin_lists_sessions_and_exports_csv(admin_client, event, sitting):
    anna = ReservationFactory(event=event, name="Anna")
    SeatChoiceFactory(reservation=anna, sitting=sitting)

    listing = admin_client.get(reverse("admin:reservations_reservation_changelist"))
    export = admin_client.post(
        reverse("admin:reservations_reservation_changelist"),
        {"action": "export_csv", "_selected_action": [anna.pk]},
    )

    assert str(sitting.session) in listing.content.decode()
    assert export["Content-Type"].startswith("text/csv") and anna.code in export.content.decode(
        "utf-8-sig"
    )


def test_searching_a_partial_code_costs_the_same_queries_for_one_or_many(client, staff, event):
    url = reverse("reservations:participants", args=[event.slug])
    ReservationFactory(event=event, code="ABCD2345")
    one = queries_for(client, f"{url}?q=cd23")
    for number in range(2, 10):
        ReservationFactory(event=event, code=f"ABCD23{number}{number}")
    many = queries_for(client, f"{url}?q=cd23")

    assert one == many
    assert len(client.get(url, {"q": "cd23"}).context["participants"]) == 9
