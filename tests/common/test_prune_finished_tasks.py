"""The scheduled prune keeps the task table small, and never drops work still to do."""

import datetime as dt

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from common.tasks import prune_finished_tasks
from tests.common.queue_helpers import queued

pytestmark = pytest.mark.django_db


def test_finished_tasks_older_than_the_retention_go_and_the_rest_stay(settings, task_queue):
    settings.TASKS_RETENTION_DAYS = 14
    now = timezone.now()
    old = now - dt.timedelta(days=15)
    recent = now - dt.timedelta(days=13)
    gone = [
        queued(status="SUCCESSFUL", finished_at=old),
        queued(status="FAILED", finished_at=old),
    ]
    kept = [
        queued(status="SUCCESSFUL", finished_at=recent),
        queued(status="FAILED", finished_at=recent),
        queued(enqueued_at=old),  # still waiting, however old
        queued(status="RUNNING", started_at=old),
    ]

    assert prune_finished_tasks.call() == 2
    remaining = set(DBTaskResult.objects.values_list("pk", flat=True))
    assert remaining == {row.pk for row in kept}
    assert not remaining & {row.pk for row in gone}


def test_the_prune_runs_daily(settings):
    assert ("common.tasks.prune_finished_tasks", dt.timedelta(days=1)) in settings.SCHEDULED_TASKS
