"""The library's own scheduled job: keep the task table small."""

import datetime as dt

from django.conf import settings
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult


@task()
def prune_finished_tasks() -> int:
    """Delete the rows of tasks that finished (succeeded or failed) more than
    TASKS_RETENTION_DAYS ago, as `manage.py prune_db_task_results` does; waiting and running
    tasks are kept whatever their age. Returns how many rows went."""
    cutoff = timezone.now() - dt.timedelta(days=settings.TASKS_RETENTION_DAYS)
    deleted, _ = DBTaskResult.objects.finished().filter(finished_at__lte=cutoff).delete()
    return deleted
