import pytest

from tests.factories import SessionFactory, SittingFactory, SlotFactory, make_user


@pytest.fixture
def person(db, client):
    attendee = make_user(first_name="Anna", last_name="de Vries")
    client.force_login(attendee)
    return attendee


def sitting_of(event, **kwargs):
    slot = SlotFactory(event=event)
    return SittingFactory(session=SessionFactory(event=event), slot=slot, **kwargs)
