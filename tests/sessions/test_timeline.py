"""sessions.timeline: when a slot typed as times only takes place (the editor's timeline and
the event page's slots both use it)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from common.timezone import AMSTERDAM
from sessions.timeline import event_days, slot_moments, spans_several_days

DAY = dt.timedelta(days=1)
FRIDAY = dt.date(2025, 10, 10)


class Event:
    def __init__(self, starts: tuple, ends: tuple, days: int = 0) -> None:
        self.starts_at = dt.datetime.combine(FRIDAY, dt.time(*starts), AMSTERDAM)
        self.ends_at = dt.datetime.combine(FRIDAY + days * DAY, dt.time(*ends), AMSTERDAM)


def at(time: tuple, days: int = 0) -> dt.datetime:
    return dt.datetime.combine(FRIDAY + days * DAY, dt.time(*time), AMSTERDAM)


@pytest.mark.parametrize(
    ("event", "several", "days"),
    [
        (Event((14,), (18,)), False, [FRIDAY]),
        (Event((20,), (0,), days=1), False, [FRIDAY]),  # ends at midnight
        (Event((20,), (2,), days=1), False, [FRIDAY, FRIDAY + DAY]),
        (Event((10,), (17,), days=1), True, [FRIDAY, FRIDAY + DAY]),
    ],
    ids=["afternoon", "till-midnight", "past-midnight", "two-days"],
)
def test_days_of_an_event(event, several, days):
    assert spans_several_days(event) is several
    assert event_days(event) == days


@pytest.mark.parametrize(
    ("event", "times", "moments"),
    [
        (Event((14,), (18,)), ((15,), (16,)), (at((15,)), at((16,)))),
        (Event((20,), (0,), days=1), ((23,), (0,)), (at((23,)), at((0,), 1))),
        (Event((20,), (2,), days=1), ((23, 30), (0, 30)), (at((23, 30)), at((0, 30), 1))),
        (Event((20,), (2,), days=1), ((0, 15), (1,)), (at((0, 15), 1), at((1,), 1))),
    ],
    ids=["afternoon", "till-midnight", "over-midnight", "after-midnight"],
)
def test_times_take_the_events_date(event, times, moments):
    assert slot_moments(event, dt.time(*times[0]), dt.time(*times[1])) == moments


def test_a_day_places_the_slot_on_it():
    event = Event((10,), (17,), days=1)

    assert slot_moments(event, dt.time(10), dt.time(11), FRIDAY + DAY) == (
        at((10,), 1),
        at((11,), 1),
    )


@pytest.mark.parametrize(
    ("event", "times", "day", "message"),
    [
        (Event((14,), (18,)), ((16,), (15,)), None, "moet eindigen nadat het begint"),
        (Event((14,), (18,)), ((16,), (16,)), None, "moet eindigen nadat het begint"),
        (Event((14,), (18,)), ((13,), (15,)), None, "buiten de tijden"),
        (Event((14,), (18,)), ((17,), (19,)), None, "buiten de tijden"),
        (Event((20,), (2,), days=1), ((1,), (3,)), None, "buiten de tijden"),
        (Event((10,), (17,), days=1), ((11,), (12,)), None, "kies de dag"),
        (Event((10,), (17,), days=1), ((9,), (12,)), FRIDAY, "buiten de tijden"),
    ],
)
def test_refused_times(event, times, day, message):
    with pytest.raises(ValidationError) as refused:
        slot_moments(event, dt.time(*times[0]), dt.time(*times[1]), day)

    assert any(message in text for text in refused.value.messages)
