"""`manage.py run_worker` as deployed: its own process, stopped with SIGTERM at a deploy."""

import signal
import subprocess
import sys
import time

import pytest

from tests.cooperatieve_stad.test_settings import ROOT, process_environment, run_django


@pytest.fixture(scope="module")
def database(tmp_path_factory) -> dict[str, str]:
    """A migrated SQLite file that the test and the worker process share."""
    folder = tmp_path_factory.mktemp("worker")
    environment = {"DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}"}
    result = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input", "-v0"],
        cwd=ROOT,
        env=process_environment(**environment),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return environment


def task_states(database: dict[str, str]) -> str:
    result = run_django(
        "from django_tasks_db.models import DBTaskResult; "
        "print(sorted(DBTaskResult.objects.values_list('task_path', 'status')))",
        **database,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_sigterm_lets_the_running_task_finish_and_the_worker_exit_cleanly(database):
    queued = run_django(
        "from tests.common.queue_helpers import nap; nap.enqueue(seconds=5)", **database
    )
    assert queued.returncode == 0, queued.stderr
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "run_worker", "--no-reload", "--no-startup-delay"],
        cwd=ROOT,
        env=process_environment(**database),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while "('tests.common.queue_helpers.nap', 'RUNNING')" not in task_states(database):
            assert time.monotonic() < deadline, "the worker never took the task"
            time.sleep(0.2)
        worker.send_signal(signal.SIGTERM)
        output, _ = worker.communicate(timeout=30)
    finally:
        worker.kill()

    assert worker.returncode == 0, output
    assert "shutting down gracefully" in output
    states = task_states(database)
    assert "('tests.common.queue_helpers.nap', 'SUCCESSFUL')" in states
    # The scheduler enqueued the shipped jobs at start; queued after the nap, they are left
    # waiting for the next worker rather than started after the signal.
    assert "('common.tasks.prune_finished_tasks', 'READY')" in states
    assert "('privacy.tasks.anonymise_participants', 'READY')" in states
