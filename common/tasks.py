"""Small helpers around django-tasks (Django 6's django.tasks API), and the library's own
scheduled job: keeping the task table small."""

import datetime as dt
from typing import Any

from django.conf import settings
from django.utils import timezone
from django_tasks import TaskResult, task
from django_tasks.base import Task
from django_tasks_db.models import DBTaskResult


def enqueue_after(task: Task[Any, Any], pause: dt.timedelta, *args: Any) -> TaskResult[Any]:
    """Queue `task` to run once `pause` has passed. A backend that cannot wait (the
    immediate backend of the tests) runs it at once."""
    if task.get_backend().supports_defer:
        task = task.using(run_after=timezone.now() + pause)
    return task.enqueue(*args)


@task()
def prune_finished_tasks() -> int:
    """Delete the rows of tasks that finished (succeeded or failed) more than
    TASKS_RETENTION_DAYS ago, as `manage.py prune_db_task_results` does; waiting and running
    tasks are kept whatever their age. Returns how many rows went."""
    cutoff = timezone.now() - dt.timedelta(days=settings.TASKS_RETENTION_DAYS)
    deleted, _ = DBTaskResult.objects.finished().filter(finished_at__lte=cutoff).delete()
    return deleted
