"""A smoke test of bench_reservations at a tiny size; `make bench` does the measuring."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection

from events.models import Event
from reservations.models import Reservation


# Transactional: each client process has a connection of its own and must see the others' commits.
@pytest.mark.django_db(transaction=True)
def test_bench_reservations_counts_right_and_times_the_lock_and_deletes_its_data():
    if connection.vendor != "postgresql":
        with pytest.raises(CommandError, match="PostgreSQL"):
            call_command("bench_reservations", clients=2, people=6, sittings=2)
        return
    out = StringIO()

    call_command("bench_reservations", clients=2, people=6, sittings=2, stdout=out)

    report = out.getvalue()
    assert "reservations           6 in" in report
    assert "errors                 none" in report
    assert "Counts verified: nothing overbooked." in report
    assert "lock held median / p95" in report and "reference: locked update" in report
    # The page cache hears of each reservation once, after its commit.
    assert "availability bumps     0.00 in the lock, 1.00 after it" in report
    assert not Event.objects.filter(slug="bench-reservations").exists()
    assert not Reservation.objects.filter(event__slug="bench-reservations").exists()
    assert not get_user_model().objects.filter(username__startswith="bench-reservations-").exists()


def test_bench_reservations_refuses_sizes_that_cannot_work(db):
    if connection.vendor != "postgresql":
        pytest.skip("the command runs on PostgreSQL only")
    with pytest.raises(CommandError, match="as many people as clients"):
        call_command("bench_reservations", clients=4, people=2)
