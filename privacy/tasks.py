"""Privacy's scheduled job: the retention period of participant lists, applied daily by the
task workers (settings.SCHEDULED_TASKS) instead of cron."""

from django.conf import settings
from django_tasks import task

from privacy.services import anonymise_past_participants


@task()
def anonymise_participants() -> dict[str, int | str]:
    """What `manage.py anonymise_participants` does with its defaults: blank the reservations
    of events that ended more than PARTICIPANT_RETENTION_DAYS ago. The figures are kept in
    the task's result (counts only, nothing personal)."""
    result = anonymise_past_participants(retention_days=settings.PARTICIPANT_RETENTION_DAYS)
    return {
        "cutoff": result.cutoff.isoformat(),
        "events": result.events,
        "reservations": result.reservations,
    }
