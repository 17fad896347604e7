"""factory_boy factories, and helpers built on them.

Times default to an afternoon a month from now, in Amsterdam.
"""

import datetime as dt
from zoneinfo import ZoneInfo

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils import timezone

from events.enums import EventFormat, EventStatus
from events.models import Event, EventFAQ, Series, Venue
from initiatives.enums import CollectionKind, DocumentKind, LegalForm, OrganisationKind
from initiatives.models import (
    Collection,
    CollectionMembership,
    Document,
    Domain,
    Initiative,
    Organisation,
)
from reservations.enums import MailKind, ReservationStatus
from reservations.models import Reservation, SeatChoice, UndeliveredMail
from sessions.enums import SessionFormat, SlotKind
from sessions.models import Moderator, Session, SessionSpeaker, Sitting, Slot, Speaker, Theme
from teams.enums import Role
from teams.models import Membership

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# The password of the users that sign in with one (`make_user`).
PASSWORD = "Fietsen-door-de-Wijk-2025"


def in_a_month(hour: int, minute: int = 0) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=30)
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=AMSTERDAM)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password("correct horse battery staple")


def make_user(
    email: str = "anna@example.org", *, verified: bool = True, password: str = PASSWORD, **fields
):
    """A user as allauth knows one: the address on the user and as its primary EmailAddress.

    The username is the address's local part: make_user("bert@example.org") is "bert".
    """
    user = UserFactory(username=email.split("@")[0], email=email, password=password, **fields)
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=verified)
    return user


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisatie {n}")
    slug = factory.Sequence(lambda n: f"organisatie-{n}")
    kind = OrganisationKind.MUNICIPALITY
    city = "Zaandam"


class DomainFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Domain

    name = factory.Sequence(lambda n: f"Domein {n}")
    slug = factory.Sequence(lambda n: f"domein-{n}")


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Initiative

    name = factory.Sequence(lambda n: f"Initiatief {n}")
    slug = factory.Sequence(lambda n: f"initiatief-{n}")
    city = "Amsterdam"
    legal_form = LegalForm.COOPERATIVE


class CollectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Collection

    name = factory.Sequence(lambda n: f"Collectie {n}")
    slug = factory.Sequence(lambda n: f"collectie-{n}")
    kind = CollectionKind.INCUBATOR


class CollectionMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CollectionMembership

    collection = factory.SubFactory(CollectionFactory)
    initiative = factory.SubFactory(InitiativeFactory)


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    title = factory.Sequence(lambda n: f"Document {n}")
    slug = factory.Sequence(lambda n: f"document-{n}")
    kind = DocumentKind.STATUTES
    url = "https://example.org/statuten.pdf"
    collection = factory.SubFactory(CollectionFactory)


class SeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Series

    name = factory.Sequence(lambda n: f"Reeks {n}")
    slug = factory.Sequence(lambda n: f"reeks-{n}")


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue

    name = factory.Sequence(lambda n: f"Zaal {n}")
    street_address = "Stadhuisplein 100"
    postcode = "1506 MZ"
    city = "Zaandam"


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"Werkconferentie {n}")
    slug = factory.Sequence(lambda n: f"werkconferentie-{n}")
    organiser = factory.SubFactory(OrganisationFactory)
    starts_at = factory.LazyFunction(lambda: in_a_month(14))
    ends_at = factory.LazyFunction(lambda: in_a_month(18))
    venue = factory.SubFactory(VenueFactory)
    format = EventFormat.ON_SITE
    capacity = 50
    status = EventStatus.PUBLISHED


def past_event(days_ago: int = 30, **kwargs) -> Event:
    """An event of four hours that ended `days_ago` days ago."""
    ends_at = timezone.now() - dt.timedelta(days=days_ago)
    return EventFactory(starts_at=ends_at - dt.timedelta(hours=4), ends_at=ends_at, **kwargs)


class EventFAQFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventFAQ

    event = factory.SubFactory(EventFactory)
    question = factory.Sequence(lambda n: f"Vraag {n}?")
    answer = "Antwoord."


class SlotFactory(factory.django.DjangoModelFactory):
    """A break-out round from 15.00 to 15.45 on the event's day."""

    class Meta:
        model = Slot

    event = factory.SubFactory(EventFactory)
    starts_at = factory.LazyAttribute(lambda slot: slot.event.starts_at + dt.timedelta(hours=1))
    ends_at = factory.LazyAttribute(lambda slot: slot.starts_at + dt.timedelta(minutes=45))
    title = factory.Sequence(lambda n: f"Ronde {n}")
    kind = SlotKind.ROUND


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    event = factory.SubFactory(EventFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Thema {n}")


class SpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Speaker

    name = factory.Sequence(lambda n: f"Spreker {n}")
    slug = factory.Sequence(lambda n: f"spreker-{n}")
    title = "wijkmanager"
    organisation = factory.SubFactory(OrganisationFactory)


class ModeratorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Moderator

    event = factory.SubFactory("tests.factories.EventFactory")
    speaker = factory.SubFactory(SpeakerFactory)


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    event = factory.SubFactory(EventFactory)
    code = factory.Sequence(lambda n: f"{n}a")
    title = factory.Sequence(lambda n: f"Tafelsessie {n}")
    slug = factory.Sequence(lambda n: f"tafelsessie-{n}")
    format = SessionFormat.TABLE


class SessionSpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SessionSpeaker

    session = factory.SubFactory(SessionFactory)
    speaker = factory.SubFactory(SpeakerFactory)


class SittingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sitting

    session = factory.SubFactory(SessionFactory)
    slot = factory.LazyAttribute(lambda sitting: SlotFactory(event=sitting.session.event))
    capacity = 10


class ReservationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reservation

    event = factory.SubFactory(EventFactory)
    user = factory.SubFactory(UserFactory)
    name = factory.LazyAttribute(lambda reservation: reservation.user.username.title())
    email = factory.LazyAttribute(lambda reservation: reservation.user.email)
    status = ReservationStatus.CONFIRMED


class SeatChoiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SeatChoice

    sitting = factory.SubFactory(SittingFactory)
    reservation = factory.LazyAttribute(
        lambda choice: ReservationFactory(event=choice.sitting.slot.event)
    )
    slot = factory.LazyAttribute(lambda choice: choice.sitting.slot)


class MembershipFactory(factory.django.DjangoModelFactory):
    """A staff user working for an organisation, as editor unless told otherwise."""

    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory, is_staff=True)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.EDITOR


class UndeliveredMailFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UndeliveredMail

    reservation = factory.SubFactory(ReservationFactory)
    kind = MailKind.CONFIRMED
    error = "[Errno 111] Connection refused"
