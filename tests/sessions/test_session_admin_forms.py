"""The session admin and its sittings turn every broken rule into a form error, never a 500."""

import datetime as dt

import pytest

from reservations.models import SeatChoice
from sessions.enums import SlotKind
from sessions.models import Session, Sitting, Speaker
from tests.admin_forms import add_inline_row, admin_url, assert_rejected, get_form
from tests.factories import (
    EventFactory,
    SeatChoiceFactory,
    SessionFactory,
    SittingFactory,
    SlotFactory,
    SpeakerFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

HOUR = dt.timedelta(hours=1)


@pytest.fixture
def event():
    return EventFactory()


@pytest.fixture
def rounds(event):
    """Round I 15.00–16.00 and round II 16.00–17.00."""
    return [
        SlotFactory(
            event=event,
            starts_at=event.starts_at + hours * HOUR,
            ends_at=event.starts_at + (hours + 1) * HOUR,
            kind=SlotKind.ROUND,
        )
        for hours in (1, 2)
    ]


@pytest.fixture
def session(event, rounds):
    """A session with a sitting in round I."""
    session = SessionFactory(event=event, theme=ThemeFactory(event=event))
    SittingFactory(session=session, slot=rounds[0], room="Zaal 1", capacity=12)
    return session


def sittings(session) -> list[tuple]:
    return list(session.sittings.values_list("slot", "room", "capacity"))


def test_unchanged_session_form_is_saved(admin_client, session, rounds):
    """The posted data is complete, so the rejections below are for the reason they name."""
    data = get_form(admin_client, admin_url(session))
    assert {"sittings-TOTAL_FORMS", "session_speakers-TOTAL_FORMS"} <= data.keys()
    add_inline_row(data, "sittings", slot=rounds[1], room="Zaal 2", capacity=8)

    response = admin_client.post(admin_url(session), data)

    assert response.status_code == 302
    assert sorted(sittings(session)) == [(rounds[0].pk, "Zaal 1", 12), (rounds[1].pk, "Zaal 2", 8)]


@pytest.mark.parametrize("kind", [SlotKind.PLENARY, SlotKind.BREAK, SlotKind.ALONGSIDE])
def test_sitting_in_a_slot_that_is_not_a_round_is_a_form_error(admin_client, event, session, kind):
    not_a_round = SlotFactory(
        event=event, starts_at=event.starts_at, ends_at=event.starts_at + HOUR, kind=kind
    )
    before = sittings(session)
    data = get_form(admin_client, admin_url(session))
    row = add_inline_row(data, "sittings", slot=not_a_round, room="Zaal 3")

    response = admin_client.post(admin_url(session), data)

    assert_rejected(response, f"{row}-slot")
    assert sittings(session) == before


def test_existing_sitting_moved_to_a_plenary_slot_is_a_form_error(admin_client, event, session):
    plenary = SlotFactory(
        event=event,
        starts_at=event.starts_at,
        ends_at=event.starts_at + HOUR,
        kind=SlotKind.PLENARY,
    )
    before = sittings(session)
    data = get_form(admin_client, admin_url(session))
    data["sittings-0-slot"] = str(plenary.pk)

    response = admin_client.post(admin_url(session), data)

    assert_rejected(response, "sittings-0-slot")
    assert sittings(session) == before


def test_sitting_in_a_round_of_another_event_is_a_form_error(admin_client, session):
    foreign_round = SlotFactory(kind=SlotKind.ROUND)
    before = sittings(session)
    data = get_form(admin_client, admin_url(session))
    row = add_inline_row(data, "sittings", slot=foreign_round)

    response = admin_client.post(admin_url(session), data)

    assert_rejected(response, f"{row}-slot")
    assert sittings(session) == before
    assert not Sitting.objects.filter(slot=foreign_round).exists()


def test_two_sittings_in_the_same_round_are_a_form_error(admin_client, session, rounds):
    before = sittings(session)
    data = get_form(admin_client, admin_url(session))
    add_inline_row(data, "sittings", slot=rounds[0], room="Zaal 2")

    response = admin_client.post(admin_url(session), data)

    assert_rejected(response, "sittings", "dubbele")
    assert sittings(session) == before


def test_two_new_sittings_in_the_same_round_are_a_form_error(admin_client, event, rounds):
    session = SessionFactory(event=event)
    data = get_form(admin_client, admin_url(session))
    add_inline_row(data, "sittings", slot=rounds[1], room="Zaal 1")
    add_inline_row(data, "sittings", slot=rounds[1], room="Zaal 2")

    response = admin_client.post(admin_url(session), data)

    assert_rejected(response, "sittings", "dubbele")
    assert not session.sittings.exists()


def test_negative_sitting_capacity_is_a_form_error(admin_client, session):
    before = sittings(session)
    data = get_form(admin_client, admin_url(session))
    data["sittings-0-capacity"] = "-1"

    response = admin_client.post(admin_url(session), data)

    assert_rejected(response, "sittings-0-capacity")
    assert sittings(session) == before


def test_theme_of_another_event_is_a_form_error(admin_client, session):
    foreign_theme = ThemeFactory(event=EventFactory())
    data = get_form(admin_client, admin_url(session))
    data["theme"] = str(foreign_theme.pk)

    response = admin_client.post(admin_url(session), data)

    # The change form offers only the session's own event's themes: another is no choice.
    assert_rejected(response, "theme", "Kies een thema van hetzelfde evenement.")
    assert Session.objects.get(pk=session.pk).theme == session.theme


def test_new_session_with_a_theme_of_another_event_is_a_form_error(admin_client, event):
    foreign_theme = ThemeFactory(event=EventFactory())
    data = get_form(admin_client, admin_url(Session, "add") + f"?event={event.pk}")
    data.update(theme=str(foreign_theme.pk), title="Nieuw", slug="nieuw")

    response = admin_client.post(admin_url(Session, "add"), data)

    assert_rejected(response, "theme", "hetzelfde evenement")
    assert not Session.objects.filter(slug="nieuw").exists()


def test_moving_a_session_with_sittings_to_another_event_is_a_form_error(admin_client, session):
    other_event = EventFactory()
    data = get_form(admin_client, admin_url(session))
    data.update(event=str(other_event.pk), theme="")

    response = admin_client.post(admin_url(session), data)

    assert_rejected(response, "sittings-0-slot", "hetzelfde evenement")
    assert Session.objects.get(pk=session.pk).event_id == session.event_id


def test_duplicate_session_slug_in_the_same_event_is_a_form_error(admin_client, event, session):
    other = SessionFactory(event=event)
    data = get_form(admin_client, admin_url(other))
    data["slug"] = session.slug

    response = admin_client.post(admin_url(other), data)

    assert_rejected(response, "__all__", "al een sessie met deze slug")
    assert Session.objects.get(pk=other.pk).slug == other.slug


def test_same_session_slug_in_another_event_is_saved(admin_client, session):
    other = SessionFactory(event=EventFactory())
    data = get_form(admin_client, admin_url(other))
    data["slug"] = session.slug

    response = admin_client.post(admin_url(other), data)

    assert response.status_code == 302
    assert Session.objects.get(pk=other.pk).slug == session.slug


def test_duplicate_speaker_slug_is_a_form_error(admin_client):
    taken, speaker = SpeakerFactory(), SpeakerFactory()
    data = get_form(admin_client, admin_url(speaker))
    data["slug"] = taken.slug

    response = admin_client.post(admin_url(speaker), data)

    assert_rejected(response, "slug")
    assert Speaker.objects.get(pk=speaker.pk).slug == speaker.slug


def test_sitting_with_seat_choices_cannot_move_to_another_round(admin_client, session, rounds):
    choice = SeatChoiceFactory(sitting=session.sittings.get())
    data = get_form(admin_client, admin_url(session))
    data["sittings-0-slot"] = str(rounds[1].pk)

    response = admin_client.post(admin_url(session), data)

    assert_rejected(response, "sittings-0-slot", "verplaats haar niet")
    choice = SeatChoice.objects.select_related("sitting").get(pk=choice.pk)
    assert choice.slot_id == choice.sitting.slot_id == rounds[0].pk
