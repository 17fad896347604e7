"""How the task queue is doing, in counts and ages only: for `manage.py queue_status` and
`/healthz/queue`. The one figure that says whether the workers keep up is the age of the
oldest task that is due and still waiting: it grows when workers are missing, stuck or too
few, whatever the cause."""

import datetime as dt
from dataclasses import asdict, dataclass

from django.conf import settings
from django.db.models import Case, Count, F, Min, Q, When
from django.db.models.functions import Greatest
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

FAILED_WITHIN = dt.timedelta(hours=1)
RUNNING_TOO_LONG = dt.timedelta(minutes=10)


@dataclass(frozen=True)
class QueueStatus:
    ready: int  # due and waiting for a worker
    deferred: int  # waiting for their run_after
    oldest_due_seconds: float | None  # how long the longest-waiting due task has waited
    failed_last_hour: int
    running: int
    running_too_long: int  # started more than RUNNING_TOO_LONG ago and not finished
    max_wait_seconds: int  # the threshold (settings.QUEUE_MAX_WAIT_SECONDS)

    @property
    def healthy(self) -> bool:
        """False when a due task has waited longer than the threshold."""
        return self.oldest_due_seconds is None or self.oldest_due_seconds <= self.max_wait_seconds

    def as_dict(self) -> dict[str, object]:
        return {**asdict(self), "healthy": self.healthy}


def queue_status(
    *, now: dt.datetime | None = None, max_wait_seconds: int | None = None
) -> QueueStatus:
    """The figures of every task row, in one query."""
    now = now or timezone.now()
    never = get_date_max()  # django-tasks-db's run_after of a task that was not deferred
    waiting = Q(status=TaskResultStatus.READY)
    due = waiting & (Q(run_after=never) | Q(run_after__lte=now))
    running = Q(status=TaskResultStatus.RUNNING)
    # A task is due from when it was queued, or from its run_after when it was deferred.
    due_since = Case(
        When(run_after=never, then=F("enqueued_at")),
        default=Greatest("enqueued_at", "run_after"),
    )
    figures = DBTaskResult.objects.aggregate(
        ready=Count("pk", filter=due),
        deferred=Count("pk", filter=waiting & ~Q(run_after=never) & Q(run_after__gt=now)),
        oldest=Min(due_since, filter=due),
        failed_last_hour=Count(
            "pk",
            filter=Q(status=TaskResultStatus.FAILED, finished_at__gte=now - FAILED_WITHIN),
        ),
        running=Count("pk", filter=running),
        running_too_long=Count("pk", filter=running & Q(started_at__lt=now - RUNNING_TOO_LONG)),
    )
    oldest = figures.pop("oldest")
    return QueueStatus(
        **figures,
        oldest_due_seconds=round((now - oldest).total_seconds(), 1) if oldest else None,
        max_wait_seconds=(
            settings.QUEUE_MAX_WAIT_SECONDS if max_wait_seconds is None else max_wait_seconds
        ),
    )
