"""Random and hostile input to the reservation forms, the calendar link, the language switch
and the account deletion: never a 500, and input that is not accepted changes nothing."""

import datetime as dt
from urllib.parse import quote, urlsplit

import pytest
from django.urls import reverse
from hypothesis import example, given
from hypothesis import strategies as st

from reservations.enums import ReservationStatus
from reservations.models import CalendarFeed, Reservation
from tests.factories import (
    PASSWORD,
    EventFactory,
    ReservationFactory,
    SeatChoiceFactory,
    SessionFactory,
    SittingFactory,
    SlotFactory,
)
from tests.fuzz.hostile import (
    assert_answered,
    assert_no_nul_stored,
    assert_unchanged_unless_accepted,
    form_data,
    fuzz,
    hostile_text,
    hostile_value,
    isolated,
    logged_in,
    snapshot,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme():
    """An event with a meal and two rounds; one sitting is full, one round is required."""
    event = EventFactory(capacity=2, includes_meal=True)
    first = SlotFactory(event=event, title="Ronde 1", choice_required=True)
    second = SlotFactory(
        event=event,
        title="Ronde 2",
        starts_at=first.ends_at + dt.timedelta(minutes=15),
        ends_at=first.ends_at + dt.timedelta(minutes=60),
    )
    sittings = [
        SittingFactory(session=SessionFactory(event=event), slot=slot, capacity=capacity)
        for slot, capacity in ((first, 5), (first, 1), (second, 5))
    ]
    holder = ReservationFactory(event=event)
    SeatChoiceFactory(reservation=holder, sitting=sittings[1], slot=first)
    other_event = EventFactory()
    foreign = SittingFactory(
        session=SessionFactory(event=other_event), slot=SlotFactory(event=other_event)
    )
    return event, [first, second], [*sittings, foreign]


def sitting_ids(sittings) -> st.SearchStrategy[str]:
    return st.sampled_from([str(s.pk) for s in sittings] + [""])


@fuzz
@given(data=st.data())
def test_the_reservation_form(programme, fuzzer, data):
    event, rounds, sittings = programme
    person = fuzzer
    fields = {
        "name": st.sampled_from(["Anna de Vries", "  Bert  "]),
        "dietary_wishes": st.sampled_from(["", "vegetarisch"]),
    }
    fields.update({f"round_{slot.pk}": sitting_ids(sittings) for slot in rounds})
    post = data.draw(form_data(fields))
    with isolated():
        client = logged_in(person)
        before = snapshot()
        response = client.post(reverse("reservations:reserve", args=[event.slug]), post)
        assert_unchanged_unless_accepted(response, before)
        assert_no_nul_stored()
        mine = Reservation.objects.filter(user=person)
        if response.status_code == 302:
            assert mine.count() == 1
            assert 0 < len(mine.get().name) <= 200
        else:
            assert not mine.exists()


@pytest.fixture
def own_reservation(programme, fuzzer):
    event, rounds, sittings = programme
    reservation = ReservationFactory(event=event, user=fuzzer)
    SeatChoiceFactory(reservation=reservation, sitting=sittings[0], slot=rounds[0])
    return reservation


@fuzz
@given(data=st.data())
def test_changing_sessions(programme, own_reservation, data):
    _, rounds, sittings = programme
    post = data.draw(form_data({f"round_{slot.pk}": sitting_ids(sittings) for slot in rounds}))
    with isolated():
        client = logged_in(own_reservation.user)
        before = snapshot()
        response = client.post(
            reverse("reservations:change_sessions", args=[own_reservation.code]), post
        )
        assert_unchanged_unless_accepted(response, before)
        chosen = set(own_reservation.seat_choices.values_list("sitting_id", flat=True))
        assert chosen <= {s.pk for s in sittings[:3]}
        assert sittings[1].pk not in chosen  # full, and not held by this reservation


reservation_codes = st.one_of(hostile_text, st.just("OWN"), st.just("own"))


@example(code="OWN\x00", post={}, action="cancel")
@example(code="OWN\x00", post={}, action="change")
@fuzz
@given(code=reservation_codes, post=form_data({}), action=st.sampled_from(["cancel", "change"]))
def test_reservation_addresses_with_hostile_codes(own_reservation, code, post, action):
    """Codes in the address: only one's own reservation (in any case) is found."""
    own = code.upper() == "OWN"
    code = own_reservation.code.lower() if code == "own" else own_reservation.code if own else code
    name = "reservations:cancel" if action == "cancel" else "reservations:change_sessions"
    with isolated():
        client = logged_in(own_reservation.user)
        url = reverse(name, args=["CODE"]).replace("CODE", quote(code, safe="") or "%20")
        before = snapshot()
        response = client.post(url, post)
        assert_answered(response)
        if not own:
            assert response.status_code == 404
            assert snapshot() == before
        elif action == "cancel":
            own_reservation.refresh_from_db()
            assert own_reservation.status == ReservationStatus.CANCELLED


@fuzz
@given(post=form_data({}), method=st.sampled_from(["get", "post"]))
def test_renewing_the_calendar_link(own_reservation, post, method):
    with isolated():
        client = logged_in(own_reservation.user)
        before = snapshot()
        response = getattr(client, method)(reverse("reservations:renew_feed"), post)
        assert_answered(response)
        if method == "get":
            assert response.status_code == 405
            assert snapshot() == before
        else:
            assert CalendarFeed.objects.filter(user=own_reservation.user).count() == 1


@example(token="\x00")
@fuzz
@given(token=hostile_text)
def test_personal_calendar_feed_with_hostile_tokens(own_reservation, token):
    with isolated():
        CalendarFeed.objects.create(user=own_reservation.user)
        path = reverse("reservations:personal_feed", args=["T"]).replace("T", quote(token, safe=""))
        response = logged_in(own_reservation.user).get(path)
        assert response.status_code == 404


@fuzz
@given(post=form_data({"language": st.sampled_from(["nl", "en"]), "next": hostile_text}))
def test_the_language_switch(fuzzer, post):
    with isolated():
        client = logged_in(fuzzer)
        before = snapshot()
        response = client.post(reverse("set_language"), post)
        assert_answered(response)
        assert snapshot() == before
        if response.status_code == 302:
            # Never an open redirect: a path on this site, however odd.
            location = urlsplit(response["Location"].replace("\\", "/"))
            assert not location.scheme and not location.netloc


@fuzz
@given(post=form_data({"confirmation": st.sampled_from([PASSWORD, "fuzzer@example.org"])}))
def test_deleting_an_account(own_reservation, post):
    person = own_reservation.user
    with isolated():
        client = logged_in(person)
        before = snapshot()
        response = client.post(reverse("privacy:delete_account"), post)
        assert_unchanged_unless_accepted(response, before)
        deleted = not type(person).objects.filter(pk=person.pk).exists()
        assert deleted == (response.status_code == 302)
        assert deleted == (post.get("confirmation") == PASSWORD)


@fuzz
@given(value=hostile_value)
def test_every_value_type_reaches_the_forms_without_crashing(programme, fuzzer, value):
    """One hostile value in every field of the reservation form at once."""
    event, rounds, _ = programme
    with isolated():
        client = logged_in(fuzzer)
        post = {"name": value, "dietary_wishes": value}
        post.update({f"round_{slot.pk}": value for slot in rounds})
        before = snapshot()
        response = client.post(reverse("reservations:reserve", args=[event.slug]), post)
        assert_unchanged_unless_accepted(response, before)
