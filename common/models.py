"""The library's own table: when each scheduled job is next due (common/scheduler.py)."""

from django.db import models


class ScheduledJob(models.Model):
    """One row per job of settings.SCHEDULED_TASKS, shared by every worker on every machine.

    The row is the lock: a worker runs a period only after moving `next_run_at` past it with
    one conditional UPDATE, which exactly one of several racing workers can do.
    """

    name = models.CharField(
        primary_key=True, max_length=200, help_text="Import path of the task, e.g. pkg.tasks.job."
    )
    next_run_at = models.DateTimeField(help_text="The job is enqueued once this has passed.")

    class Meta:
        verbose_name = "scheduled job"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
