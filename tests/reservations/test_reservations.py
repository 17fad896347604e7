"""Reserving, the waiting list, changing sessions and cancelling, as attendees do it."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from events.enums import EventStatus
from reservations import services
from reservations.enums import ReservationStatus
from reservations.models import CalendarFeed, Reservation, SeatChoice
from tests.factories import (
    EventFactory,
    ReservationFactory,
    SeatChoiceFactory,
    SessionFactory,
    SittingFactory,
    SlotFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    return EventFactory(capacity=2, includes_meal=True)


@pytest.fixture
def rounds(event):
    first = SlotFactory(event=event, title="Ronde 1")
    second = SlotFactory(
        event=event,
        title="Ronde 2",
        starts_at=first.ends_at + dt.timedelta(minutes=15),
        ends_at=first.ends_at + dt.timedelta(minutes=60),
    )
    return first, second


def sitting_in(slot, capacity=2, **kwargs):
    return SittingFactory(
        session=SessionFactory(event=slot.event), slot=slot, capacity=capacity, **kwargs
    )


def reserve_url(event) -> str:
    return reverse("reservations:reserve", args=[event.slug])


def post_reservation(client, event, **data):
    payload = {"name": "Anna de Vries", "dietary_wishes": "vegetarisch", **data}
    return client.post(reserve_url(event), payload)


# Private pages ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        lambda r: reverse("reservations:reserve", args=[r.event.slug]),
        lambda r: reverse("reservations:my_reservations"),
        lambda r: reverse("reservations:change_sessions", args=[r.code]),
        lambda r: reverse("reservations:cancel", args=[r.code]),
    ],
)
def test_anonymous_visitors_are_sent_to_login(client, url):
    response = client.get(url(ReservationFactory()))

    assert response.status_code == 302
    assert "/account/login/" in response["Location"] or "login" in response["Location"]


@pytest.mark.parametrize("view", ["reservations:change_sessions", "reservations:cancel"])
def test_someone_elses_reservation_is_not_found(client, user, view):
    other = ReservationFactory()

    assert client.get(reverse(view, args=[other.code])).status_code == 404
    assert client.post(reverse(view, args=[other.code])).status_code == 404
    other.refresh_from_db()
    assert other.status == ReservationStatus.CONFIRMED


# Reserving --------------------------------------------------------------------------------


def test_reserve_with_a_session_per_round(client, user, event, rounds, mailoutbox):
    first, second = sitting_in(rounds[0]), sitting_in(rounds[1])
    field = f"round_{rounds[0].pk}"

    response = post_reservation(
        client, event, **{field: first.pk, f"round_{rounds[1].pk}": second.pk}
    )

    assert response.status_code == 302
    reservation = Reservation.objects.get(user=user)
    assert reservation.status == ReservationStatus.CONFIRMED
    assert reservation.name == "Anna de Vries" and reservation.dietary_wishes == "vegetarisch"
    assert sorted(reservation.seat_choices.values_list("sitting", flat=True)) == sorted(
        [first.pk, second.pk]
    )
    my_page = client.get(reverse("reservations:my_reservations")).content.decode()
    assert reservation.code in my_page and first.session.title in my_page


def test_the_form_shows_full_sittings_and_refuses_them(client, user, event, rounds):
    full = sitting_in(rounds[0], capacity=1)
    SeatChoiceFactory(sitting=full, reservation=ReservationFactory(event=event))

    page = client.get(reserve_url(event)).content.decode()
    response = post_reservation(client, event, **{f"round_{rounds[0].pk}": full.pk})

    assert "vol" in page and "disabled" in page
    assert response.status_code == 200
    assert "vol" in response.content.decode()
    assert not Reservation.objects.filter(user=user).exists()


def test_a_full_event_offers_the_waiting_list(client, user, event):
    ReservationFactory.create_batch(2, event=event)

    assert "Zet me op de wachtlijst" in client.get(event.get_absolute_url()).content.decode()
    post_reservation(client, event)

    assert Reservation.objects.get(user=user).status == ReservationStatus.WAITLISTED
    assert (
        "Wachtlijst, plaats 1"
        in client.get(reverse("reservations:my_reservations")).content.decode()
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"reservations_open_at": timezone.now() + dt.timedelta(days=1)}, "nog niet mogelijk"),
        (
            {
                "reservations_close_at": timezone.now() - dt.timedelta(minutes=1),
                "reservations_open_at": timezone.now() - dt.timedelta(days=2),
            },
            "niet meer mogelijk",
        ),
        ({"status": EventStatus.CANCELLED}, "geannuleerd"),
        (
            {
                "starts_at": timezone.now() - dt.timedelta(days=2),
                "ends_at": timezone.now() - dt.timedelta(days=1),
            },
            "voorbij",
        ),
    ],
)
def test_reserving_is_refused_outside_the_window_and_for_past_or_cancelled_events(
    client, user, event, change, message
):
    for name, value in change.items():
        setattr(event, name, value)
    event.save()

    response = post_reservation(client, event)

    assert response.status_code == 302
    assert not Reservation.objects.filter(user=user).exists()
    assert message in client.get(response["Location"]).content.decode()


def test_a_draft_event_cannot_be_reserved(client, user):
    draft = EventFactory(status=EventStatus.DRAFT)

    assert post_reservation(client, draft).status_code == 404
    assert not Reservation.objects.exists()


@pytest.mark.parametrize("tamper", ["other_event", "unknown", "not_a_number", "other_round"])
def test_tampered_sitting_ids_are_refused(client, user, event, rounds, tamper):
    sitting_in(rounds[0])  # the round offers a real choice too
    field = f"round_{rounds[0].pk}"
    values = {
        "other_event": SittingFactory().pk,
        "unknown": 999_999,
        "not_a_number": "abc",
        "other_round": sitting_in(rounds[1]).pk,
    }[tamper]

    response = post_reservation(client, event, **{field: values})

    assert response.status_code == 200
    assert not Reservation.objects.filter(user=user).exists()
    assert not SeatChoice.objects.exists()


def test_two_values_for_one_round_keep_at_most_one_seat(client, user, event, rounds):
    field = f"round_{rounds[0].pk}"

    post_reservation(client, event, **{field: [sitting_in(rounds[0]).pk, sitting_in(rounds[0]).pk]})

    assert SeatChoice.objects.filter(slot=rounds[0]).count() <= 1


def test_two_seats_in_one_round_are_refused_by_the_service(user, event, rounds):
    with pytest.raises(services.ReservationError) as error:
        services.reserve(
            event_id=event.pk,
            user=user,
            name="A",
            email="a@example.org",
            sitting_ids=[sitting_in(rounds[0]).pk, sitting_in(rounds[0]).pk],
        )

    assert error.value.code == "two_in_one_round"


def held_in_both_rounds(rounds, capacity=2):
    """A session held in "Ronde 1 & 2": one sitting in each round."""
    session = SessionFactory(event=rounds[0].event)
    return [SittingFactory(session=session, slot=slot, capacity=capacity) for slot in rounds]


def test_the_same_session_in_two_rounds_is_refused_on_the_field(client, user, event, rounds):
    first, second = held_in_both_rounds(rounds)

    response = post_reservation(
        client, event, **{f"round_{rounds[0].pk}": first.pk, f"round_{rounds[1].pk}": second.pk}
    )

    assert response.status_code == 200
    assert response.context["form"].errors[f"round_{rounds[1].pk}"] == [
        "Deze sessie heb je al in een andere ronde gekozen. Kies hier een andere."
    ]
    assert not Reservation.objects.filter(user=user).exists()


def test_the_same_session_in_two_rounds_is_refused_by_the_service(user, event, rounds):
    first, second = held_in_both_rounds(rounds)
    mine = ReservationFactory(event=event, user=user)

    with pytest.raises(services.ReservationError) as error:
        services.reserve(
            event_id=event.pk,
            user=UserFactory(),
            name="A",
            email="a@example.org",
            sitting_ids=[first.pk, second.pk],
        )
    with pytest.raises(services.ReservationError) as changing:
        services.choose_seats(reservation_id=mine.pk, user=user, sitting_ids=[first.pk, second.pk])

    assert error.value.code == changing.value.code == "same_session_twice"
    assert not SeatChoice.objects.exists()


def test_one_seat_left_is_said_in_the_singular(client, user, event, rounds):
    sitting_in(rounds[0], capacity=1)

    page = client.get(reserve_url(event)).content.decode()

    assert "1 plaats vrij" in page and "1 plaatsen vrij" not in page


def fill(sitting, event):
    holder = ReservationFactory(event=event)
    SeatChoiceFactory(reservation=holder, sitting=sitting)
    return holder


def test_a_full_session_shows_the_form_again_with_the_waiting_list(client, user, rounds):
    event = rounds[0].event
    event.capacity = 10
    event.save()
    full, free = sitting_in(rounds[0], capacity=1), sitting_in(rounds[0], capacity=3)
    field = f"round_{rounds[0].pk}"
    page = client.get(reserve_url(event))  # the form as loaded: the seat was still free
    fill(full, event)  # … and taken before the visitor sends it

    response = post_reservation(client, event, **{field: full.pk})

    assert page.status_code == 200 and response.status_code == 200
    form = response.context["form"]
    assert form.errors[field] == [
        f"Deze sessie is vol: {full.session}. Kies een andere of zet je op de wachtlijst."
    ]
    content = response.content.decode()
    assert 'value="Anna de Vries"' in content and "vegetarisch" in content
    assert "Zet me op de wachtlijst voor de volle sessie" in content
    assert f"{free.session} · 3 plaatsen vrij" in content
    assert f'value="{full.pk}"' in content and f'value="{full.pk}" disabled' not in content
    assert not Reservation.objects.filter(user=user).exists()


@pytest.mark.parametrize(
    "value", ["²", "9" * 5000, "-1", "x"], ids=["superscript", "huge", "negative", "letter"]
)
def test_odd_values_with_the_waiting_list_offered_are_form_errors(
    client, user, event, rounds, value
):
    sitting_in(rounds[0])

    response = post_reservation(
        client, event, wait_for_full_sittings="on", **{f"round_{rounds[0].pk}": value}
    )

    assert response.status_code == 200
    assert f"round_{rounds[0].pk}" in response.context["form"].errors


def test_waiting_for_a_full_session_keeps_the_choice_until_a_seat_frees_up(
    client, user, event, rounds, mailoutbox, django_capture_on_commit_callbacks
):
    event.capacity = 10
    event.save()
    full, other = sitting_in(rounds[0], capacity=1), sitting_in(rounds[1], capacity=5)
    holder = fill(full, event)
    unrelated = ReservationFactory(event=event)
    fields = {f"round_{rounds[0].pk}": full.pk, f"round_{rounds[1].pk}": other.pk}

    with django_capture_on_commit_callbacks(execute=True):
        response = post_reservation(client, event, wait_for_full_sittings="on", **fields)

    assert response.status_code == 302
    mine = Reservation.objects.get(user=user)
    assert mine.status == ReservationStatus.WAITLISTED
    chosen = sorted(mine.seat_choices.values_list("sitting", flat=True))
    assert chosen == sorted([full.pk, other.pk])
    told = mailoutbox[-1].body
    assert "Je gekozen sessie is vol" in told and str(full.session) in told
    assert "is vol. Je staat op de wachtlijst, op plaats" not in told
    # A place in the event frees up, but not a seat in the session: still waiting.
    services.cancel(reservation_id=unrelated.pk, user=unrelated.user)
    mine.refresh_from_db()
    assert mine.status == ReservationStatus.WAITLISTED
    # The seat in the session frees up: promoted, with every choice kept.
    services.cancel(reservation_id=holder.pk, user=holder.user)
    mine.refresh_from_db()
    assert mine.status == ReservationStatus.CONFIRMED
    assert sorted(mine.seat_choices.values_list("sitting", flat=True)) == chosen


def test_a_place_goes_to_the_first_waiting_person_who_can_use_it(user, event, rounds):
    full = sitting_in(rounds[0], capacity=1)
    fill(full, event)
    leaving = ReservationFactory(event=event, user=user)
    waits_for_session = ReservationFactory(event=event, status=ReservationStatus.WAITLISTED)
    SeatChoiceFactory(reservation=waits_for_session, sitting=full)
    waits_for_place = ReservationFactory(event=event, status=ReservationStatus.WAITLISTED)

    services.cancel(reservation_id=leaving.pk, user=user)

    waits_for_session.refresh_from_db()
    waits_for_place.refresh_from_db()
    assert waits_for_session.status == ReservationStatus.WAITLISTED
    assert list(waits_for_session.seat_choices.values_list("sitting", flat=True)) == [full.pk]
    assert waits_for_place.status == ReservationStatus.CONFIRMED


def test_giving_up_a_full_session_while_waiting_promotes_at_once(user, event, rounds):
    full = sitting_in(rounds[0], capacity=1)
    fill(full, event)
    mine = ReservationFactory(event=event, user=user, status=ReservationStatus.WAITLISTED)
    SeatChoiceFactory(reservation=mine, sitting=full)

    services.choose_seats(reservation_id=mine.pk, user=user, sitting_ids=[])

    mine.refresh_from_db()
    assert mine.status == ReservationStatus.CONFIRMED


def test_a_required_round_must_be_chosen(client, user, event, rounds):
    rounds[0].choice_required = True
    rounds[0].save()
    sitting_in(rounds[0])

    response = post_reservation(client, event)

    assert response.status_code == 200
    assert not Reservation.objects.filter(user=user).exists()


def test_reserving_twice_and_double_submits_keep_one_reservation(client, user, event):
    post_reservation(client, event)
    second = post_reservation(client, event)

    assert second.status_code == 302
    assert Reservation.objects.filter(user=user).count() == 1
    with pytest.raises(services.ReservationError):
        services.reserve(event_id=event.pk, user=user, name="A", email="a@example.org")


@pytest.mark.parametrize("name", ["", "   ", "x" * 201])
def test_bad_names_are_form_errors(client, user, event, name):
    response = post_reservation(client, event, name=name)

    assert response.status_code == 200
    assert not Reservation.objects.exists()


# Cancelling and the waiting list ----------------------------------------------------------


def test_cancel_asks_first_and_then_promotes_the_first_waiting(
    client, user, event, rounds, mailoutbox
):
    sitting = sitting_in(rounds[0], capacity=1)
    mine = ReservationFactory(event=event, user=user)
    SeatChoiceFactory(reservation=mine, sitting=sitting)
    ReservationFactory(event=event)
    first_waiting = ReservationFactory(event=event, status=ReservationStatus.WAITLISTED)
    SeatChoiceFactory(reservation=first_waiting, sitting=sitting)
    second_waiting = ReservationFactory(event=event, status=ReservationStatus.WAITLISTED)
    url = reverse("reservations:cancel", args=[mine.code])

    assert "Weet je zeker" in client.get(url).content.decode()
    client.post(url)

    mine.refresh_from_db()
    first_waiting.refresh_from_db()
    second_waiting.refresh_from_db()
    assert mine.status == ReservationStatus.CANCELLED
    assert first_waiting.status == ReservationStatus.CONFIRMED
    assert list(first_waiting.seat_choices.values_list("sitting", flat=True)) == [sitting.pk]
    assert second_waiting.status == ReservationStatus.WAITLISTED


def test_cancelling_twice_is_a_clear_message(client, user, event):
    mine = ReservationFactory(event=event, user=user)
    url = reverse("reservations:cancel", args=[mine.code])
    client.post(url)

    response = client.post(url, follow=True)

    assert "al geannuleerd" in response.content.decode()


def test_raising_the_capacity_in_the_admin_promotes_at_once(admin_client, event):
    ReservationFactory.create_batch(2, event=event)
    waiting = ReservationFactory(event=event, status=ReservationStatus.WAITLISTED)

    services.fill_from_waitlist(event_id=event.pk)
    waiting.refresh_from_db()
    assert waiting.status == ReservationStatus.WAITLISTED

    event.capacity = 3
    event.save()
    services.fill_from_waitlist(event_id=event.pk)
    waiting.refresh_from_db()
    assert waiting.status == ReservationStatus.CONFIRMED


def test_change_sessions(client, user, event, rounds):
    before, after = sitting_in(rounds[0]), sitting_in(rounds[0])
    mine = ReservationFactory(event=event, user=user)
    SeatChoiceFactory(reservation=mine, sitting=before)

    response = client.post(
        reverse("reservations:change_sessions", args=[mine.code]),
        {f"round_{rounds[0].pk}": after.pk},
    )

    assert response.status_code == 302
    assert list(mine.seat_choices.values_list("sitting", flat=True)) == [after.pk]


def test_change_sessions_refuses_a_full_sitting(client, user, event, rounds):
    full = sitting_in(rounds[0], capacity=1)
    SeatChoiceFactory(sitting=full, reservation=ReservationFactory(event=event))
    mine = ReservationFactory(event=event, user=user)

    response = client.post(
        reverse("reservations:change_sessions", args=[mine.code]),
        {f"round_{rounds[0].pk}": full.pk},
    )

    assert response.status_code == 200
    assert not mine.seat_choices.exists()


# Personal calendar feed -------------------------------------------------------------------


def test_personal_feed_token_can_be_renewed_and_the_old_one_stops_working(client, user, event):
    ReservationFactory(event=event, user=user)
    client.post(reverse("reservations:renew_feed"))
    token = CalendarFeed.objects.get(user=user).token

    feed = client.get(reverse("reservations:personal_feed", args=[token]))
    client.post(reverse("reservations:renew_feed"))

    assert feed.status_code == 200 and event.title.encode() in feed.content
    assert "no-store" in feed["Cache-Control"]
    assert client.get(reverse("reservations:personal_feed", args=[token])).status_code == 404
    assert CalendarFeed.objects.get(user=user).token != token


def test_my_reservations_links_the_feed_to_copy_and_to_subscribe(client, user, settings):
    settings.SITE_URL = "https://portal.example.org"
    client.force_login(user)
    client.post(reverse("reservations:renew_feed"))
    path = reverse("reservations:personal_feed", args=[CalendarFeed.objects.get(user=user).token])

    page = client.get(reverse("reservations:my_reservations")).content.decode()

    assert f'href="https://portal.example.org{path}">https://portal.example.org{path}</a>' in page
    assert f'href="webcal://portal.example.org{path}"' in page


def test_an_unknown_feed_token_is_not_found(client):
    assert client.get(reverse("reservations:personal_feed", args=["geraden"])).status_code == 404


def test_organiser_cancelling_or_moving_an_event_mails_the_attendees(
    admin_client, event, mailoutbox, django_capture_on_commit_callbacks
):
    from tests.admin_forms import admin_url, get_form

    ReservationFactory(event=event)
    ReservationFactory(event=event, status=ReservationStatus.CANCELLED)
    data = get_form(admin_client, admin_url(event))
    data["status"] = EventStatus.CANCELLED

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(admin_url(event), data)

    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert event.title in mailoutbox[0].subject or event.title in mailoutbox[0].body


def test_mail_is_sent_only_after_the_reservation_commits(user, event, mailoutbox, task_queue):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        services.reserve(event_id=event.pk, user=user, name="A", email="a@example.org")
        raise RuntimeError("rolled back")
    assert task_queue.waiting() == 0
    assert not Reservation.objects.filter(user=user).exists()

    services.reserve(event_id=event.pk, user=user, name="A", email="a@example.org")
    assert mailoutbox == []  # queued with the reservation, not sent by the request
    assert task_queue.waiting() == 1

    task_queue.work_off()
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["a@example.org"]
    assert any(name.endswith(".ics") for name, *_ in mailoutbox[0].attachments)
