"""Every model's get_absolute_url leads to a page; draft events stay invisible."""

import pytest

from events.enums import EventStatus
from tests.factories import (
    CollectionMembershipFactory,
    DocumentFactory,
    EventFactory,
    SeriesFactory,
    SessionSpeakerFactory,
    SittingFactory,
)

pytestmark = pytest.mark.django_db


def test_every_absolute_url_answers(client):
    series = SeriesFactory()
    event = EventFactory(series=series)
    sitting = SittingFactory(session__event=event, room="Zaal 1")
    role = SessionSpeakerFactory(session=sitting.session)
    membership = CollectionMembershipFactory()
    document = DocumentFactory(collection=membership.collection)
    pages = {
        event: event.title,
        series: event.title,
        sitting.session: role.speaker.name,
        role.speaker: sitting.session.title,
        role.speaker.organisation: role.speaker.name,
        membership.initiative: membership.collection.name,
        membership.collection: membership.initiative.name,
        document: document.title,
    }

    for obj, expected in pages.items():
        response = client.get(obj.get_absolute_url())
        assert response.status_code == 200, obj
        assert expected in response.content.decode(), obj


def test_draft_event_and_its_sessions_are_not_found(client):
    sitting = SittingFactory(session__event__status=EventStatus.DRAFT)
    role = SessionSpeakerFactory(session=sitting.session)

    assert client.get(sitting.session.event.get_absolute_url()).status_code == 404
    assert client.get(sitting.session.get_absolute_url()).status_code == 404
    assert sitting.session.title not in client.get(role.speaker.get_absolute_url()).content.decode()


def test_unknown_slug_is_not_found(client):
    assert client.get("/evenementen/bestaat-niet/").status_code == 404
    assert client.get("/initiatieven/bestaat-niet/").status_code == 404


def test_cancelled_event_says_so(client):
    event = EventFactory(status=EventStatus.CANCELLED)

    assert "geannuleerd" in client.get(event.get_absolute_url()).content.decode()
