"""What a database holds, as JSON, for .ci/migrate-forward to compare before and after migrating.

    python snapshot.py DATABASE_URL OUT.json                  # before
    python snapshot.py --like BEFORE.json DATABASE_URL OUT.json   # after

Reads the tables directly (psycopg2, no Django), so the old and the new code see the same:
- every table of the public schema but django_migrations: its columns and row count;
- the tables of the models that move: an md5 of every row, over the columns the table had
  before (sorted by name, so that added or reordered columns do not count as a change);
- the moderator of each event, as (event id, speaker id) pairs, wherever the layout keeps them;
- the content types of the models that move, with their permissions, the groups and users
  that hold those, and the admin log entries about them; by id, whatever app label they get.
"""

import hashlib
import json
import sys

import psycopg2
from psycopg2 import sql

# The tables of the models that move to the app `reservations` (they keep their names).
CHECKSUMMED = (
    "events_reservation",
    "events_historicalreservation",
    "programme_seatchoice",
    "events_calendarfeed",
    "events_undeliveredmail",
)
# The same models by model name, the part of a content type that stays when the app changes.
MOVED_MODELS = (
    "reservation",
    "historicalreservation",
    "seatchoice",
    "calendarfeed",
    "undeliveredmail",
)


def rows(cur, query, *params):
    cur.execute(query, params)
    return cur.fetchall()


def tables(cur):
    found = rows(
        cur,
        """SELECT table_name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
        AND table_name <> 'django_migrations' ORDER BY table_name""",
    )
    return [name for (name,) in found]


def columns(cur, table):
    found = rows(
        cur,
        """SELECT column_name FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name = %s ORDER BY column_name""",
        table,
    )
    return [name for (name,) in found]


def primary_key(cur, table):
    (key,) = rows(
        cur,
        """SELECT k.column_name FROM information_schema.table_constraints c
        JOIN information_schema.key_column_usage k USING (constraint_schema, constraint_name)
        WHERE c.table_schema = 'public' AND c.table_name = %s AND c.constraint_type = 'PRIMARY KEY'""",
        table,
    )
    return key[0]


def count(cur, table):
    return rows(cur, sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table)))[0][0]


def checksum(cur, table, cols, key):
    """An md5 of each row (by primary key) over `cols`, and one of the whole table."""
    query = sql.SQL(
        "SELECT {key}::text AS row_key, md5(ROW({cols})::text) FROM {table} ORDER BY {key}"
    ).format(
        key=sql.Identifier(key),
        cols=sql.SQL(", ").join(sql.Identifier(col) for col in cols),
        table=sql.Identifier(table),
    )
    per_row = dict(rows(cur, query))
    whole = hashlib.md5("".join(f"{k}:{v}\n" for k, v in per_row.items()).encode()).hexdigest()
    return {"md5": whole, "rows": per_row}


def moderator_pairs(cur, present):
    """Event.moderator as sorted [event id, speaker id] pairs, and where they were found.

    The new layout first: tables named like *moderator* (no history tables) with an event_id and
    a speaker_id column, such as programme_eventmoderator; else the column
    events_event.moderator_id. Adjust here if moderators move somewhere else.
    """
    sources = [
        table
        for table in present
        if "moderator" in table
        and "historical" not in table
        and {"event_id", "speaker_id"} <= set(columns(cur, table))
    ]
    queries = {
        table: sql.SQL("SELECT event_id, speaker_id FROM {}").format(sql.Identifier(table))
        for table in sources
    }
    if not queries and "moderator_id" in columns(cur, "events_event"):
        queries = {
            "events_event.moderator_id": sql.SQL(
                "SELECT id, moderator_id FROM events_event WHERE moderator_id IS NOT NULL"
            )
        }
    pairs = sorted({tuple(pair) for query in queries.values() for pair in rows(cur, query)})
    return {"source": ", ".join(queries) or None, "pairs": pairs}


def content_types(cur, ids):
    """The content types of the moved models (and any with these ids), keyed by id."""
    found = rows(
        cur,
        "SELECT id, app_label, model FROM django_content_type WHERE model = ANY(%s) OR id = ANY(%s)",
        list(MOVED_MODELS),
        ids,
    )
    result = {}
    for ct_id, app_label, model in found:
        result[str(ct_id)] = {
            "app_label": app_label,
            "model": model,
            "permissions": sorted(
                codename
                for (codename,) in rows(
                    cur, "SELECT codename FROM auth_permission WHERE content_type_id = %s", ct_id
                )
            ),
            "group_permissions": sorted(
                rows(
                    cur,
                    """SELECT g.name, p.codename FROM auth_group_permissions gp
                    JOIN auth_group g ON g.id = gp.group_id
                    JOIN auth_permission p ON p.id = gp.permission_id
                    WHERE p.content_type_id = %s""",
                    ct_id,
                )
            ),
            "user_permissions": sorted(
                rows(
                    cur,
                    """SELECT up.user_id, p.codename FROM auth_user_user_permissions up
                    JOIN auth_permission p ON p.id = up.permission_id
                    WHERE p.content_type_id = %s""",
                    ct_id,
                )
            ),
            "log_entries": [
                entry_id
                for (entry_id,) in rows(
                    cur,
                    "SELECT id FROM django_admin_log WHERE content_type_id = %s ORDER BY id",
                    ct_id,
                )
            ],
        }
    return result


def snapshot(url, like=None):
    with psycopg2.connect(url) as connection, connection.cursor() as cur:
        # Rows are compared as text: the same text for the same values in both runs.
        cur.execute("SET TIME ZONE 'UTC'; SET DateStyle = 'ISO, YMD'")
        present = tables(cur)
        result = {
            "tables": {
                table: {"rows": count(cur, table), "columns": columns(cur, table)}
                for table in present
            },
            "checksums": {},
            "moderators": moderator_pairs(cur, present),
            "content_types": {},
        }
        for table in CHECKSUMMED:
            if like is not None:
                if table not in like["checksums"]:
                    continue
                cols, key = like["checksums"][table]["columns"], like["checksums"][table]["key"]
            elif table in present:
                cols, key = columns(cur, table), primary_key(cur, table)
            else:
                continue
            entry = {"columns": cols, "key": key}
            missing = [] if table not in present else sorted(set(cols) - set(columns(cur, table)))
            if table in present and not missing:
                entry |= checksum(cur, table, cols, key)
            else:
                entry["missing"] = missing or ["the whole table"]
            result["checksums"][table] = entry
        before_ids = [int(ct_id) for ct_id in like["content_types"]] if like else []
        result["content_types"] = content_types(cur, before_ids)
    return result


def main(argv):
    like = None
    if argv[:1] == ["--like"]:
        with open(argv[1]) as file:
            like = json.load(file)
        argv = argv[2:]
    url, out = argv
    with open(out, "w") as file:
        json.dump(snapshot(url, like), file, indent=1, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1:])
