"""anonymise_participants: old participant lists lose names and addresses, recent ones keep them."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from privacy.tasks import anonymise_participants
from reservations.enums import ReservationStatus
from reservations.models import Reservation
from tests.factories import EventFactory, ReservationFactory, past_event

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("anonymise_participants", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def lists(settings):
    settings.PARTICIPANT_RETENTION_DAYS = 365
    old = past_event(400, includes_meal=True)
    recent = past_event(30)
    upcoming = EventFactory()
    return {
        "old": [
            ReservationFactory(
                event=old, dietary_wishes="vegetarisch", checked_in_at=timezone.now()
            ),
            ReservationFactory(event=old, status=ReservationStatus.CANCELLED),
        ],
        "recent": [ReservationFactory(event=recent)],
        "upcoming": [ReservationFactory(event=upcoming)],
    }


def personal(reservation: Reservation) -> tuple:
    reservation.refresh_from_db()
    return (reservation.user_id, reservation.name, reservation.email, reservation.dietary_wishes)


def test_old_events_are_anonymised_and_recent_ones_untouched(lists):
    recent_before = [personal(r) for r in lists["recent"] + lists["upcoming"]]

    output = run()

    assert "2 reservation(s) of 1 event(s) anonymised" in output
    for reservation in lists["old"]:
        assert personal(reservation) == (None, "", "", "")
    checked_in, cancelled = lists["old"]
    assert checked_in.checked_in_at is not None
    assert checked_in.status == ReservationStatus.CONFIRMED
    assert cancelled.status == ReservationStatus.CANCELLED
    assert [personal(r) for r in lists["recent"] + lists["upcoming"]] == recent_before


def test_a_dry_run_counts_but_changes_nothing(lists):
    before = [personal(r) for r in Reservation.objects.all()]
    output = run("--dry-run")
    assert "2 reservation(s) of 1 event(s) would be anonymised (dry run)" in output
    assert [personal(r) for r in Reservation.objects.all()] == before


def test_a_second_run_finds_nothing_to_do(lists):
    run()
    after_first = [personal(r) for r in Reservation.objects.all()]
    assert "0 reservation(s) of 0 event(s) anonymised" in run()
    assert [personal(r) for r in Reservation.objects.all()] == after_first


def test_the_period_comes_from_the_setting_or_the_option(lists, settings):
    settings.PARTICIPANT_RETENTION_DAYS = 10
    assert "3 reservation(s) of 2 event(s) would be" in run("--dry-run")
    assert "2 reservation(s) of 1 event(s) would be" in run("--dry-run", "--days", "100")


def test_a_negative_period_is_refused(lists):
    with pytest.raises(CommandError):
        run("--days", "-1")
    assert Reservation.objects.filter(user__isnull=True).count() == 0


def test_the_daily_task_anonymises_as_the_command_does(lists, settings):
    """privacy.tasks.anonymise_participants is what the workers run on the schedule."""
    result = anonymise_participants.enqueue()

    assert result.return_value["reservations"] == 2
    assert result.return_value["events"] == 1
    for reservation in lists["old"]:
        assert personal(reservation) == (None, "", "", "")
    assert ("privacy.tasks.anonymise_participants", dt.timedelta(days=1)) in (
        settings.SCHEDULED_TASKS
    )
