"""Two organisations with an event each, and one user for every role around them.

Everything of organisation "Alfa" carries "Alfa" in its name, everything of "Bravo" carries
"Bravo", so a page can be searched for the other organisation's names.
"""

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import AbstractBaseUser

from events.enums import EventStatus
from events.models import Event, EventFAQ
from reservations.models import Reservation, UndeliveredMail
from sessions.models import Session, Sitting, Slot, Speaker, Theme
from teams.enums import Role
from tests.factories import (
    EventFactory,
    EventFAQFactory,
    MembershipFactory,
    OrganisationFactory,
    ReservationFactory,
    SeatChoiceFactory,
    SessionFactory,
    SessionSpeakerFactory,
    SittingFactory,
    SpeakerFactory,
    ThemeFactory,
    UndeliveredMailFactory,
    UserFactory,
)


@dataclass
class Programme:
    event: Event
    theme: Theme
    session: Session
    slot: Slot
    sitting: Sitting
    speaker: Speaker
    faq: EventFAQ
    reservation: Reservation
    undelivered_mail: UndeliveredMail


def programme(name: str, status: str = EventStatus.PUBLISHED) -> Programme:
    organisation = OrganisationFactory(name=f"{name} Organisatie", slug=name.lower())
    event = EventFactory(
        title=f"{name} Conferentie", slug=f"{name.lower()}-conferentie", organiser=organisation
    )
    if status != EventStatus.PUBLISHED:
        Event.objects.filter(pk=event.pk).update(status=status)
        event.refresh_from_db()
    theme = ThemeFactory(event=event, title=f"{name} Thema")
    session = SessionFactory(event=event, theme=theme, title=f"{name} Tafel", code=name[0])
    sitting = SittingFactory(session=session)
    speaker = SpeakerFactory(
        name=f"{name} Spreker", organisation=organisation, managed_by=organisation
    )
    SessionSpeakerFactory(session=session, speaker=speaker)
    reservation = ReservationFactory(event=event, name=f"{name} Deelnemer")
    SeatChoiceFactory(reservation=reservation, sitting=sitting)
    return Programme(
        event=event,
        theme=theme,
        session=session,
        slot=sitting.slot,
        sitting=sitting,
        speaker=speaker,
        faq=EventFAQFactory(event=event, question=f"{name} vraag?"),
        reservation=reservation,
        undelivered_mail=UndeliveredMailFactory(reservation=reservation),
    )


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # Six users per test: the production hasher would spend seconds on them.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def ours(db) -> Programme:
    return programme("Alfa", status=EventStatus.DRAFT)


@pytest.fixture
def theirs(db) -> Programme:
    return programme("Bravo", status=EventStatus.DRAFT)


def member(programme: Programme, role: str) -> AbstractBaseUser:
    return MembershipFactory(organisation=programme.event.organiser, role=role).user


@pytest.fixture
def users(ours, theirs) -> dict[str, AbstractBaseUser | None]:
    """One user per role; "anonymous" is None."""
    return {
        "editor": member(ours, Role.EDITOR),
        "other_editor": member(theirs, Role.EDITOR),
        "host": member(ours, Role.HOST),
        "staff": UserFactory(is_staff=True),
        "anonymous": None,
        "superuser": UserFactory(is_staff=True, is_superuser=True),
    }


ROLES = ["editor", "other_editor", "host", "staff", "anonymous", "superuser"]


@pytest.fixture
def login(client, users):
    def as_role(role: str):
        if users[role] is not None:
            client.force_login(users[role])
        return client

    return as_role
