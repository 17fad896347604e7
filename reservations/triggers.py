"""Database triggers for the rules of seat choices that span tables (common/triggers.py):
a seat choice's slot is its sitting's slot, in the event of its reservation; a reservation
with seat choices keeps its event, and a sitting with seat choices keeps its round. Forms
and services check them first."""

from common.triggers import Rule, install, remove_sqlite

RULES = (
    Rule(
        name="sitting_keeps_seat_choices",
        table="programme_sitting",
        message="a sitting with seat choices cannot move to another round",
        violation="""NEW.slot_id <> OLD.slot_id
            AND EXISTS (SELECT 1 FROM programme_seatchoice sc WHERE sc.sitting_id = NEW.id)""",
        on_insert=False,
    ),
    Rule(
        name="seat_choice_matches_sitting",
        table="programme_seatchoice",
        message="a seat choice must be for the slot of its sitting, in the event of its reservation",
        violation="""NOT EXISTS (SELECT 1 FROM programme_sitting st
            JOIN programme_slot sl ON sl.id = st.slot_id
            JOIN events_reservation r ON r.event_id = sl.event_id
            WHERE st.id = NEW.sitting_id AND sl.id = NEW.slot_id AND r.id = NEW.reservation_id)""",
    ),
    Rule(
        name="reservation_keeps_seat_choices",
        table="events_reservation",
        message="a reservation with seat choices cannot move to another event",
        violation="""NEW.event_id <> OLD.event_id
            AND EXISTS (SELECT 1 FROM programme_seatchoice sc WHERE sc.reservation_id = NEW.id)""",
        on_insert=False,
    ),
)
# Tables the rules read besides their own.
READS = {"programme_sitting", "programme_slot", "events_reservation"}


def install_triggers(*, using: str = "default", **kwargs: object) -> None:
    install(RULES, tables=READS, using=using)


def remove_sqlite_triggers(*, using: str = "default", **kwargs: object) -> None:
    remove_sqlite(RULES, using=using)
