"""The moved models, read through the ORM of the code at HEAD, against the snapshot from before.

Runs inside `manage.py shell` of the repository (see .ci/migrate-forward), with the path of
the before snapshot in $MIGRATE_FORWARD_SNAPSHOT. For each model of snapshot.MOVED_MODELS,
found by name in whichever app holds it now:
- every row loads (each column the model has exists) and the count is the one from before;
- the content type the code uses for it (ContentType.objects.get_for_model) has the id it had
  before, so its permissions and admin log entries still belong to it; and the groups and
  users that held a permission on it still hold it under the model's current app label.
Prints FAIL lines and exits 1 on any problem.
"""

import json
import os
import sys

from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType


def check(before):
    problems = []
    # One content type per model name before; the snapshot keys them by id.
    old = {ct["model"]: (int(ct_id), ct) for ct_id, ct in before["content_types"].items()}
    for name, (old_id, was) in sorted(old.items()):
        found = [m for m in apps.get_models() if m._meta.model_name == name]
        if len(found) != 1:
            problems.append(f"model {name}: expected one model of that name, found {found}")
            continue
        model = found[0]
        label = f"{model._meta.label} (table {model._meta.db_table})"
        rows = sum(1 for _ in model._default_manager.all().iterator())
        expected = before["tables"].get(model._meta.db_table, {}).get("rows")
        if rows != expected:
            problems.append(f"{label}: the ORM counts {rows} rows, the table had {expected}")
        ct = ContentType.objects.get_for_model(model)
        if ct.pk != old_id:
            problems.append(
                f"{label}: the code's content type is {ct.app_label}.{ct.model} id {ct.pk}, "
                f"was {was['app_label']}.{was['model']} id {old_id}: its permissions and "
                "admin log entries stay behind"
            )
        perms = Permission.objects.filter(content_type=ct)
        for group, codename in was["group_permissions"]:
            if not perms.filter(codename=codename, group__name=group).exists():
                problems.append(f"{label}: group {group} lost {model._meta.app_label}.{codename}")
        for user_id, codename in was["user_permissions"]:
            if not perms.filter(codename=codename, user__id=user_id).exists():
                problems.append(f"{label}: user {user_id} lost {model._meta.app_label}.{codename}")
        entries = LogEntry.objects.filter(content_type=ct)
        if entries.count() < len(was["log_entries"]):
            problems.append(
                f"{label}: {entries.count()} admin log entries, {len(was['log_entries'])} before"
            )
        print(f"ORM: {label}: {rows} rows, content type {ct.pk} ({ct.app_label}.{ct.model})")
    return problems


with open(os.environ["MIGRATE_FORWARD_SNAPSHOT"]) as file:
    problems = check(json.load(file))
for problem in problems:
    print(f"FAIL {problem}")
if problems:
    sys.exit(1)
