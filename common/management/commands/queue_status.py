"""`manage.py queue_status`: the task queue's backlog, as a monitoring probe.

Prints the figures of `common.task_queue.queue_status()` and exits with status 1 when the
oldest due task has waited longer than `--max-wait` seconds (the workers are down, stuck or
too few), so that a monitoring agent can run it every minute and alert on a failure.
"""

import datetime as dt
import json
from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from common.task_queue import FAILED_WITHIN, RUNNING_TOO_LONG, queue_status


def minutes(period: dt.timedelta) -> str:
    return f"{period.total_seconds() / 60:.0f} min"


class Command(BaseCommand):
    help = (
        "Show the task queue's backlog; exit 1 when the oldest due task has waited longer "
        "than --max-wait seconds."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--max-wait",
            type=int,
            default=settings.QUEUE_MAX_WAIT_SECONDS,
            help="Seconds a due task may wait (default: QUEUE_MAX_WAIT_SECONDS, %(default)s).",
        )
        parser.add_argument(
            "--json", action="store_true", dest="as_json", help="Print the figures as JSON."
        )

    def handle(self, *args: Any, max_wait: int, as_json: bool, **options: Any) -> None:
        status = queue_status(max_wait_seconds=max_wait)
        if as_json:
            self.stdout.write(json.dumps(status.as_dict()))
        else:
            oldest = (
                "none" if status.oldest_due_seconds is None else f"{status.oldest_due_seconds} s"
            )
            self.stdout.write(
                f"ready (due, waiting): {status.ready}\n"
                f"deferred (run later): {status.deferred}\n"
                f"oldest due task waiting: {oldest} (limit {status.max_wait_seconds} s)\n"
                f"failed in the last {minutes(FAILED_WITHIN)}: {status.failed_last_hour}\n"
                f"running: {status.running}, of which started over {minutes(RUNNING_TOO_LONG)} ago: "
                f"{status.running_too_long}"
            )
        if not status.healthy:
            raise CommandError(
                f"The oldest due task has waited {status.oldest_due_seconds} s, longer than "
                f"{status.max_wait_seconds} s: are the workers (manage.py run_worker) running?"
            )
