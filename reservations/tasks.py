"""Reservations' scheduled jobs, run by the task workers (settings.SCHEDULED_TASKS).

The delivery of each mail is a task too, defined beside the code that queues it
(reservations.outbox: deliver_mail, dispatch_mailing, recover_stalled_mails), because the
outbox enqueues its own tasks.
"""

from django_tasks import task

from reservations.reminders import queue_due_reminders


@task()
def queue_reminders() -> int:
    """Queue the reminders that are due (every few minutes); the number of mailings made."""
    return len(queue_due_reminders())
