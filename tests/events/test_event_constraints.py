"""The database keeps an event's times, reservation window, capacity and slug in order."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from events.models import Event, Series
from tests.factories import EventFactory, SeriesFactory, in_a_month

pytestmark = pytest.mark.django_db

HOUR = dt.timedelta(hours=1)


@pytest.mark.parametrize(
    "length", [dt.timedelta(0), -HOUR], ids=["ends-when-it-starts", "ends-before"]
)
def test_event_must_end_after_it_starts(length):
    starts_at = in_a_month(14)

    with pytest.raises(IntegrityError), transaction.atomic():
        EventFactory(starts_at=starts_at, ends_at=starts_at + length)

    assert not Event.objects.exists()


def test_event_cannot_be_updated_to_end_before_it_starts():
    event = EventFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        Event.objects.filter(pk=event.pk).update(ends_at=event.starts_at - HOUR)

    event.refresh_from_db()
    assert event.ends_at > event.starts_at


def test_event_that_ends_after_it_starts_is_saved():
    event = EventFactory(starts_at=in_a_month(14), ends_at=in_a_month(14, 1))

    assert Event.objects.filter(pk=event.pk).exists()


@pytest.mark.parametrize(
    "gap", [dt.timedelta(0), -HOUR], ids=["closes-when-it-opens", "closes-before"]
)
def test_reservation_window_must_close_after_it_opens(gap):
    opens = in_a_month(9)

    with pytest.raises(IntegrityError), transaction.atomic():
        EventFactory(reservations_open_at=opens, reservations_close_at=opens + gap)

    assert not Event.objects.exists()


@pytest.mark.parametrize(
    ("opens", "closes"),
    [(None, None), (in_a_month(9), None), (None, in_a_month(9)), (in_a_month(9), in_a_month(10))],
    ids=["no-window", "only-opens", "only-closes", "in-order"],
)
def test_open_ended_or_ordered_reservation_window_is_saved(opens, closes):
    event = EventFactory(reservations_open_at=opens, reservations_close_at=closes)

    assert Event.objects.filter(pk=event.pk).exists()


def test_negative_event_capacity_is_rejected_on_update():
    event = EventFactory(capacity=50)

    with pytest.raises(IntegrityError), transaction.atomic():
        Event.objects.filter(pk=event.pk).update(capacity=-1)

    event.refresh_from_db()
    assert event.capacity == 50


def test_negative_event_capacity_is_rejected_on_save():
    event = EventFactory(capacity=50)
    event.capacity = -1

    with pytest.raises(IntegrityError), transaction.atomic():
        event.save()

    assert Event.objects.get(pk=event.pk).capacity == 50


@pytest.mark.parametrize("capacity", [0, None])
def test_zero_or_unlimited_event_capacity_is_saved(capacity):
    event = EventFactory(capacity=capacity)

    assert Event.objects.get(pk=event.pk).capacity == capacity


def test_event_slug_is_unique():
    EventFactory(slug="werkconferentie")

    with pytest.raises(IntegrityError), transaction.atomic():
        EventFactory(slug="werkconferentie")

    assert Event.objects.filter(slug="werkconferentie").count() == 1


def test_series_slug_is_unique():
    SeriesFactory(slug="cooperatieven-maken-de-stad")

    with pytest.raises(IntegrityError), transaction.atomic():
        SeriesFactory(slug="cooperatieven-maken-de-stad")

    assert Series.objects.count() == 1
