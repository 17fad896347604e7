"""A quick smoke test of the benchmark data; `make bench` does the measuring."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count

from events.models import Event
from reservations.enums import ReservationStatus
from sessions.models import SessionSpeaker, Sitting
from tests.query_counts import queries_for

pytestmark = pytest.mark.django_db

# The target for a large conference's event page.
MAX_EVENT_PAGE_QUERIES = 12


def bench_data(sittings: int) -> str:
    out = StringIO()
    call_command("bench_data", sittings=sittings, stdout=out)
    return out.getvalue().strip()


def test_bench_data_builds_a_published_programme_once_and_prints_its_address(client):
    address = bench_data(12)
    again = bench_data(12)

    event = Event.objects.get(slug="bench-12-sittings")
    assert address == again and address.endswith("/evenementen/bench-12-sittings/")
    assert Event.objects.filter(slug__startswith="bench-").count() == 1
    assert event.status == "published"
    assert Sitting.objects.filter(slot__event=event).count() == 12
    assert event.slots.filter(kind="round").count() > 1
    assert event.themes.exists()
    speakers_per_session = (
        SessionSpeaker.objects.filter(session__event=event)
        .values("session")
        .annotate(speakers=Count("pk"))
        .values_list("speakers", flat=True)
    )
    assert set(speakers_per_session) == {2}
    assert event.reservations.filter(status=ReservationStatus.CONFIRMED).exists()
    assert event.sessions.filter(initiatives__isnull=False).exists()
    assert client.get(event.get_absolute_url()).status_code == 200


def test_the_event_page_of_400_sittings_runs_at_most_12_queries(client):
    bench_data(400)
    large = queries_for(client, "/evenementen/bench-400-sittings/")
    bench_data(10)
    small = queries_for(client, "/evenementen/bench-10-sittings/")

    assert large == small
    assert large <= MAX_EVENT_PAGE_QUERIES
