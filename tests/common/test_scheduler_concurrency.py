"""Many workers looking at the schedule at the same moment enqueue each due job once.

Runs on PostgreSQL with real threads, each with its own connection, as workers on several
machines would. A control test claims with a read and a later write instead of one
conditional UPDATE, and shows the double runs that this test exists to catch.
"""

import datetime as dt
import threading
import time

import pytest
from django.db import connection, connections
from django_tasks_db.models import DBTaskResult

from common import scheduler
from common.models import ScheduledJob
from tests.common.queue_helpers import JOB

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs concurrent connections and row locks: run with DATABASE_URL on PostgreSQL",
    ),
]

WORKERS = 12


def run_due_at_once(count: int) -> list[object]:
    """`run_due()` in `count` threads released together; their results or errors."""
    barrier = threading.Barrier(count)
    results: list[object] = [None] * count

    def run(index: int) -> None:
        try:
            barrier.wait()
            results[index] = scheduler.run_due()
        except Exception as error:  # every failure is reported to the test
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.fixture
def schedule(task_queue, settings):
    settings.SCHEDULED_TASKS = [(JOB, dt.timedelta(hours=1))]


def test_concurrent_workers_enqueue_a_new_job_once(schedule):
    results = run_due_at_once(WORKERS)

    assert not [r for r in results if isinstance(r, Exception)]
    assert sorted(map(len, results)) == [0] * (WORKERS - 1) + [1]  # type: ignore[arg-type]
    assert DBTaskResult.objects.filter(task_path=JOB).count() == 1


def test_concurrent_workers_enqueue_a_due_job_once(schedule):
    ScheduledJob.objects.create(name=JOB, next_run_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))

    results = run_due_at_once(WORKERS)

    assert not [r for r in results if isinstance(r, Exception)]
    assert DBTaskResult.objects.filter(task_path=JOB).count() == 1


def test_control_a_claim_that_reads_before_it_writes_runs_the_job_more_than_once(
    schedule, monkeypatch
):
    """Without the condition in the UPDATE every worker that read "due" enqueues."""

    def claim_by_reading_first(entry: scheduler.Schedule, now: dt.datetime) -> bool:
        row = ScheduledJob.objects.get(name=entry.name)
        if row.next_run_at > now:
            return False
        time.sleep(0.2)  # the others read meanwhile, as they may at any moment
        row.next_run_at = now + entry.interval
        row.save()
        return True

    monkeypatch.setattr(scheduler, "claim", claim_by_reading_first)
    ScheduledJob.objects.create(name=JOB, next_run_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))

    run_due_at_once(WORKERS)

    assert DBTaskResult.objects.filter(task_path=JOB).count() > 1
