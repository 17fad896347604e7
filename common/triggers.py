"""Database triggers for rules that span rows or tables, on PostgreSQL and SQLite.

A CHECK constraint sees one row only, so an app that needs a rule across rows declares
`Rule`s and installs them after every `migrate` (its AppConfig connects `install` to
post_migrate and `remove_sqlite` to pre_migrate): SQLite drops a table's triggers when a
migration rebuilds that table, and refuses a rebuild that renames tables another table's
triggers refer to. A violation raises IntegrityError on both databases; forms check the
same rules first, with readable messages.
"""

from collections.abc import Iterable, Sequence
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


def install(rules: Sequence[Rule], *, tables: Iterable[str], using: str = "default") -> None:
    """(Re)install `rules`, once every table they read (`tables`) exists."""
    connection = connections[using]
    build = BUILDERS.get(connection.vendor)
    if build is None:
        raise NotImplementedError(f"No triggers for the {connection.vendor} database")
    needed = {rule.table for rule in rules} | set(tables)
    if not needed <= set(connection.introspection.table_names()):
        return  # migrated backwards or partly: nothing to guard yet
    with connection.cursor() as cursor:
        for rule in rules:
            for statement in build(rule):
                cursor.execute(statement)


def remove_sqlite(rules: Sequence[Rule], *, using: str = "default") -> None:
    connection = connections[using]
    if connection.vendor != "sqlite":
        return  # PostgreSQL alters tables in place: its triggers can stay
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        names = [row[0] for row in cursor.fetchall()]
        ours = {statement_name for rule in rules for statement_name in _sqlite_names(rule)}
        for name in names:
            if name in ours:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")


def _sqlite_names(rule: Rule) -> list[str]:
    events = ("insert", "update") if rule.on_insert else ("update",)
    return [f"{rule.name}_{event}" for event in events]
