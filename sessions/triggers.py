"""Database triggers for the programme rules that span rows or tables.

A CHECK constraint sees one row only, so these rules are kept by triggers:
- a slot lies within its event and overlaps no other slot of the event (slots that run
  alongside the timeline excepted); a slot with sittings stays a break-out round of its event;
- an event keeps all its slots within its times (PostgreSQL only, checked at commit);
- a sitting is held in a break-out round of its session's event;
- a session's theme belongs to the same event, and a session with sittings keeps its event.

They are installed by common/triggers.py after every `migrate` (see ProgrammeConfig);
forms check the same rules first, with readable messages. The rules of seat choices are
the reservations app's (reservations/triggers.py).
"""

from common.triggers import Rule, install, remove_sqlite

RULES = (
    Rule(
        name="slot_within_event",
        table="programme_slot",
        message="a slot must lie within its event",
        violation="""EXISTS (SELECT 1 FROM events_event e WHERE e.id = NEW.event_id
            AND ({ts}(NEW.starts_at) < {ts}(e.starts_at) OR {ts}(NEW.ends_at) > {ts}(e.ends_at)))""",
    ),
    Rule(
        name="event_contains_slots",
        table="events_event",
        message="an event must contain all its slots",
        # Reads the event as it is at commit, not as this update left it.
        violation="""EXISTS (SELECT 1 FROM programme_slot s JOIN events_event e ON e.id = s.event_id
            WHERE e.id = NEW.id AND (s.starts_at < e.starts_at OR s.ends_at > e.ends_at))""",
        on_insert=False,
        deferred=True,
    ),
    Rule(
        name="slot_no_overlap",
        table="programme_slot",
        message="slots of one event may not overlap",
        violation="""NEW.kind <> 'alongside' AND EXISTS (SELECT 1 FROM programme_slot s
            WHERE s.event_id = NEW.event_id AND s.id <> NEW.id AND s.kind <> 'alongside'
            AND {ts}(s.starts_at) < {ts}(NEW.ends_at) AND {ts}(NEW.starts_at) < {ts}(s.ends_at))""",
    ),
    Rule(
        name="slot_keeps_sittings",
        table="programme_slot",
        message="a slot with sittings must stay a break-out round of the same event",
        violation="""EXISTS (SELECT 1 FROM programme_sitting st
            JOIN programme_session se ON se.id = st.session_id
            WHERE st.slot_id = NEW.id AND (NEW.kind <> 'round' OR se.event_id <> NEW.event_id))""",
        on_insert=False,
    ),
    Rule(
        name="sitting_in_round_of_event",
        table="programme_sitting",
        message="a sitting must be held in a break-out round of the event of its session",
        violation="""NOT EXISTS (SELECT 1 FROM programme_slot sl
            JOIN programme_session se ON se.event_id = sl.event_id
            WHERE sl.id = NEW.slot_id AND se.id = NEW.session_id AND sl.kind = 'round')""",
    ),
    Rule(
        name="session_theme_of_event",
        table="programme_session",
        message="the theme of a session must belong to the same event",
        violation="""NEW.theme_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM programme_theme t
            WHERE t.id = NEW.theme_id AND t.event_id = NEW.event_id)""",
    ),
    Rule(
        name="session_keeps_sittings",
        table="programme_session",
        message="a session with sittings cannot move to another event",
        violation="""EXISTS (SELECT 1 FROM programme_sitting st
            JOIN programme_slot sl ON sl.id = st.slot_id
            WHERE st.session_id = NEW.id AND sl.event_id <> NEW.event_id)""",
        on_insert=False,
    ),
)
# Tables the rules read besides their own.
READS = {"events_event", "programme_theme"}


def install_triggers(*, using: str = "default", **kwargs: object) -> None:
    install(RULES, tables=READS, using=using)


def remove_sqlite_triggers(*, using: str = "default", **kwargs: object) -> None:
    remove_sqlite(RULES, using=using)
