"""The queue's backlog for monitoring: `manage.py queue_status` and `/healthz/queue`."""

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from common.task_queue import queue_status
from tests.common.queue_helpers import queued

pytestmark = pytest.mark.django_db

MINUTE = dt.timedelta(minutes=1)


@pytest.fixture
def database_queue(task_queue, settings):
    """Tasks wait in the database; a due task may wait five minutes."""
    settings.QUEUE_MAX_WAIT_SECONDS = 300
    return task_queue


@pytest.fixture
def backlog(database_queue):
    now = timezone.now()
    queued(enqueued_at=now - 10 * MINUTE)  # waiting ten minutes
    queued(enqueued_at=now - 1 * MINUTE)
    queued(enqueued_at=now - 60 * MINUTE, run_after=now - 2 * MINUTE)  # due two minutes ago
    queued(run_after=now + 60 * MINUTE)  # deferred
    queued(status="FAILED", finished_at=now - 30 * MINUTE)
    queued(status="FAILED", finished_at=now - 2 * 60 * MINUTE)  # too long ago to count
    queued(status="RUNNING", started_at=now - 20 * MINUTE)
    queued(status="RUNNING", started_at=now - 1 * MINUTE)
    queued(status="SUCCESSFUL", finished_at=now - 1 * MINUTE)
    return now


def test_the_figures_count_and_age_the_backlog(backlog):
    status = queue_status(now=backlog)

    assert status.ready == 3
    assert status.deferred == 1
    assert status.oldest_due_seconds == 600.0
    assert status.failed_last_hour == 1
    assert status.running == 2
    assert status.running_too_long == 1
    assert not status.healthy


def test_an_empty_queue_is_healthy(database_queue):
    status = queue_status()

    assert (status.ready, status.oldest_due_seconds, status.healthy) == (0, None, True)


def test_a_deferred_task_is_not_late_before_its_time(database_queue):
    queued(enqueued_at=timezone.now() - 60 * MINUTE, run_after=timezone.now() + MINUTE)

    assert queue_status().healthy


def run(*args: str) -> str:
    out = StringIO()
    call_command("queue_status", *args, stdout=out)
    return out.getvalue()


def test_queue_status_prints_the_figures_and_fails_when_a_task_waits_too_long(backlog):
    with pytest.raises(CommandError, match="waited 6"):
        run()


def test_queue_status_passes_within_its_threshold(backlog):
    output = run("--max-wait", "900")

    assert "ready (due, waiting): 3" in output
    assert "oldest due task waiting: 6" in output
    assert "failed in the last 60 min: 1" in output


def test_queue_status_as_json(database_queue):
    queued(enqueued_at=timezone.now() - MINUTE)

    figures = json.loads(run("--json"))

    assert figures["ready"] == 1
    assert figures["healthy"] is True


FIGURES = {
    "ready",
    "deferred",
    "oldest_due_seconds",
    "failed_last_hour",
    "running",
    "running_too_long",
    "max_wait_seconds",
    "healthy",
}


def test_the_endpoint_answers_200_with_counts_and_ages_only(client, database_queue):
    queued(enqueued_at=timezone.now() - MINUTE, args_kwargs={"args": ["a@b.nl"], "kwargs": {}})

    response = client.get("/healthz/queue")

    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]
    figures = response.json()
    assert set(figures) == FIGURES
    assert figures["ready"] == 1
    assert b"a@b.nl" not in response.content
    assert b"queue_helpers" not in response.content  # no task names either


def test_the_endpoint_answers_503_when_a_due_task_waits_too_long(client, backlog):
    response = client.get("/healthz/queue")

    assert response.status_code == 503
    assert response.json()["healthy"] is False


def test_the_endpoint_refuses_writes(client, database_queue):
    assert client.post("/healthz/queue").status_code == 405
