"""The demo's organisers manage their own speakers, venues and series, so that a demo editor
may keep them up to date in the admin (an editor changes only what their organisation manages)."""

import io

import pytest
from django.core.management import call_command

from events.models import Event
from sessions.models import Speaker

pytestmark = pytest.mark.django_db


def test_every_demo_speaker_venue_and_series_has_a_manager():
    call_command("load_demo", stdout=io.StringIO())

    events = Event.objects.select_related("venue", "series", "organiser")
    assert not Speaker.objects.filter(managed_by__isnull=True).exists()
    for event in events:
        if event.venue:
            assert event.venue.managed_by is not None, event
        if event.series:
            assert event.series.managed_by is not None, event
        assert event.organiser.managed_by == event.organiser, event
    speaker = Speaker.objects.get(name="Jan van Ginkel")
    organisers = set(
        Event.objects.filter(sessions__speakers=speaker).values_list("organiser", flat=True)
    )
    assert speaker.managed_by_id in organisers
