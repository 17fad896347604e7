"""The database keeps an event's programme consistent: slots, sittings, themes, seat choices.

The rules that span rows are database triggers (sessions/triggers.py); they must reject a
bad row on SQLite and PostgreSQL alike, with IntegrityError.
"""

import datetime as dt

import pytest
from django.db import IntegrityError, connection, transaction

from events.models import Event
from reservations.models import Reservation, SeatChoice
from sessions.enums import SlotKind
from sessions.models import Session, Sitting, Slot, Speaker
from tests.factories import (
    EventFactory,
    ReservationFactory,
    SeatChoiceFactory,
    SessionFactory,
    SittingFactory,
    SlotFactory,
    SpeakerFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

MINUTE = dt.timedelta(minutes=1)
HOUR = dt.timedelta(hours=1)


def slot_at(event, start: dt.timedelta, length: dt.timedelta, **kwargs) -> Slot:
    """A slot that starts `start` after the event starts."""
    starts_at = event.starts_at + start
    return SlotFactory(event=event, starts_at=starts_at, ends_at=starts_at + length, **kwargs)


@pytest.fixture
def event():
    """14.00–18.00."""
    return EventFactory()


# A slot's own times --------------------------------------------------------------------------


@pytest.mark.parametrize("length", [dt.timedelta(0), -MINUTE], ids=["zero-length", "ends-before"])
def test_slot_must_end_after_it_starts(event, length):
    with pytest.raises(IntegrityError), transaction.atomic():
        slot_at(event, HOUR, length)

    assert not Slot.objects.exists()


def test_slot_cannot_be_updated_to_end_before_it_starts(event):
    slot = slot_at(event, HOUR, HOUR)

    with pytest.raises(IntegrityError), transaction.atomic():
        Slot.objects.filter(pk=slot.pk).update(ends_at=slot.starts_at - MINUTE)

    assert Slot.objects.get(pk=slot.pk).ends_at == slot.ends_at


# A slot lies within its event ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "length"),
    [(-MINUTE, HOUR), (3 * HOUR + MINUTE, HOUR), (-HOUR, 6 * HOUR)],
    ids=["starts-before-event", "ends-after-event", "spans-event"],
)
def test_slot_outside_its_event_is_rejected(event, start, length):
    with pytest.raises(IntegrityError), transaction.atomic():
        slot_at(event, start, length, kind=SlotKind.PLENARY)

    assert not Slot.objects.exists()


@pytest.mark.parametrize("kind", [SlotKind.ROUND, SlotKind.ALONGSIDE])
def test_slot_cannot_be_moved_out_of_its_event(event, kind):
    slot = slot_at(event, HOUR, HOUR, kind=kind)

    with pytest.raises(IntegrityError), transaction.atomic():
        Slot.objects.filter(pk=slot.pk).update(
            starts_at=event.ends_at - HOUR, ends_at=event.ends_at + MINUTE
        )

    assert Slot.objects.get(pk=slot.pk).starts_at == slot.starts_at


def test_slot_cannot_be_moved_to_an_event_at_another_time(event):
    slot = slot_at(event, HOUR, HOUR)
    tomorrow = EventFactory(
        starts_at=event.starts_at + dt.timedelta(days=1),
        ends_at=event.ends_at + dt.timedelta(days=1),
    )

    with pytest.raises(IntegrityError), transaction.atomic():
        Slot.objects.filter(pk=slot.pk).update(event=tomorrow)

    assert Slot.objects.get(pk=slot.pk).event == event


def test_slot_filling_its_whole_event_is_allowed(event):
    slot = SlotFactory(event=event, starts_at=event.starts_at, ends_at=event.ends_at)

    assert Slot.objects.filter(pk=slot.pk).exists()


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite cannot defer a trigger; there the admin's slot formset keeps this rule",
)
def test_event_cannot_shrink_so_that_a_slot_falls_outside_it(event):
    slot_at(event, 3 * HOUR, HOUR)  # 17.00–18.00

    with pytest.raises(IntegrityError), transaction.atomic():
        Event.objects.filter(pk=event.pk).update(ends_at=event.ends_at - HOUR)
        # The rule is checked at commit; a test never commits, so ask for the check now.
        connection.cursor().execute("SET CONSTRAINTS ALL IMMEDIATE")

    assert Event.objects.get(pk=event.pk).ends_at == event.ends_at


# Slots of one event do not overlap -----------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "length"),
    [(HOUR, HOUR), (HOUR + 30 * MINUTE, HOUR), (30 * MINUTE, HOUR), (HOUR + MINUTE, MINUTE)],
    ids=["same-times", "starts-during", "ends-during", "inside"],
)
@pytest.mark.parametrize("kind", [SlotKind.PLENARY, SlotKind.ROUND, SlotKind.BREAK])
def test_overlapping_slot_is_rejected(event, start, length, kind):
    slot_at(event, HOUR, HOUR, kind=SlotKind.ROUND)  # 15.00–16.00

    with pytest.raises(IntegrityError), transaction.atomic():
        slot_at(event, start, length, kind=kind)

    assert Slot.objects.count() == 1


def test_slot_cannot_be_moved_onto_another(event):
    slot_at(event, HOUR, HOUR)
    later = slot_at(event, 2 * HOUR, HOUR)

    with pytest.raises(IntegrityError), transaction.atomic():
        Slot.objects.filter(pk=later.pk).update(starts_at=later.starts_at - 30 * MINUTE)

    assert Slot.objects.get(pk=later.pk).starts_at == later.starts_at


def test_slot_cannot_become_a_timeline_slot_while_overlapping(event):
    slot_at(event, HOUR, HOUR, kind=SlotKind.PLENARY)
    exhibition = slot_at(event, 0 * HOUR, 4 * HOUR, kind=SlotKind.ALONGSIDE)

    with pytest.raises(IntegrityError), transaction.atomic():
        Slot.objects.filter(pk=exhibition.pk).update(kind=SlotKind.PLENARY)

    assert Slot.objects.get(pk=exhibition.pk).kind == SlotKind.ALONGSIDE


def test_adjacent_slots_are_allowed(event):
    slot_at(event, 0 * HOUR, HOUR, kind=SlotKind.PLENARY)
    slot_at(event, HOUR, HOUR)
    slot_at(event, 2 * HOUR, HOUR, kind=SlotKind.BREAK)

    assert Slot.objects.filter(event=event).count() == 3


def test_slot_running_alongside_may_overlap(event):
    slot_at(event, HOUR, HOUR, kind=SlotKind.PLENARY)
    slot_at(event, 0 * HOUR, 4 * HOUR, kind=SlotKind.ALONGSIDE)
    slot_at(event, 30 * MINUTE, HOUR, kind=SlotKind.ALONGSIDE)
    # and a timeline slot may be added next to what runs alongside
    slot_at(event, 2 * HOUR, HOUR, kind=SlotKind.ROUND)

    assert Slot.objects.filter(event=event).count() == 4


def test_slots_of_different_events_may_overlap(event):
    other = EventFactory(starts_at=event.starts_at, ends_at=event.ends_at)
    slot_at(event, HOUR, HOUR)

    slot_at(other, HOUR, HOUR)

    assert Slot.objects.count() == 2


# Sittings ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kind",
    [SlotKind.PLENARY, SlotKind.MEAL, SlotKind.RECEPTION, SlotKind.BREAK, SlotKind.ALONGSIDE],
)
def test_sitting_in_a_slot_that_is_not_a_round_is_rejected(event, kind):
    session = SessionFactory(event=event)
    slot = slot_at(event, HOUR, HOUR, kind=kind)

    with pytest.raises(IntegrityError), transaction.atomic():
        SittingFactory(session=session, slot=slot)

    assert not Sitting.objects.exists()


def test_sitting_in_a_round_of_another_event_is_rejected(event):
    session = SessionFactory(event=event)
    other_round = SlotFactory(event=EventFactory(), kind=SlotKind.ROUND)

    with pytest.raises(IntegrityError), transaction.atomic():
        SittingFactory(session=session, slot=other_round)

    assert not Sitting.objects.exists()


def test_sitting_cannot_be_moved_to_a_plenary_slot(event):
    sitting = SittingFactory(session=SessionFactory(event=event))
    plenary = slot_at(event, 0 * HOUR, 30 * MINUTE, kind=SlotKind.PLENARY)

    with pytest.raises(IntegrityError), transaction.atomic():
        Sitting.objects.filter(pk=sitting.pk).update(slot=plenary)

    assert Sitting.objects.get(pk=sitting.pk).slot == sitting.slot


def test_sitting_in_a_round_of_its_event_is_allowed(event):
    sitting = SittingFactory(session=SessionFactory(event=event), slot=slot_at(event, HOUR, HOUR))

    assert Sitting.objects.filter(pk=sitting.pk).exists()


def test_one_sitting_per_session_per_slot(event):
    sitting = SittingFactory(session=SessionFactory(event=event))

    with pytest.raises(IntegrityError), transaction.atomic():
        SittingFactory(session=sitting.session, slot=sitting.slot, room="Zaal 2")

    assert Sitting.objects.count() == 1


def test_session_may_sit_in_several_rounds_and_a_round_hold_several_sessions(event):
    first_round, second_round = slot_at(event, HOUR, HOUR), slot_at(event, 2 * HOUR, HOUR)
    session, other = SessionFactory(event=event), SessionFactory(event=event)

    SittingFactory(session=session, slot=first_round)
    SittingFactory(session=session, slot=second_round)
    SittingFactory(session=other, slot=first_round)

    assert Sitting.objects.count() == 3


def test_negative_sitting_capacity_is_rejected():
    sitting = SittingFactory(capacity=10)

    with pytest.raises(IntegrityError), transaction.atomic():
        Sitting.objects.filter(pk=sitting.pk).update(capacity=-1)

    sitting.capacity = -1
    with pytest.raises(IntegrityError), transaction.atomic():
        sitting.save()

    assert Sitting.objects.get(pk=sitting.pk).capacity == 10


def test_slot_with_sittings_stays_a_round(event):
    sitting = SittingFactory(session=SessionFactory(event=event))

    for kind in (SlotKind.PLENARY, SlotKind.BREAK, SlotKind.ALONGSIDE):
        with pytest.raises(IntegrityError), transaction.atomic():
            Slot.objects.filter(pk=sitting.slot_id).update(kind=kind)

    assert Slot.objects.get(pk=sitting.slot_id).kind == SlotKind.ROUND


def test_slot_without_sittings_may_change_kind(event):
    slot = slot_at(event, HOUR, HOUR)

    Slot.objects.filter(pk=slot.pk).update(kind=SlotKind.PLENARY)

    assert Slot.objects.get(pk=slot.pk).kind == SlotKind.PLENARY


def test_slot_with_sittings_cannot_move_to_another_event(event):
    sitting = SittingFactory(session=SessionFactory(event=event))
    twin = EventFactory(starts_at=event.starts_at, ends_at=event.ends_at)

    with pytest.raises(IntegrityError), transaction.atomic():
        Slot.objects.filter(pk=sitting.slot_id).update(event=twin)

    assert Slot.objects.get(pk=sitting.slot_id).event == event


# Sessions ------------------------------------------------------------------------------------


def test_session_slug_is_unique_per_event(event):
    SessionFactory(event=event, slug="buurtbudgetten")

    with pytest.raises(IntegrityError), transaction.atomic():
        SessionFactory(event=event, slug="buurtbudgetten")

    SessionFactory(event=EventFactory(), slug="buurtbudgetten")
    assert Session.objects.filter(slug="buurtbudgetten").count() == 2


def test_speaker_slug_is_unique():
    SpeakerFactory(slug="jan-van-ginkel")

    with pytest.raises(IntegrityError), transaction.atomic():
        SpeakerFactory(slug="jan-van-ginkel")

    assert Speaker.objects.count() == 1


def test_session_with_a_theme_of_another_event_is_rejected(event):
    foreign_theme = ThemeFactory(event=EventFactory())

    with pytest.raises(IntegrityError), transaction.atomic():
        SessionFactory(event=event, theme=foreign_theme)

    assert not Session.objects.exists()


def test_session_theme_cannot_be_changed_to_one_of_another_event(event):
    session = SessionFactory(event=event, theme=ThemeFactory(event=event))

    with pytest.raises(IntegrityError), transaction.atomic():
        Session.objects.filter(pk=session.pk).update(theme=ThemeFactory(event=EventFactory()))

    assert Session.objects.get(pk=session.pk).theme == session.theme


def test_session_cannot_move_to_another_event_keeping_its_theme(event):
    session = SessionFactory(event=event, theme=ThemeFactory(event=event))

    with pytest.raises(IntegrityError), transaction.atomic():
        Session.objects.filter(pk=session.pk).update(event=EventFactory())

    assert Session.objects.get(pk=session.pk).event == event


def test_session_with_a_theme_of_its_event_or_none_is_allowed(event):
    SessionFactory(event=event, theme=ThemeFactory(event=event))
    SessionFactory(event=event, theme=None)

    assert Session.objects.filter(event=event).count() == 2


def test_session_with_sittings_cannot_move_to_another_event(event):
    sitting = SittingFactory(session=SessionFactory(event=event))

    with pytest.raises(IntegrityError), transaction.atomic():
        Session.objects.filter(pk=sitting.session_id).update(event=EventFactory())

    assert Session.objects.get(pk=sitting.session_id).event == event


# Seat choices --------------------------------------------------------------------------------


@pytest.fixture
def two_sittings_in_a_round(event):
    round_ = slot_at(event, HOUR, HOUR)
    return [SittingFactory(session=SessionFactory(event=event), slot=round_) for _ in range(2)]


def test_one_seat_choice_per_reservation_per_round(event, two_sittings_in_a_round):
    first, second = two_sittings_in_a_round
    reservation = ReservationFactory(event=event)
    SeatChoice.objects.create(reservation=reservation, sitting=first)

    with pytest.raises(IntegrityError), transaction.atomic():
        SeatChoice.objects.create(reservation=reservation, sitting=second)

    assert list(reservation.seat_choices.values_list("sitting", flat=True)) == [first.pk]


def test_seat_choices_in_different_rounds_are_allowed(event):
    reservation = ReservationFactory(event=event)
    for start in (HOUR, 2 * HOUR):
        sitting = SittingFactory(
            session=SessionFactory(event=event), slot=slot_at(event, start, HOUR)
        )
        SeatChoice.objects.create(reservation=reservation, sitting=sitting)

    assert reservation.seat_choices.count() == 2


def test_seat_choice_for_another_slot_than_its_sitting_is_rejected(event):
    sitting = SittingFactory(session=SessionFactory(event=event), slot=slot_at(event, HOUR, HOUR))
    other_round = slot_at(event, 2 * HOUR, HOUR)
    reservation = ReservationFactory(event=event)

    with pytest.raises(IntegrityError), transaction.atomic():
        SeatChoice.objects.create(reservation=reservation, sitting=sitting, slot=other_round)

    assert not SeatChoice.objects.exists()


def test_seat_choice_cannot_be_moved_to_another_slot(event):
    choice = SeatChoiceFactory(sitting=SittingFactory(session=SessionFactory(event=event)))
    other_round = slot_at(event, 2 * HOUR, HOUR)

    with pytest.raises(IntegrityError), transaction.atomic():
        SeatChoice.objects.filter(pk=choice.pk).update(slot=other_round)

    assert SeatChoice.objects.get(pk=choice.pk).slot == choice.slot


def test_seat_choice_in_a_sitting_of_another_event_is_rejected(event):
    foreign_sitting = SittingFactory()
    reservation = ReservationFactory(event=event)

    with pytest.raises(IntegrityError), transaction.atomic():
        SeatChoice.objects.create(reservation=reservation, sitting=foreign_sitting)

    assert not SeatChoice.objects.exists()


def test_seat_choice_cannot_be_moved_to_a_reservation_for_another_event():
    choice = SeatChoiceFactory()
    other_reservation = ReservationFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        SeatChoice.objects.filter(pk=choice.pk).update(reservation=other_reservation)

    assert SeatChoice.objects.get(pk=choice.pk).reservation == choice.reservation


def test_sitting_with_seat_choices_keeps_them_in_its_round(event):
    choice = SeatChoiceFactory(sitting=SittingFactory(session=SessionFactory(event=event)))
    second_round = slot_at(event, 2 * HOUR, HOUR)

    try:
        with transaction.atomic():
            Sitting.objects.filter(pk=choice.sitting_id).update(slot=second_round)
    except IntegrityError:
        pass  # refusing the move keeps the rule as well

    choice.refresh_from_db()
    assert choice.slot_id == choice.sitting.slot_id


def test_reservation_with_seat_choices_cannot_move_to_another_event():
    choice = SeatChoiceFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        Reservation.objects.filter(pk=choice.reservation_id).update(event=EventFactory())

    assert Reservation.objects.get(pk=choice.reservation_id).event == choice.slot.event


def test_an_event_with_its_programme_can_be_deleted_but_a_round_with_sittings_cannot():
    from django.db.models import RestrictedError

    sitting = SittingFactory()
    with pytest.raises(RestrictedError):
        sitting.slot.delete()

    sitting.slot.event.delete()

    assert not Sitting.objects.exists()
