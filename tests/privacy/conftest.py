import datetime as dt

import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone

from tests.factories import EventFactory, SessionFactory, SittingFactory, SlotFactory, UserFactory

PASSWORD = "Fietsen-door-de-Wijk-2025"


def make_person(username: str = "anna", **kwargs):
    """An attendee as allauth knows one: the address on the user and as its EmailAddress."""
    person = UserFactory(
        username=username, email=f"{username}@example.org", password=PASSWORD, **kwargs
    )
    EmailAddress.objects.create(user=person, email=person.email, primary=True, verified=True)
    return person


@pytest.fixture
def person(db, client):
    attendee = make_person(first_name="Anna", last_name="de Vries")
    client.force_login(attendee)
    return attendee


def past_event(days_ago: int, **kwargs):
    """An event that ended `days_ago` days ago."""
    ends_at = timezone.now() - dt.timedelta(days=days_ago)
    return EventFactory(starts_at=ends_at - dt.timedelta(hours=4), ends_at=ends_at, **kwargs)


def sitting_of(event, **kwargs):
    slot = SlotFactory(event=event)
    return SittingFactory(session=SessionFactory(event=event), slot=slot, **kwargs)
