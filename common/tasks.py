"""Small helpers around django-tasks (Django 6's django.tasks API)."""

import datetime as dt
from typing import Any

from django.utils import timezone
from django_tasks import TaskResult
from django_tasks.base import Task


def enqueue_after(task: Task[Any, Any], pause: dt.timedelta, *args: Any) -> TaskResult[Any]:
    """Queue `task` to run once `pause` has passed. A backend that cannot wait (the
    immediate backend of the tests) runs it at once."""
    if task.get_backend().supports_defer:
        task = task.using(run_after=timezone.now() + pause)
    return task.enqueue(*args)
