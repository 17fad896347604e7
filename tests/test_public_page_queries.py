"""Each public page runs the same number of queries for one related item as for thirty."""

import datetime as dt

import pytest

from tests.factories import (
    CollectionFactory,
    CollectionMembershipFactory,
    DocumentFactory,
    DomainFactory,
    EventFactory,
    EventFAQFactory,
    InitiativeFactory,
    OrganisationFactory,
    SeriesFactory,
    SessionFactory,
    SessionSpeakerFactory,
    SittingFactory,
    SlotFactory,
    SpeakerFactory,
    ThemeFactory,
)
from tests.query_counts import queries_for

pytestmark = pytest.mark.django_db


def event_with(items: int):
    event = EventFactory()
    event.partners.set(OrganisationFactory.create_batch(items))
    round_ = SlotFactory(event=event)
    plenary = SlotFactory(
        event=event, starts_at=event.starts_at, ends_at=round_.starts_at, kind="plenary"
    )
    plenary.speakers.set(SpeakerFactory.create_batch(items))
    for _ in range(items):
        session = SessionFactory(event=event, theme=ThemeFactory(event=event))
        SittingFactory(session=session, slot=round_)
        SessionSpeakerFactory.create_batch(2, session=session)
        EventFAQFactory(event=event)
    return event


def speaker_with(items: int):
    speaker = SpeakerFactory()
    for _ in range(items):
        SessionSpeakerFactory(speaker=speaker, session=SittingFactory().session)
    return speaker


def initiative_with(items: int):
    initiative = InitiativeFactory(organisation=OrganisationFactory())
    initiative.domains.set(DomainFactory.create_batch(items))
    for _ in range(items):
        SessionFactory().initiatives.add(initiative)
        CollectionMembershipFactory(initiative=initiative)
        DocumentFactory(initiative=initiative, collection=None)
    return initiative


def organisation_with(items: int):
    organisation = OrganisationFactory()
    for _ in range(items):
        EventFactory(organiser=organisation)
        EventFactory().partners.add(organisation)
        SpeakerFactory(organisation=organisation)
        InitiativeFactory(organisation=organisation)
    return organisation


def collection_with(items: int):
    collection = CollectionFactory()
    collection.organisations.set(OrganisationFactory.create_batch(items))
    for _ in range(items):
        CollectionMembershipFactory(
            collection=collection, civil_servant="A. Ambtenaar", initiator="I. Nitiatief"
        )
        DocumentFactory(collection=collection)
    return collection


def session_with(items: int):
    session = SessionFactory(theme=None)
    for number in range(items):
        starts_at = session.event.starts_at + dt.timedelta(minutes=6 * number)
        slot = SlotFactory(
            event=session.event, starts_at=starts_at, ends_at=starts_at + dt.timedelta(minutes=5)
        )
        SittingFactory(session=session, slot=slot)
        SessionSpeakerFactory(session=session)
        session.initiatives.add(InitiativeFactory())
    return session


def series_with(items: int):
    series = EventFactory(series=SeriesFactory()).series
    EventFactory.create_batch(items - 1, series=series)
    return series


@pytest.mark.parametrize(
    "build",
    [
        event_with,
        speaker_with,
        initiative_with,
        organisation_with,
        collection_with,
        session_with,
        series_with,
    ],
    ids=lambda build: build.__name__,
)
def test_query_count_does_not_grow_with_items(client, build):
    one = build(1).get_absolute_url()
    many = build(30).get_absolute_url()

    assert queries_for(client, one) == queries_for(client, many)


@pytest.mark.parametrize("url", ["/", "/agenda/", "/agenda/?places_left=on&q=werk", "/agenda.ics"])
def test_home_agenda_and_feed_query_count_does_not_grow_with_events(client, url):
    def events(count: int) -> None:
        for _ in range(count):
            event = EventFactory(series=SeriesFactory())
            SessionFactory(event=event).initiatives.add(InitiativeFactory())

    events(1)
    one = queries_for(client, url)
    events(29)

    assert queries_for(client, url) == one
