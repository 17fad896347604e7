"""Warnings on the programme before publishing, each present and absent."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sessions.programme_editor.warnings import programme_warnings
from tests.factories import (
    AMSTERDAM,
    EventFactory,
    SessionFactory,
    SessionSpeakerFactory,
    SittingFactory,
    SlotFactory,
    SpeakerFactory,
)

pytestmark = pytest.mark.django_db
DAY = dt.date(2031, 10, 20)


def at(hour, minute=0):
    return dt.datetime.combine(DAY, dt.time(hour, minute), tzinfo=AMSTERDAM)


@pytest.fixture
def event():
    return EventFactory(starts_at=at(14), ends_at=at(18), capacity=20)


@pytest.fixture
def rounds(event):
    return (
        SlotFactory(event=event, starts_at=at(15), ends_at=at(15, 45), title="Ronde 1"),
        SlotFactory(event=event, starts_at=at(16), ends_at=at(16, 45), title="Ronde 2"),
    )


def codes(event) -> list[str]:
    return [warning.code for warning in programme_warnings(event)]


def test_a_full_programme_has_no_warnings(event, rounds):
    speaker = SpeakerFactory()
    for slot in rounds:
        session = SessionFactory(event=event)
        SittingFactory(session=session, slot=slot, capacity=20)
    # The same speaker in both rounds is fine: they are not at the same time.
    for session in event.sessions.all():
        SessionSpeakerFactory(session=session, speaker=speaker)

    assert codes(event) == []


def test_an_empty_round(event, rounds):
    SittingFactory(session=SessionFactory(event=event), slot=rounds[0], capacity=20)

    assert codes(event) == ["empty_round"]
    assert "Ronde 2" in programme_warnings(event)[0].message


def test_a_session_without_a_sitting(event, rounds):
    for slot in rounds:
        SittingFactory(session=SessionFactory(event=event), slot=slot, capacity=20)
    SessionFactory(event=event, code="9", title="Nergens")

    assert codes(event) == ["session_without_sitting"]


def test_a_sitting_without_seats(event, rounds):
    SittingFactory(session=SessionFactory(event=event), slot=rounds[0], capacity=None)
    SittingFactory(session=SessionFactory(event=event), slot=rounds[1], capacity=20)

    assert codes(event) == ["sitting_without_seats"]


def test_a_round_with_too_few_seats(event, rounds):
    SittingFactory(session=SessionFactory(event=event), slot=rounds[0], capacity=12)
    SittingFactory(session=SessionFactory(event=event), slot=rounds[0], capacity=7)
    SittingFactory(session=SessionFactory(event=event), slot=rounds[1], capacity=20)

    assert codes(event) == ["round_short_of_seats"]
    assert "19 plaatsen voor 20" in programme_warnings(event)[0].message


def test_the_same_speaker_in_two_sittings_at_the_same_time(event, rounds):
    speaker = SpeakerFactory(name="Jan van Ginkel")
    for title in ("Eerste", "Tweede"):
        session = SessionFactory(event=event, title=title)
        SittingFactory(session=session, slot=rounds[0], capacity=10)
        SessionSpeakerFactory(session=session, speaker=speaker)
    SittingFactory(session=SessionFactory(event=event), slot=rounds[1], capacity=20)

    assert codes(event) == ["speaker_in_two_places"]
    assert "Jan van Ginkel" in programme_warnings(event)[0].message


def test_the_warnings_take_the_same_queries_for_one_round_as_for_many(event, rounds):
    SittingFactory(session=SessionFactory(event=event), slot=rounds[0], capacity=None)
    with CaptureQueriesContext(connection) as few:
        programme_warnings(event)
    for _ in range(6):
        session = SessionFactory(event=event)
        SittingFactory(session=session, slot=rounds[1], capacity=None)
        SessionSpeakerFactory(session=session)
    with CaptureQueriesContext(connection) as many:
        programme_warnings(event)

    assert len(few) == len(many)


def test_the_warnings_show_on_the_editor_and_the_change_page(admin_client, event, rounds):
    for url in (
        reverse("admin:events_event_programme", args=[event.pk]),
        reverse("admin:events_event_change", args=[event.pk]),
    ):
        assert "heeft nog geen sessies" in admin_client.get(url).content.decode()
