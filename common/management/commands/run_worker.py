"""`manage.py run_worker`: a task worker that also enqueues the scheduled jobs.

It is django-tasks-db's `db_worker` (same options, same loop, same signal handling: on
SIGTERM or Ctrl-C it finishes the task it is running, then exits) with a scheduler thread
beside it that calls `common.scheduler.run_due()` every `--schedule-every` seconds. Run as
many as the load needs, on as many machines: the queue hands each task to one worker
(SKIP LOCKED on PostgreSQL) and the scheduler's claims let one worker enqueue each run.
"""

import os
import threading
from argparse import ArgumentParser, ArgumentTypeError
from typing import Any

from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands import db_worker

from common import scheduler


def seconds(value: str) -> float:
    number = float(value)
    if not number >= 0 or number == float("inf"):
        raise ArgumentTypeError("must be a finite number of seconds, 0 or more")
    return number


class Command(db_worker.Command):
    help = (
        "Run a database task worker that also enqueues the jobs of settings.SCHEDULED_TASKS "
        "when they are due."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--schedule-every",
            type=seconds,
            default=30,
            help="Seconds between two looks at the schedule; 0 turns the scheduler off in "
            "this worker (default: %(default)s).",
        )

    def handle(self, **options: Any) -> None:
        schedule_every: float = options.pop("schedule_every")
        stopped = threading.Event()
        if schedule_every and self.runs_the_tasks_here(options):
            self.configure_logging(options["verbosity"])
            scheduler.run_due()  # what is due now is queued before the first task is taken
            threading.Thread(
                target=scheduler.run_every,
                args=(schedule_every, stopped),
                name="scheduler",
                daemon=True,  # dies with the worker; an open claim then rolls back
            ).start()
        try:
            super().handle(**options)
        finally:
            stopped.set()

    @staticmethod
    def runs_the_tasks_here(options: dict[str, Any]) -> bool:
        """With --reload this process only watches the files and restarts a child that
        runs the worker; that child, not the watcher, schedules."""
        reloading = options["reload"] and not options["batch"]
        return not reloading or os.environ.get(DJANGO_AUTORELOAD_ENV) == "true"
