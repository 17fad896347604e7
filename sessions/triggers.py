"""Database triggers for the programme rules that span rows or tables.

A CHECK constraint sees one row only, so these rules are kept by triggers:
- a slot lies within its event and overlaps no other slot of the event (slots that run
  alongside the timeline excepted); a slot with sittings stays a break-out round of its event;
- an event keeps all its slots within its times (PostgreSQL only, checked at commit);
- a sitting is held in a break-out round of its session's event, and keeps its round once
  seats are chosen in it;
- a session's theme belongs to the same event, and a session with sittings keeps its event;
- a seat choice's slot is its sitting's slot, in the event of its reservation, and a
  reservation with seat choices keeps its event.

They are (re)installed after every `migrate`, because SQLite drops a table's triggers when
a migration rebuilds that table; on SQLite they are also removed before `migrate`, because a
rebuild renames tables that the other tables' triggers refer to, which SQLite refuses. A violation raises IntegrityError on both databases; forms
check the same rules first, with readable messages.
"""

from dataclasses import dataclass

from django.db import connections


@dataclass(frozen=True)
class Rule:
    name: str
    table: str
    message: str
    # SQL that is true when NEW breaks the rule. {ts}(x) wraps a timestamp for comparison.
    violation: str
    on_insert: bool = True
    # Checked at commit on PostgreSQL, so that one transaction may pass through states that
    # break the rule (the admin saves a moved event before its slots). SQLite cannot defer a
    # trigger, so there the rule is left to the forms.
    deferred: bool = False


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
        name="sitting_keeps_seat_choices",
        table="programme_sitting",
        message="a sitting with seat choices cannot move to another round",
        violation="""NEW.slot_id <> OLD.slot_id
            AND EXISTS (SELECT 1 FROM programme_seatchoice sc WHERE sc.sitting_id = NEW.id)""",
        on_insert=False,
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


def _postgresql(rule: Rule) -> list[str]:
    function = f"check_{rule.name}"
    events = "INSERT OR UPDATE" if rule.on_insert else "UPDATE"
    condition = rule.violation.format(ts="")
    return [
        f"""CREATE OR REPLACE FUNCTION {function}() RETURNS trigger AS $$
        BEGIN
            IF {condition} THEN
                RAISE EXCEPTION '{rule.message}' USING ERRCODE = 'check_violation', CONSTRAINT = '{rule.name}';
            END IF;
            RETURN NEW;
        END $$ LANGUAGE plpgsql""",
        f"DROP TRIGGER IF EXISTS {rule.name} ON {rule.table}",
        f"CREATE CONSTRAINT TRIGGER {rule.name} AFTER {events} ON {rule.table} "
        f"DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION {function}()"
        if rule.deferred
        else f"CREATE TRIGGER {rule.name} BEFORE {events} ON {rule.table} "
        f"FOR EACH ROW EXECUTE FUNCTION {function}()",
    ]


def _sqlite(rule: Rule) -> list[str]:
    if rule.deferred:
        return []
    condition = rule.violation.format(ts="julianday")
    statements = []
    for name in _sqlite_names(rule):
        event = name.rsplit("_", 1)[1].upper()
        statements += [
            f"DROP TRIGGER IF EXISTS {name}",
            f"""CREATE TRIGGER {name} BEFORE {event} ON {rule.table} FOR EACH ROW WHEN {condition}
            BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: {rule.message}'); END""",
        ]
    return statements


BUILDERS = {"postgresql": _postgresql, "sqlite": _sqlite}


def install_triggers(*, using: str = "default", **kwargs: object) -> None:
    connection = connections[using]
    build = BUILDERS.get(connection.vendor)
    if build is None:
        raise NotImplementedError(f"No programme triggers for the {connection.vendor} database")
    tables = {rule.table for rule in RULES} | {
        "events_event",
        "events_reservation",
        "programme_theme",
    }
    if not tables <= set(connection.introspection.table_names()):
        return  # migrated backwards or partly: nothing to guard yet
    with connection.cursor() as cursor:
        for rule in RULES:
            for statement in build(rule):
                cursor.execute(statement)


def remove_sqlite_triggers(*, using: str = "default", **kwargs: object) -> None:
    connection = connections[using]
    if connection.vendor != "sqlite":
        return  # PostgreSQL alters tables in place: its triggers can stay
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        names = [row[0] for row in cursor.fetchall()]
        ours = {statement_name for rule in RULES for statement_name in _sqlite_names(rule)}
        for name in names:
            if name in ours:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")


def _sqlite_names(rule: Rule) -> list[str]:
    events = ("insert", "update") if rule.on_insert else ("update",)
    return [f"{rule.name}_{event}" for event in events]
