"""Scheduled jobs: each due period is enqueued once, whoever asks and however often."""

import datetime as dt
import threading
import time

import pytest
from django.core.management import call_command
from django.db import OperationalError
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from common import scheduler
from common.models import ScheduledJob
from tests.common.queue_helpers import JOB, NOT_A_TASK, OTHER, other_job

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)
HOUR = dt.timedelta(hours=1)
T0 = dt.datetime(2026, 12, 3, 12, 0, tzinfo=dt.UTC)
# The worker closes and reopens connections between tasks, as db_worker does: no test
# transaction can span that.
outside_a_test_transaction = pytest.mark.django_db(transaction=True)


@pytest.fixture
def queued(task_queue):
    """How many times a task was enqueued."""

    def count(name: str = JOB) -> int:
        return DBTaskResult.objects.filter(task_path=name).count()

    return count


def test_a_job_seen_for_the_first_time_is_enqueued_at_once(settings, queued):
    settings.SCHEDULED_TASKS = [(JOB, DAY), (OTHER, HOUR)]

    assert scheduler.run_due(now=T0) == [JOB, OTHER]

    assert queued(JOB) == 1
    assert queued(OTHER) == 1
    assert ScheduledJob.objects.get(name=JOB).next_run_at == T0 + DAY


def test_asking_again_within_the_period_enqueues_nothing(settings, queued):
    settings.SCHEDULED_TASKS = [(JOB, DAY)]
    scheduler.run_due(now=T0)

    assert scheduler.run_due(now=T0) == []
    assert scheduler.run_due(now=T0 + DAY - dt.timedelta(seconds=1)) == []
    assert queued() == 1


def test_a_job_runs_again_once_its_interval_has_passed(settings, queued):
    settings.SCHEDULED_TASKS = [(JOB, DAY)]
    scheduler.run_due(now=T0)

    assert scheduler.run_due(now=T0 + DAY) == [JOB]
    assert scheduler.run_due(now=T0 + DAY + HOUR) == []
    assert queued() == 2


def test_periods_missed_while_no_worker_ran_give_one_run_not_a_burst(settings, queued):
    settings.SCHEDULED_TASKS = [(JOB, HOUR)]
    scheduler.run_due(now=T0)

    assert scheduler.run_due(now=T0 + 10 * HOUR) == [JOB]
    assert scheduler.run_due(now=T0 + 10 * HOUR) == []
    assert queued() == 2


def test_a_shortened_interval_takes_effect_at_once(settings, queued):
    """The next run comes one new interval after a worker first sees the new setting, not
    at the end of the old, longer period."""
    settings.SCHEDULED_TASKS = [(JOB, DAY)]
    scheduler.run_due(now=T0)

    settings.SCHEDULED_TASKS = [(JOB, HOUR)]
    seen = T0 + dt.timedelta(minutes=30)
    assert scheduler.run_due(now=seen) == []
    assert scheduler.run_due(now=seen + HOUR - dt.timedelta(seconds=1)) == []
    assert scheduler.run_due(now=seen + HOUR) == [JOB]
    assert queued() == 2


def test_a_lengthened_interval_applies_from_the_next_run(settings, queued):
    settings.SCHEDULED_TASKS = [(JOB, HOUR)]
    scheduler.run_due(now=T0)

    settings.SCHEDULED_TASKS = [(JOB, DAY)]
    assert scheduler.run_due(now=T0 + HOUR) == [JOB]
    assert scheduler.run_due(now=T0 + 2 * HOUR) == []
    assert ScheduledJob.objects.get(name=JOB).next_run_at == T0 + HOUR + DAY


def test_a_job_added_to_the_settings_later_is_enqueued_at_once(settings, queued):
    settings.SCHEDULED_TASKS = [(JOB, DAY)]
    scheduler.run_due(now=T0)

    settings.SCHEDULED_TASKS = [(JOB, DAY), (OTHER, DAY)]
    assert scheduler.run_due(now=T0 + HOUR) == [OTHER]


def test_a_broken_entry_keeps_its_period_open_and_does_not_stop_the_others(settings, queued):
    """The claim and the enqueue commit together: a failure between them loses no run."""
    broken = NOT_A_TASK
    settings.SCHEDULED_TASKS = [(broken, HOUR), (JOB, HOUR)]

    assert scheduler.run_due(now=T0) == [JOB]

    assert ScheduledJob.objects.get(name=broken).next_run_at == T0  # still due
    assert queued(broken) == 0


def test_an_enqueue_that_fails_after_the_claim_rolls_the_claim_back(settings, queued, monkeypatch):
    settings.SCHEDULED_TASKS = [(JOB, HOUR)]

    def queue_down(name):
        raise ConnectionError("the queue is not there")

    monkeypatch.setattr(scheduler, "load_task", queue_down)
    assert scheduler.run_due(now=T0) == []
    monkeypatch.undo()

    assert scheduler.run_due(now=T0 + dt.timedelta(seconds=30)) == [JOB]
    assert queued() == 1


def test_the_task_runs_where_the_backend_runs_it(settings):
    """With the immediate backend of the tests the enqueued job has run when run_due returns."""
    settings.SCHEDULED_TASKS = [("common.tasks.prune_finished_tasks", DAY)]

    assert scheduler.run_due() == ["common.tasks.prune_finished_tasks"]


def test_the_shipped_schedule_passes_its_check():
    assert scheduler.check_schedule() == []


@pytest.mark.parametrize(
    "entry",
    [
        (NOT_A_TASK, DAY),
        ("tests.common.queue_helpers.no_such_thing", DAY),
        (JOB, dt.timedelta(0)),
        (JOB, 3600),
        (JOB,),
    ],
)
def test_a_schedule_entry_that_cannot_run_fails_the_system_check(settings, entry):
    settings.SCHEDULED_TASKS = [entry]

    [error] = scheduler.check_schedule()

    assert error.id == "common.E001"


@outside_a_test_transaction
def test_run_worker_enqueues_what_is_due_and_runs_it(settings, queued):
    settings.SCHEDULED_TASKS = [(JOB, DAY)]

    call_command(
        "run_worker", "--batch", "--no-reload", "--no-startup-delay", "--schedule-every", "3600"
    )

    [result] = DBTaskResult.objects.filter(task_path=JOB)
    assert result.status == "SUCCESSFUL"
    assert result.return_value == "done"
    assert ScheduledJob.objects.get(name=JOB).next_run_at > timezone.now() + HOUR


@outside_a_test_transaction
def test_run_worker_with_the_scheduler_off_only_runs_tasks(settings, queued):
    settings.SCHEDULED_TASKS = [(JOB, DAY)]
    other_job.enqueue()

    call_command(
        "run_worker", "--batch", "--no-reload", "--no-startup-delay", "--schedule-every", "0"
    )

    assert queued(JOB) == 0
    assert DBTaskResult.objects.get(task_path=OTHER).status == "SUCCESSFUL"


@outside_a_test_transaction
def test_the_scheduler_thread_outlives_a_failed_round(settings, queued, monkeypatch):
    """The database away for a moment must not end scheduling for the worker's lifetime."""
    settings.SCHEDULED_TASKS = [(JOB, DAY)]
    rounds = []
    real_run_due = scheduler.run_due

    def flaky_run_due():
        rounds.append(len(rounds))
        if len(rounds) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return real_run_due()

    monkeypatch.setattr(scheduler, "run_due", flaky_run_due)
    stopped = threading.Event()
    thread = threading.Thread(target=scheduler.run_every, args=(0.01, stopped))
    thread.start()
    deadline = time.monotonic() + 10
    while queued() == 0 and time.monotonic() < deadline:
        time.sleep(0.01)
    stopped.set()
    thread.join(timeout=10)

    assert len(rounds) >= 2
    assert queued() == 1
