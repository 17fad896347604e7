"""Benchmark data: a published conference with N sittings, as large conferences have.

    python manage.py bench_data --sittings 400

Creates (once; running it again with the same N changes nothing) the event
``bench-<N>-sittings`` with plenary parts, several break-out rounds, themes, one session per
sitting with two speakers each, featured initiatives, FAQ entries and confirmed reservations
with seat choices, and prints its address. The speakers, organisations and initiatives are
shared by every benchmark event. ``--delete`` removes the event again.
"""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from common.page_cache import availability_changed, content_changed
from events.enums import EventStatus
from events.models import Event, EventFAQ, Venue
from initiatives.models import Domain, Initiative, Organisation
from reservations.enums import ReservationStatus
from reservations.models import Reservation, SeatChoice
from sessions.enums import SlotKind
from sessions.models import Moderator, Session, SessionSpeaker, Sitting, Slot, Speaker, Theme

PREFIX = "bench"
ROUNDS = 4
SESSIONS_PER_THEME = 10
SEATS_PER_SITTING = 20
ORGANISATIONS = 40
INITIATIVES = 60
DOMAINS = ("energie", "voedsel", "zorg", "wonen", "circulair", "democratie")


def event_slug(sittings: int) -> str:
    return f"{PREFIX}-{sittings}-sittings"


class Command(BaseCommand):
    help = "Create (once) a published benchmark event with N sittings and print its address."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--sittings", type=int, default=400, help="sittings in all rounds")
        parser.add_argument("--delete", action="store_true", help="remove the event instead")

    def handle(self, *args, sittings: int, delete: bool, **options) -> None:
        if sittings < 1:
            raise CommandError("Need at least one sitting.")
        slug = event_slug(sittings)
        if delete:
            delete_event(slug)
            self.stdout.write(f"Deleted {slug}.")
            return
        event = Event.objects.filter(slug=slug).first()
        if event is None:
            event = build_event(slug, sittings)
        self.stdout.write(settings.SITE_URL + event.get_absolute_url())


def delete_event(slug: str) -> None:
    with transaction.atomic():
        # Reservations protect their event; seat choices go with them.
        Reservation.objects.filter(event__slug=slug).delete()
        Event.objects.filter(slug=slug).delete()
    content_changed()


@transaction.atomic
def build_event(slug: str, sitting_count: int) -> Event:
    organisations = shared_organisations()
    initiatives = shared_initiatives(organisations)
    speakers = shared_speakers(2 * sitting_count + 4, organisations)
    venue, _ = Venue.objects.get_or_create(
        name="Benchmarkzaal", city="Amsterdam", defaults={"street_address": "Kade 1"}
    )
    # Upcoming, so reserving is open and seats left are shown.
    start = (timezone.now() + timedelta(days=60)).replace(
        hour=13, minute=0, second=0, microsecond=0
    )
    rounds = min(ROUNDS, sitting_count)
    event = Event.objects.create(
        title=f"Benchmarkcongres met {sitting_count} sessies",
        slug=slug,
        organiser=organisations[0],
        summary="Een groot congres om de snelheid van de programmapagina te meten.",
        description="Een **groot** programma met parallelle rondes.",
        starts_at=start,
        ends_at=start + timedelta(hours=2 + rounds),
        venue=venue,
        capacity=sitting_count * SEATS_PER_SITTING // rounds,
        status=EventStatus.PUBLISHED,
        contact_email="bench@example.org",
    )
    event.partners.set(organisations[1:4])
    Moderator.objects.create(event=event, speaker=speakers[-1])
    opening = Slot.objects.create(
        event=event,
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        title="Opening",
        kind=SlotKind.PLENARY,
    )
    opening.speakers.set(speakers[-4:-1])
    round_slots = [
        Slot.objects.create(
            event=event,
            starts_at=start + timedelta(hours=1 + number),
            ends_at=start + timedelta(hours=1 + number, minutes=50),
            title=f"Break-outronde {number + 1}",
            kind=SlotKind.ROUND,
        )
        for number in range(rounds)
    ]
    Slot.objects.create(
        event=event,
        starts_at=start + timedelta(hours=1 + rounds),
        ends_at=event.ends_at,
        title="Borrel",
        kind=SlotKind.RECEPTION,
    )
    theme_count = max(1, -(-sitting_count // (rounds * SESSIONS_PER_THEME)))
    themes = Theme.objects.bulk_create(
        Theme(event=event, number=number + 1, title=f"Thema {number + 1}")
        for number in range(theme_count)
    )
    sessions = Session.objects.bulk_create(
        Session(
            event=event,
            theme=themes[number % theme_count],
            code=f"{number % theme_count + 1}.{number // theme_count + 1}",
            title=f"Tafelsessie {number + 1} over samenwerken in de wijk",
            slug=f"sessie-{number + 1}",
            summary="Hoe bewoners, ondernemers en gemeente samen de stad maken.",
        )
        for number in range(sitting_count)
    )
    SessionSpeaker.objects.bulk_create(
        SessionSpeaker(session=session, speaker=speakers[2 * number + offset], order=offset)
        for number, session in enumerate(sessions)
        for offset in (0, 1)
    )
    Session.initiatives.through.objects.bulk_create(
        Session.initiatives.through(
            session_id=session.pk, initiative_id=initiatives[number % len(initiatives)].pk
        )
        for number, session in enumerate(sessions)
    )
    sittings = Sitting.objects.bulk_create(
        Sitting(
            session=session,
            slot=round_slots[number % rounds],
            room=f"Tafel {number // rounds + 1}",
            capacity=SEATS_PER_SITTING,
        )
        for number, session in enumerate(sessions)
    )
    EventFAQ.objects.bulk_create(
        EventFAQ(
            event=event, question=f"Vraag {number + 1}?", answer="Een *antwoord*.", order=number
        )
        for number in range(5)
    )
    add_reservations(event, sittings, rounds)
    # bulk_create sends no signals: tell the page cache itself.
    content_changed()
    availability_changed()
    return event


def add_reservations(event: Event, sittings: list[Sitting], rounds: int) -> None:
    """Half the places taken, each person with a seat in every round, spread over the sittings."""
    people = (event.capacity or 0) // 2
    reservations = Reservation.objects.bulk_create(
        Reservation(
            event=event,
            name=f"Deelnemer {number + 1}",
            email=f"deelnemer-{number + 1}@example.org",
            status=ReservationStatus.CONFIRMED,
        )
        for number in range(people)
    )
    by_round = [sittings[number::rounds] for number in range(rounds)]
    SeatChoice.objects.bulk_create(
        SeatChoice(
            reservation=reservation,
            sitting=choices[number % len(choices)],
            slot_id=choices[number % len(choices)].slot_id,
        )
        for number, reservation in enumerate(reservations)
        for choices in by_round
    )


def shared_organisations() -> list[Organisation]:
    Organisation.objects.bulk_create(
        (
            Organisation(
                name=f"Benchmarkcoöperatie {number + 1}",
                slug=f"{PREFIX}-organisatie-{number + 1}",
                kind="cooperative",
                city="Amsterdam",
            )
            for number in range(ORGANISATIONS)
        ),
        ignore_conflicts=True,
    )
    return list(
        Organisation.objects.filter(slug__startswith=f"{PREFIX}-organisatie-").order_by("pk")
    )


def shared_initiatives(organisations: list[Organisation]) -> list[Initiative]:
    Domain.objects.bulk_create(
        (Domain(name=f"Benchmark {name}", slug=f"{PREFIX}-{name}") for name in DOMAINS),
        ignore_conflicts=True,
    )
    domains = list(Domain.objects.filter(slug__startswith=f"{PREFIX}-").order_by("pk"))
    existing = Initiative.objects.filter(slug__startswith=f"{PREFIX}-initiatief-").count()
    if existing < INITIATIVES:
        Initiative.objects.bulk_create(
            (
                Initiative(
                    name=f"Buurtinitiatief {number + 1}",
                    slug=f"{PREFIX}-initiatief-{number + 1}",
                    summary="Bewoners die samen iets voor de buurt ondernemen.",
                    city="Amsterdam",
                    organisation=organisations[number % len(organisations)],
                )
                for number in range(INITIATIVES)
            ),
            ignore_conflicts=True,
        )
        initiatives = list(Initiative.objects.filter(slug__startswith=f"{PREFIX}-initiatief-"))
        Initiative.domains.through.objects.bulk_create(
            (
                Initiative.domains.through(
                    initiative_id=initiative.pk, domain_id=domains[number % len(domains)].pk
                )
                for number, initiative in enumerate(initiatives)
            ),
            ignore_conflicts=True,
        )
    return list(Initiative.objects.filter(slug__startswith=f"{PREFIX}-initiatief-").order_by("pk"))


def shared_speakers(count: int, organisations: list[Organisation]) -> list[Speaker]:
    Speaker.objects.bulk_create(
        (
            Speaker(
                name=f"Spreker {number + 1}",
                slug=f"{PREFIX}-spreker-{number + 1}",
                title="wijkmanager",
                organisation=organisations[number % len(organisations)],
            )
            for number in range(count)
        ),
        ignore_conflicts=True,
    )
    speakers = Speaker.objects.filter(slug__startswith=f"{PREFIX}-spreker-").order_by("pk")
    return list(speakers[:count])
