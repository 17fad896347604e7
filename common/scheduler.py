"""Scheduled jobs, run by the task workers themselves instead of cron.

`settings.SCHEDULED_TASKS` lists (task import path, interval) pairs. Every worker process
calls `run_due()` every half minute or so (`manage.py run_worker`); for each job that is due,
one of them moves the job's `next_run_at` a period ahead with a single conditional UPDATE and,
in the same transaction, enqueues the task. Whichever worker takes the task from the queue
then runs it. So however many workers run on however many machines:

- each period is claimed by exactly one UPDATE (the database serialises the writes; only the
  first still finds `next_run_at <= now`), so a job is enqueued once per period;
- claim and enqueue commit together: a worker that dies between them rolls both back, and the
  next `run_due()` anywhere claims the period again. No run is lost or doubled.

A job missed while no worker ran (a deploy, a night off) runs once when one starts again,
not once per missed period.
"""

import datetime as dt
import logging
import threading
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.checks import CheckMessage, Error
from django.db import close_old_connections, connections, transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks.base import Task

from common.models import ScheduledJob

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Schedule:
    """A job of settings.SCHEDULED_TASKS: the task's import path and how often it runs."""

    name: str
    interval: dt.timedelta


def schedules() -> list[Schedule]:
    """settings.SCHEDULED_TASKS, read on every call so that a changed setting takes effect."""
    return [Schedule(name, interval) for name, interval in settings.SCHEDULED_TASKS]


def load_task(name: str) -> Task:
    """The task object at import path `name`; a plain function is refused, as the worker
    could not run it."""
    task = import_string(name)
    if not isinstance(task, Task):
        raise TypeError(f"{name} is not a task: decorate it with @django_tasks.task")
    return task


def claim(schedule: Schedule, now: dt.datetime) -> bool:
    """Take this period of the job for the caller: True for exactly one of several callers.

    A shortened interval is honoured at once: a next run further away than one new interval
    is first pulled in to `now + interval`.
    """
    jobs = ScheduledJob.objects.filter(name=schedule.name)
    jobs.filter(next_run_at__gt=now + schedule.interval).update(next_run_at=now + schedule.interval)
    claimed = jobs.filter(next_run_at__lte=now).update(next_run_at=now + schedule.interval)
    return claimed == 1


def ensure_rows(names: Iterable[str], now: dt.datetime) -> None:
    """A job seen for the first time is due at once; existing rows are left alone (their
    `next_run_at` is what the workers agreed on)."""
    ScheduledJob.objects.bulk_create(
        [ScheduledJob(name=name, next_run_at=now) for name in names], ignore_conflicts=True
    )


def run_due(now: dt.datetime | None = None) -> list[str]:
    """Enqueue every scheduled job whose time has come and no other worker claimed first.

    Returns the names enqueued by this call. A job whose task cannot be loaded or enqueued is
    logged and skipped (its claim rolled back), so one broken entry does not stop the others.
    """
    now = now or timezone.now()
    due = schedules()
    ensure_rows((schedule.name for schedule in due), now)
    enqueued = []
    for schedule in due:
        try:
            with transaction.atomic():
                if not claim(schedule, now):
                    continue
                load_task(schedule.name).enqueue()
        except Exception:
            logger.exception("Scheduled job %s could not be enqueued", schedule.name)
            continue
        logger.info(
            "Scheduled job %s enqueued; next run at %s", schedule.name, now + schedule.interval
        )
        enqueued.append(schedule.name)
    return enqueued


def run_every(seconds: float, stopped: threading.Event) -> None:
    """Call `run_due()` every `seconds` until `stopped` is set: the loop of the scheduler
    thread of `manage.py run_worker`. A failure (the database away for a moment) is logged
    and the next round tries again; the thread never dies of it."""
    while not stopped.wait(seconds):
        close_old_connections()
        try:
            run_due()
        except Exception:
            logger.exception("Scheduler round failed; trying again in %s s", seconds)
        finally:
            close_old_connections()
    connections.close_all()  # this thread's own connections


def check_schedule(app_configs: object = None, **kwargs: object) -> list[CheckMessage]:
    """A system check: every entry of SCHEDULED_TASKS names a task and a positive interval,
    so that a typo stops `manage.py run_worker` at start instead of failing every half minute."""
    errors: list[CheckMessage] = []
    for entry in settings.SCHEDULED_TASKS:
        try:
            name, interval = entry
            load_task(name)
            if not isinstance(interval, dt.timedelta) or interval <= dt.timedelta(0):
                raise ValueError(f"the interval {interval!r} is not a positive timedelta")
        except Exception as error:
            errors.append(
                Error(
                    f"SCHEDULED_TASKS entry {entry!r} cannot be scheduled: {error}",
                    hint='Each entry is ("package.module.task_name", datetime.timedelta(...)).',
                    id="common.E001",
                )
            )
    return errors
