"""Tasks and task rows for the tests of the scheduler, the worker and the queue's figures."""

import time

from django_tasks import task
from django_tasks_db.models import DBTaskResult

JOB = "tests.common.queue_helpers.job"
OTHER = "tests.common.queue_helpers.other_job"
NOT_A_TASK = "tests.common.queue_helpers.not_a_task"


@task()
def job() -> str:
    return "done"


@task()
def other_job() -> str:
    return "done too"


def not_a_task() -> None:
    """A plain function: the worker could not run it."""


def queued(**fields) -> DBTaskResult:
    """A task row as the workers would leave it: queued, then changed by `fields`."""
    result = job.enqueue()
    DBTaskResult.objects.filter(pk=result.id).update(**fields)
    return DBTaskResult.objects.get(pk=result.id)


@task()
def nap(seconds: float) -> str:
    """A task that takes a while, to be interrupted."""
    time.sleep(seconds)
    return "rested"
