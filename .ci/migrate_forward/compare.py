"""Compares the snapshots (snapshot.py) taken before and after migrating forward; prints a report.

    python compare.py BEFORE.json AFTER.json

Exits 1 when anything was lost: a table (unless named in $DROPPED_TABLES), rows of a table,
a column or a changed row of the moved models' tables, a moderator, a content type of a moved
model, or a permission, a group's or user's permission or an admin log entry attached to it.
Every problem is one line starting with FAIL.
"""

import json
import os
import sys

# Tables the new layout drops on purpose (set in .ci/migrate-forward).
DROPPED = set(os.environ.get("DROPPED_TABLES", "").split())


def load(path):
    with open(path) as file:
        return json.load(file)


def tables(before, after, fail):
    print(f"{'table':<44} {'before':>7} {'after':>7}")
    empty = []
    for table, was in before["tables"].items():
        now = after["tables"].get(table)
        if now is None:
            note = "dropped (allowed)" if table in DROPPED else "MISSING"
            print(f"{table:<44} {was['rows']:>7} {'-':>7}  {note}")
            if table not in DROPPED:
                fail(f"table {table} is gone, with its {was['rows']} rows")
            continue
        gone = sorted(set(was["columns"]) - set(now["columns"]))
        added = sorted(set(now["columns"]) - set(was["columns"]))
        notes = [f"-{col}" for col in gone] + [f"+{col}" for col in added]
        if now["rows"] < was["rows"]:
            notes.insert(0, f"LOST {was['rows'] - now['rows']}")
            fail(f"{table} lost {was['rows'] - now['rows']} of its {was['rows']} rows")
        elif now["rows"] > was["rows"]:
            notes.insert(0, f"+{now['rows'] - was['rows']} rows")
        if was["rows"] == now["rows"] == 0 and not notes:
            empty.append(table)
            continue
        print(f"{table:<44} {was['rows']:>7} {now['rows']:>7}  {' '.join(notes)}".rstrip())
    if empty:
        print(f"empty before and after: {', '.join(empty)}")
    new = [
        f"{t} ({after['tables'][t]['rows']} rows)"
        for t in after["tables"]
        if t not in before["tables"]
    ]
    print(f"new tables: {', '.join(new) or 'none'}")


def checksums(before, after, fail):
    for table, was in before["checksums"].items():
        now = after["checksums"].get(table, {"missing": ["the whole table"]})
        if "missing" in now:
            fail(f"{table}: rows cannot be compared, missing {', '.join(now['missing'])}")
            continue
        if now["md5"] == was["md5"]:
            print(f"rows identical: {table} ({len(was['rows'])} rows, md5 {was['md5'][:12]})")
            continue
        lost = [key for key in was["rows"] if key not in now["rows"]]
        changed = [
            key
            for key in was["rows"]
            if key in now["rows"] and now["rows"][key] != was["rows"][key]
        ]
        extra = [key for key in now["rows"] if key not in was["rows"]]
        details = [
            f"{label} {len(keys)} ({was['key']} {', '.join(keys[:5])}{'…' if len(keys) > 5 else ''})"
            for label, keys in (("lost", lost), ("changed", changed), ("added", extra))
            if keys
        ]
        fail(f"{table}: rows differ: {'; '.join(details)}")


def moderators(before, after, fail):
    was, now = before["moderators"], after["moderators"]
    lost = {tuple(p) for p in was["pairs"]} - {tuple(p) for p in now["pairs"]}
    where = (
        was["source"] if now["source"] == was["source"] else f"{was['source']} → {now['source']}"
    )
    if lost:
        fail(
            f"moderators: {len(lost)} of {len(was['pairs'])} (event, speaker) pairs lost ({where}): {sorted(lost)[:5]}"
        )
    else:
        print(f"moderators kept: {len(was['pairs'])} (event, speaker) pairs ({where})")


def content_types(before, after, fail):
    for ct_id, was in before["content_types"].items():
        now = after["content_types"].get(ct_id)
        name = f"{was['app_label']}.{was['model']} (content type {ct_id})"
        if now is None:
            fail(f"{name} is gone")
            continue
        if now["model"] != was["model"]:
            fail(f"{name} is gone: id {ct_id} is now {now['app_label']}.{now['model']}")
            continue
        kept = []
        for part in ("permissions", "group_permissions", "user_permissions", "log_entries"):
            what = part.replace("_", " ")
            lost = {json.dumps(x) for x in was[part]} - {json.dumps(x) for x in now[part]}
            if lost:
                fail(f"{name}: {len(lost)} of {len(was[part])} {what} lost: {sorted(lost)[:5]}")
            kept.append(f"{len(was[part])} {what}")
        if now["app_label"] != was["app_label"]:
            name += f", now {now['app_label']}.{now['model']}"
        print(f"content type kept: {name}: {', '.join(kept)}")
    before_ids = set(before["content_types"])
    for ct_id, now in after["content_types"].items():
        if ct_id not in before_ids:
            # Harmless only if nothing uses it: the ORM check tells which one the code uses.
            print(f"new content type: {now['app_label']}.{now['model']} (content type {ct_id})")


def main(before_path, after_path):
    before, after = load(before_path), load(after_path)
    problems = []

    def fail(message):
        problems.append(message)

    tables(before, after, fail)
    print()
    checksums(before, after, fail)
    moderators(before, after, fail)
    content_types(before, after, fail)
    print()
    for problem in problems:
        print(f"FAIL {problem}")
    if problems:
        sys.exit(1)
    print("Nothing lost in the tables.")


if __name__ == "__main__":
    main(*sys.argv[1:])
