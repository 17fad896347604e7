"""Anonymise the participant lists of events that ended longer ago than the retention period.

The task workers run the same daily (privacy.tasks, settings.SCHEDULED_TASKS); run it by hand
for a dry run or another period. It is idempotent: what is anonymised stays so, and a second
run finds nothing to do.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from privacy.services import PrivacyError, anonymise_past_participants


class Command(BaseCommand):
    help = (
        "Blank names, e-mail addresses, dietary wishes and accounts of the reservations of "
        "events that ended more than PARTICIPANT_RETENTION_DAYS days ago."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=settings.PARTICIPANT_RETENTION_DAYS,
            help="Retention period in days (default: PARTICIPANT_RETENTION_DAYS, %(default)s).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Only count what would be anonymised."
        )

    def handle(self, *args, days: int, dry_run: bool, **options) -> None:
        try:
            result = anonymise_past_participants(retention_days=days, dry_run=dry_run)
        except PrivacyError as error:
            raise CommandError(error.message) from None
        verb = "would be anonymised (dry run)" if dry_run else "anonymised"
        self.stdout.write(
            f"Events that ended before {result.cutoff:%Y-%m-%d %H:%M %Z}: "
            f"{result.reservations} reservation(s) of {result.events} event(s) {verb}."
        )
