"""The event and reservation admin turn every broken rule into a form error, never a 500.

Each test posts the whole admin form as a browser would (tests/admin_forms.py), with the
inlines for slots, themes and FAQ, and checks that nothing was saved.
"""

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.utils import timezone

from common.timezone import AMSTERDAM
from events.models import Event
from reservations.enums import ReservationStatus
from reservations.models import Reservation, SeatChoice
from sessions.enums import SlotKind
from sessions.models import Slot
from tests.admin_forms import (
    add_inline_row,
    admin_url,
    assert_rejected,
    form_data,
    get_form,
    set_datetime,
    set_time,
)
from tests.factories import (
    EventFactory,
    EventFAQFactory,
    ReservationFactory,
    SeriesFactory,
    SessionFactory,
    SittingFactory,
    SlotFactory,
    SpeakerFactory,
    ThemeFactory,
    UserFactory,
)
from tests.query_counts import queries_for

pytestmark = pytest.mark.django_db

MINUTE = dt.timedelta(minutes=1)
HOUR = dt.timedelta(hours=1)
DAY = dt.timedelta(days=1)


@pytest.fixture
def event():
    """14.00–18.00 with a plenary opening 14.00–15.00 and a round 15.00–16.00."""
    event = EventFactory(capacity=50)
    SlotFactory(
        event=event,
        starts_at=event.starts_at,
        ends_at=event.starts_at + HOUR,
        kind=SlotKind.PLENARY,
        title="Opening",
    )
    SlotFactory(event=event, starts_at=event.starts_at + HOUR, ends_at=event.starts_at + 2 * HOUR)
    ThemeFactory(event=event)
    EventFAQFactory(event=event)
    return event


def clock(moment: dt.datetime) -> dt.time:
    """What a slot's time input shows for `moment`: its time in Amsterdam."""
    return timezone.localtime(moment).time()


def timeline(event) -> list[tuple]:
    return list(
        Slot.objects.filter(event=event).values_list("title", "kind", "starts_at", "ends_at")
    )


def test_unchanged_event_form_is_saved(admin_client, event):
    """The posted data is complete, so the rejections below are for the reason they name."""
    data = get_form(admin_client, admin_url(event))
    assert {"slots-TOTAL_FORMS", "themes-TOTAL_FORMS", "faqs-TOTAL_FORMS"} <= data.keys()
    data["title"] = "Nieuwe titel"

    response = admin_client.post(admin_url(event), data)

    assert response.status_code == 302
    assert Event.objects.get(pk=event.pk).title == "Nieuwe titel"


# The event's own fields ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "length", [dt.timedelta(0), -HOUR], ids=["ends-when-it-starts", "ends-before"]
)
def test_event_that_ends_before_it_starts_is_a_form_error(admin_client, event, length):
    data = get_form(admin_client, admin_url(event))
    set_datetime(data, "ends_at", event.starts_at + length)

    response = admin_client.post(admin_url(event), data)

    assert_rejected(response, "__all__", "Het evenement moet eindigen nadat het begint.")
    assert Event.objects.get(pk=event.pk).ends_at == event.ends_at


def test_event_added_with_its_end_before_its_start_is_a_form_error(admin_client, event):
    data = get_form(admin_client, admin_url(Event, "add"))
    data.update(title="Nieuw", slug="nieuw", organiser=str(event.organiser_id))
    set_datetime(data, "starts_at", event.starts_at)
    set_datetime(data, "ends_at", event.starts_at - HOUR)

    response = admin_client.post(admin_url(Event, "add"), data)

    assert_rejected(response, "__all__", "moet eindigen nadat het begint")
    assert not Event.objects.filter(slug="nieuw").exists()


def test_reservation_window_closing_before_it_opens_is_a_form_error(admin_client, event):
    data = get_form(admin_client, admin_url(event))
    set_datetime(data, "reservations_open_at", event.starts_at - DAY)
    set_datetime(data, "reservations_close_at", event.starts_at - 2 * DAY)

    response = admin_client.post(admin_url(event), data)

    assert_rejected(response, "__all__", "Reserveren moet sluiten nadat het opengaat.")
    assert Event.objects.get(pk=event.pk).reservations_open_at is None


def test_reservation_window_in_order_is_saved(admin_client, event):
    data = get_form(admin_client, admin_url(event))
    set_datetime(data, "reservations_open_at", event.starts_at - 2 * DAY)
    set_datetime(data, "reservations_close_at", event.starts_at - DAY)

    response = admin_client.post(admin_url(event), data)

    assert response.status_code == 302
    assert Event.objects.get(pk=event.pk).reservations_close_at == event.starts_at - DAY


def test_negative_capacity_is_a_form_error(admin_client, event):
    data = get_form(admin_client, admin_url(event))
    data["capacity"] = "-1"

    response = admin_client.post(admin_url(event), data)

    assert_rejected(response, "capacity")
    assert Event.objects.get(pk=event.pk).capacity == 50


def test_duplicate_event_slug_is_a_form_error(admin_client, event):
    other = EventFactory()
    data = get_form(admin_client, admin_url(other))
    data["slug"] = event.slug

    response = admin_client.post(admin_url(other), data)

    assert_rejected(response, "slug")
    assert Event.objects.get(pk=other.pk).slug == other.slug


def test_duplicate_series_slug_is_a_form_error(admin_client):
    taken, series = SeriesFactory(), SeriesFactory()
    data = get_form(admin_client, admin_url(series))
    data["slug"] = taken.slug

    response = admin_client.post(admin_url(series), data)

    assert_rejected(response, "slug")
    assert type(series).objects.get(pk=series.pk).slug == series.slug


# The timeline of slots -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "length"),
    [(HOUR, HOUR), (90 * MINUTE, HOUR), (30 * MINUTE, 15 * MINUTE)],
    ids=["same-times-as-round", "starts-during-round", "inside-opening"],
)
def test_new_slot_overlapping_an_existing_one_is_a_form_error(admin_client, event, start, length):
    data = get_form(admin_client, admin_url(event))
    row = add_inline_row(
        data,
        "slots",
        starts=clock(event.starts_at + start),
        ends=clock(event.starts_at + start + length),
        title="Pauze",
        kind=SlotKind.BREAK,
    )

    response = admin_client.post(admin_url(event), data)

    assert_rejected(response, f"{row}-__all__", "overlapt")
    assert not Slot.objects.filter(title="Pauze").exists()


def test_existing_slot_moved_onto_another_is_a_form_error(admin_client, event):
    before = timeline(event)
    data = get_form(admin_client, admin_url(event))
    set_time(data, "slots-1-starts", event.starts_at + 30 * MINUTE)

    response = admin_client.post(admin_url(event), data)

    assert_rejected(response, "slots-1-__all__", "overlapt")
    assert timeline(event) == before


def test_two_new_slots_overlapping_each_other_are_a_form_error(admin_client, event):
    data = get_form(admin_client, admin_url(event))
    for title in ("Ronde II", "Ronde III"):
        add_inline_row(
            data,
            "slots",
            starts=clock(event.starts_at + 2 * HOUR),
            ends=clock(event.starts_at + 3 * HOUR),
            title=title,
            kind=SlotKind.ROUND,
        )

    response = admin_client.post(admin_url(event), data)

    assert_rejected(response, "slots-3-__all__", "Ronde II")
    assert Slot.objects.filter(event=event).count() == 2


def test_slot_running_alongside_may_overlap(admin_client, event):
    data = get_form(admin_client, admin_url(event))
    add_inline_row(
        data,
        "slots",
        starts=clock(event.starts_at),
        ends=clock(event.ends_at),
        title="De Kamer van de Commons",
        kind=SlotKind.ALONGSIDE,
    )
    add_inline_row(
        data,
        "slots",
        starts=clock(event.starts_at + 30 * MINUTE),
        ends=clock(event.starts_at + 3 * HOUR),
        title="Tentoonstelling",
        kind=SlotKind.ALONGSIDE,
    )

    response = admin_client.post(admin_url(event), data)

    assert response.status_code == 302
    assert Slot.objects.filter(event=event, kind=SlotKind.ALONGSIDE).count() == 2


def test_adjacent_new_slots_are_saved(admin_client, event):
    data = get_form(admin_client, admin_url(event))
    for hour, title in ((2, "Pauze"), (3, "Borrel")):
        add_inline_row(
            data,
            "slots",
            starts=clock(event.starts_at + hour * HOUR),
            ends=clock(event.starts_at + (hour + 1) * HOUR),
            title=title,
            kind=SlotKind.BREAK,
        )

    response = admin_client.post(admin_url(event), data)

    assert response.status_code == 302
    assert Slot.objects.filter(event=event).count() == 4


@pytest.mark.parametrize(
    ("start", "end"),
    [(-30 * MINUTE, 30 * MINUTE), (3 * HOUR + 30 * MINUTE, 4 * HOUR + 30 * MINUTE)],
    ids=["starts-before-event", "ends-after-event"],
)
def test_new_slot_outside_the_event_is_a_form_error(admin_client, event, start, end):
    data = get_form(admin_client, admin_url(event))
    row = add_inline_row(
        data,
        "slots",
        starts=clock(event.starts_at + start),
        ends=clock(event.starts_at + end),
        title="Inloop",
        kind=SlotKind.ALONGSIDE,
    )

    response = admin_client.post(admin_url(event), data)

    assert_rejected(response, f"{row}-__all__", "buiten de tijden van het evenement")
    assert not Slot.objects.filter(title="Inloop").exists()


def test_shortening_the_event_past_its_slots_is_a_form_error(admin_client, event):
    data = get_form(admin_client, admin_url(event))
    set_datetime(data, "ends_at", event.starts_at + 90 * MINUTE)

    response = admin_client.post(admin_url(event), data)

    assert_rejected(response, "slots-1-__all__", "buiten de tijden van het evenement")
    assert Event.objects.get(pk=event.pk).ends_at == event.ends_at


def test_moving_the_event_to_another_day_moves_its_slots_with_it(admin_client, event):
    """A slot's date is its event's: the times stay, the day follows."""
    before = timeline(event)
    data = get_form(admin_client, admin_url(event))
    set_datetime(data, "starts_at", event.starts_at + DAY)
    set_datetime(data, "ends_at", event.ends_at + DAY)

    response = admin_client.post(admin_url(event), data)

    assert response.status_code == 302
    assert Event.objects.get(pk=event.pk).starts_at == event.starts_at + DAY
    assert timeline(event) == [
        (title, kind, starts_at + DAY, ends_at + DAY) for title, kind, starts_at, ends_at in before
    ]


def test_slot_that_ends_before_it_starts_is_a_form_error(admin_client, event):
    before = timeline(event)
    data = get_form(admin_client, admin_url(event))
    set_time(data, "slots-1-ends", event.starts_at + 30 * MINUTE)

    response = admin_client.post(admin_url(event), data)

    assert_rejected(response, "slots-1-ends", "moet eindigen nadat het begint")
    assert timeline(event) == before


@pytest.mark.parametrize("kind", [SlotKind.PLENARY, SlotKind.ALONGSIDE])
def test_round_with_sittings_changed_to_another_kind_is_a_form_error(admin_client, event, kind):
    SittingFactory(session=SessionFactory(event=event), slot=Slot.objects.get(kind=SlotKind.ROUND))
    data = get_form(admin_client, admin_url(event))
    assert data["slots-1-kind"] == SlotKind.ROUND
    data["slots-1-kind"] = kind

    response = admin_client.post(admin_url(event), data)

    assert_rejected(response, "slots-1-kind", "heeft sessies")
    assert Slot.objects.filter(event=event, kind=SlotKind.ROUND).count() == 1


def test_round_without_sittings_may_change_kind(admin_client, event):
    data = get_form(admin_client, admin_url(event))
    data["slots-1-kind"] = SlotKind.PLENARY

    response = admin_client.post(admin_url(event), data)

    assert response.status_code == 302
    assert not Slot.objects.filter(event=event, kind=SlotKind.ROUND).exists()


def test_change_only_the_database_can_judge_is_refused_with_a_message(admin_client, event):
    """Swapping two slots is a valid end state, but each row-by-row step overlaps the other.

    The admin must not answer 500 nor save half of it: it shows the database's refusal.
    """
    before = timeline(event)
    opening, round_ = Slot.objects.filter(event=event)
    data = get_form(admin_client, admin_url(event))
    set_time(data, "slots-0-starts", round_.starts_at)
    set_time(data, "slots-0-ends", round_.ends_at)
    set_time(data, "slots-1-starts", opening.starts_at)
    set_time(data, "slots-1-ends", opening.ends_at)
    data["title"] = "Niet opgeslagen"

    response = admin_client.post(admin_url(event), data)

    assert response.status_code == 302
    assert response["Location"] == admin_url(event)
    messages = [str(message) for message in get_messages(response.wsgi_request)]
    assert any("database" in message for message in messages), messages
    assert timeline(event) == before
    assert Event.objects.get(pk=event.pk).title == event.title


# Reservations --------------------------------------------------------------------------------


def test_reservations_are_not_added_in_the_admin(admin_client):
    """Places are taken on the site, where the services count seats under locks."""
    assert admin_client.get(admin_url(Reservation, "add")).status_code == 403


def test_status_and_check_in_cannot_be_changed_in_the_reservation_form(admin_client, event):
    """Status changes go through the services (waiting list, mails) and the check-in page."""
    user = UserFactory()
    ReservationFactory(event=event, user=user)
    cancelled = ReservationFactory(event=event, user=user, status=ReservationStatus.CANCELLED)
    data = get_form(admin_client, admin_url(cancelled))
    data["status"] = ReservationStatus.CONFIRMED
    set_datetime(data, "checked_in_at", timezone.now())
    data["dietary_wishes"] = "vegetarisch"

    response = admin_client.post(admin_url(cancelled), data)

    assert response.status_code == 302
    cancelled.refresh_from_db()
    assert cancelled.status == ReservationStatus.CANCELLED
    assert cancelled.checked_in_at is None
    assert cancelled.dietary_wishes == "vegetarisch"


def test_two_seats_in_one_round_are_a_form_error(admin_client, event):
    round_ = Slot.objects.get(event=event, kind=SlotKind.ROUND)
    first, second = (
        SittingFactory(session=SessionFactory(event=event), slot=round_) for _ in range(2)
    )
    reservation = ReservationFactory(event=event)
    data = get_form(admin_client, admin_url(reservation))
    add_inline_row(data, "seat_choices", sitting=first)
    add_inline_row(data, "seat_choices", sitting=second)

    response = admin_client.post(admin_url(reservation), data)

    assert not SeatChoice.objects.exists()
    assert_rejected(response, "seat_choices-1-sitting", "al een sessie gekozen in deze ronde")


@pytest.mark.parametrize(
    "title", ["Regel een\nRegel twee", "Tab\tertussen", "Escape\x1b[31m", "Scheiding\u2028ertussen"]
)
def test_a_title_with_a_line_break_or_control_character_is_a_form_error(admin_client, event, title):
    data = get_form(admin_client, admin_url(event))
    data["title"] = title

    response = admin_client.post(admin_url(event), data)

    assert_rejected(response, "title", "zonder regeleinden")
    assert Event.objects.get(pk=event.pk).title == event.title


def test_an_faq_question_with_a_line_break_is_a_form_error(admin_client, event):
    data = get_form(admin_client, admin_url(event))
    data["faqs-0-question"] = "Waar?\r\nBcc: spam@example.org"

    response = admin_client.post(admin_url(event), data)

    assert_rejected(response, "faqs-0-question", "zonder regeleinden")


# Slots as times only ---------------------------------------------------------------------------


def test_event_page_asks_slots_for_times_only_and_shows_no_time_zone_warning(admin_client, event):
    page = admin_client.get(admin_url(event))
    html = page.content.decode()
    data = form_data(page)

    assert data["slots-0-starts"] == "14:00" and data["slots-0-ends"] == "15:00"
    assert 'type="time" name="slots-0-starts"' in html
    assert not any(name.startswith("slots-0-starts_at") for name in data)
    assert "slots-0-day" not in data  # one day: the date is the event's, never asked
    # The event's own times are the browser's datetime-local inputs, in Amsterdam time.
    assert data["starts_at"] == timezone.localtime(event.starts_at).strftime("%Y-%m-%dT%H:%M")
    # The admin's calendar script is what warns "u ligt 1 uur achter"; it is not on the page.
    assert "DateTimeShortcuts" not in html and "calendar.js" not in html
    assert "vDateField" not in html and "vTimeField" not in html


def test_new_slot_takes_the_events_date(admin_client, event):
    data = get_form(admin_client, admin_url(event))
    add_inline_row(
        data, "slots", starts=dt.time(16, 30), ends=dt.time(17), title="Borrel", kind=SlotKind.BREAK
    )

    response = admin_client.post(admin_url(event), data)

    assert response.status_code == 302
    borrel = Slot.objects.get(title="Borrel")
    day = timezone.localdate(event.starts_at)
    assert borrel.starts_at == dt.datetime.combine(day, dt.time(16, 30), AMSTERDAM)
    assert borrel.ends_at == dt.datetime.combine(day, dt.time(17), AMSTERDAM)


def test_unchanged_slots_keep_their_times(admin_client, event):
    before = timeline(event)
    data = get_form(admin_client, admin_url(event))
    data["slots-1-title"] = "Ronde I"

    response = admin_client.post(admin_url(event), data)

    assert response.status_code == 302
    assert timeline(event) == [before[0], ("Ronde I", *before[1][1:])]


@pytest.mark.parametrize("value", ["25:00", "half vier", "15:75", ""])
def test_slot_time_that_cannot_be_read_is_a_form_error(admin_client, event, value):
    before = timeline(event)
    data = get_form(admin_client, admin_url(event))
    data["slots-1-starts"] = value

    response = admin_client.post(admin_url(event), data)

    assert_rejected(response, "slots-1-starts")
    assert timeline(event) == before


def test_new_slot_ending_before_it_starts_is_a_form_error(admin_client, event):
    data = get_form(admin_client, admin_url(event))
    row = add_inline_row(
        data, "slots", starts=dt.time(17), ends=dt.time(16, 30), title="Borrel", kind=SlotKind.BREAK
    )

    response = admin_client.post(admin_url(event), data)

    assert_rejected(response, f"{row}-ends", "moet eindigen nadat het begint")
    assert not Slot.objects.filter(title="Borrel").exists()


def test_slots_of_an_event_added_without_its_times_are_a_form_error(admin_client, event):
    data = get_form(admin_client, admin_url(Event, "add"))
    data.update(title="Nieuw", slug="nieuw", organiser=str(event.organiser_id))
    row = add_inline_row(
        data, "slots", starts=dt.time(15), ends=dt.time(16), title="Opening", kind=SlotKind.PLENARY
    )

    response = admin_client.post(admin_url(Event, "add"), data)

    assert_rejected(response, f"{row}-__all__", "tijden van het evenement")
    assert not Event.objects.filter(slug="nieuw").exists()


def test_slots_of_an_evening_past_midnight_run_into_the_next_day(admin_client):
    day = timezone.localdate() + DAY
    evening = EventFactory(
        starts_at=dt.datetime.combine(day, dt.time(20), AMSTERDAM),
        ends_at=dt.datetime.combine(day + DAY, dt.time(2), AMSTERDAM),
    )
    data = get_form(admin_client, admin_url(evening))
    for title, starts, ends in (("Dansen", (23, 30), (0, 30)), ("Nachtcafé", (0, 45), (1, 45))):
        add_inline_row(
            data,
            "slots",
            starts=dt.time(*starts),
            ends=dt.time(*ends),
            title=title,
            kind=SlotKind.PLENARY,
        )

    response = admin_client.post(admin_url(evening), data)

    assert response.status_code == 302
    assert timeline(evening) == [
        (
            "Dansen",
            SlotKind.PLENARY,
            *(
                dt.datetime.combine(day, dt.time(23, 30), AMSTERDAM),
                dt.datetime.combine(day + DAY, dt.time(0, 30), AMSTERDAM),
            ),
        ),
        (
            "Nachtcafé",
            SlotKind.PLENARY,
            *(
                dt.datetime.combine(day + DAY, dt.time(0, 45), AMSTERDAM),
                dt.datetime.combine(day + DAY, dt.time(1, 45), AMSTERDAM),
            ),
        ),
    ]


@pytest.fixture
def two_days():
    """Friday 10.00 to Saturday 17.00, with a slot on Saturday morning."""
    day = timezone.localdate() + 30 * DAY
    event = EventFactory(
        starts_at=dt.datetime.combine(day, dt.time(10), AMSTERDAM),
        ends_at=dt.datetime.combine(day + DAY, dt.time(17), AMSTERDAM),
    )
    SlotFactory(
        event=event,
        title="Ochtend dag 2",
        starts_at=dt.datetime.combine(day + DAY, dt.time(10), AMSTERDAM),
        ends_at=dt.datetime.combine(day + DAY, dt.time(11), AMSTERDAM),
    )
    return event


def test_event_of_two_days_asks_each_slot_for_its_day(admin_client, two_days):
    page = admin_client.get(admin_url(two_days))
    data = form_data(page)
    saturday = timezone.localdate(two_days.ends_at)

    assert data["slots-0-day"] == saturday.isoformat()
    assert (data["slots-0-starts"], data["slots-0-ends"]) == ("10:00", "11:00")

    before = timeline(two_days)
    assert admin_client.post(admin_url(two_days), data).status_code == 302
    assert timeline(two_days) == before


def test_slot_of_an_event_of_two_days_needs_its_day(admin_client, two_days):
    data = get_form(admin_client, admin_url(two_days))
    row = add_inline_row(
        data,
        "slots",
        day="",  # the row's day select, left at "---------"
        starts=dt.time(14),
        ends=dt.time(15),
        title="Middag",
        kind=SlotKind.ROUND,
    )

    response = admin_client.post(admin_url(two_days), data)

    assert_rejected(response, f"{row}-__all__", "kies de dag")
    assert not Slot.objects.filter(title="Middag").exists()
    assert f'name="{row}-day"' in response.content.decode()

    data[f"{row}-day"] = timezone.localdate(two_days.ends_at).isoformat()
    assert admin_client.post(admin_url(two_days), data).status_code == 302
    assert Slot.objects.get(title="Middag").starts_at == dt.datetime.combine(
        timezone.localdate(two_days.ends_at), dt.time(14), AMSTERDAM
    )


def test_slot_on_a_day_the_event_does_not_have_is_a_form_error(admin_client, two_days):
    data = get_form(admin_client, admin_url(two_days))
    data["slots-0-day"] = (timezone.localdate(two_days.ends_at) + DAY).isoformat()

    response = admin_client.post(admin_url(two_days), data)

    assert_rejected(response, "slots-0-day")


def test_event_made_two_days_long_keeps_its_slots_on_their_day(admin_client, event):
    before = timeline(event)
    data = get_form(admin_client, admin_url(event))
    assert "slots-0-day" not in data
    set_datetime(data, "ends_at", event.ends_at + DAY)

    response = admin_client.post(admin_url(event), data)

    assert response.status_code == 302
    assert timeline(event) == before
    assert "slots-0-day" in get_form(admin_client, admin_url(event))


def test_slots_of_a_new_event_of_two_days_wait_for_its_days(admin_client, event):
    """The add page knew no days to choose from: the slot is refused with the way out."""
    day = timezone.localdate() + 30 * DAY
    data = get_form(admin_client, admin_url(Event, "add"))
    data.update(title="Twee dagen", slug="twee-dagen", organiser=str(event.organiser_id))
    set_datetime(data, "starts_at", dt.datetime.combine(day, dt.time(10), AMSTERDAM))
    set_datetime(data, "ends_at", dt.datetime.combine(day + DAY, dt.time(17), AMSTERDAM))
    row = add_inline_row(
        data, "slots", starts=dt.time(10), ends=dt.time(11), title="Opening", kind=SlotKind.PLENARY
    )

    response = admin_client.post(admin_url(Event, "add"), data)

    assert_rejected(response, f"{row}-__all__", "bewaar het eerst zonder dit onderdeel")
    assert not Event.objects.filter(slug="twee-dagen").exists()


def test_event_page_costs_the_same_queries_with_one_or_many_slots(admin_client):
    speaker = SpeakerFactory()

    def page_with(slots: int) -> str:
        event = EventFactory()
        for number in range(slots):
            starts_at = event.starts_at + number * 20 * MINUTE
            slot = SlotFactory(event=event, starts_at=starts_at, ends_at=starts_at + 15 * MINUTE)
            slot.speakers.add(speaker)
        return admin_url(event)

    one, many = page_with(1), page_with(6)
    queries_for(admin_client, one)  # the first request fills per-process caches

    assert queries_for(admin_client, one) == queries_for(admin_client, many)
    # Each row still shows its chosen speaker, labelled as the pickers label speakers.
    html = admin_client.get(many).content.decode()
    assert html.count(f'<option value="{speaker.pk}" selected>{speaker.picker_label()}') == 6
