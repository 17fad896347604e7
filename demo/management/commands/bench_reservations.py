"""Benchmark: reservations per second with N concurrent clients, and a check of the counts.

    DATABASE_URL=postgres://… python manage.py bench_reservations --clients 16 --people 400

Creates a throw-away event (capacity = half the people, one break-out round with small
sittings), lets the clients reserve for all people at once through reservations.services, prints
the throughput and latency, verifies that nothing was overbooked, and deletes its data.
"""

import statistics
import threading
import time
from collections import Counter
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections
from django.utils import timezone

from events.enums import EventStatus
from events.models import Event
from initiatives.models import Organisation
from reservations import services
from reservations.enums import ReservationStatus
from reservations.models import Reservation, SeatChoice
from sessions.enums import SlotKind
from sessions.models import Session, Sitting, Slot

PREFIX = "bench-reservations"


class Command(BaseCommand):
    help = "Measure reservations per second with concurrent clients (PostgreSQL) and verify the counts."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--clients", type=int, default=16, help="concurrent clients (threads)")
        parser.add_argument("--people", type=int, default=400, help="reservations to make in all")
        parser.add_argument(
            "--sittings", type=int, default=8, help="sittings in the break-out round"
        )

    def handle(self, *args, clients: int, people: int, sittings: int, **options) -> None:
        if connection.vendor != "postgresql":
            raise CommandError(
                "Run against PostgreSQL (set DATABASE_URL): SQLite serialises all writers."
            )
        if clients < 1 or people < clients or sittings < 1:
            raise CommandError(
                "Need at least one client, one sitting, and as many people as clients."
            )
        event, sitting_ids, users = self.prepare(people, sittings)
        try:
            latencies, errors, elapsed = self.run(event, sitting_ids, users, clients)
            self.report(event, sitting_ids, people, clients, latencies, errors, elapsed)
        finally:
            self.clean_up(event, users)

    def prepare(self, people: int, sitting_count: int):
        self.clean_up(None, None)
        start = timezone.now() + timedelta(days=7)
        organiser, _ = Organisation.objects.get_or_create(
            slug=PREFIX, defaults={"name": "Benchmark", "kind": "other"}
        )
        event = Event.objects.create(
            title="Benchmark",
            slug=PREFIX,
            organiser=organiser,
            starts_at=start,
            ends_at=start + timedelta(hours=4),
            capacity=people // 2,
            status=EventStatus.PUBLISHED,
        )
        slot = Slot.objects.create(
            event=event,
            starts_at=start,
            ends_at=start + timedelta(hours=1),
            title="Ronde",
            kind=SlotKind.ROUND,
        )
        seats = max(people // (2 * sitting_count) - 1, 1)
        sitting_ids = []
        for number in range(sitting_count):
            session = Session.objects.create(
                event=event,
                code=str(number + 1),
                title=f"Sessie {number + 1}",
                slug=f"sessie-{number + 1}",
            )
            sitting_ids.append(
                Sitting.objects.create(session=session, slot=slot, capacity=seats).pk
            )
        User = get_user_model()
        users = User.objects.bulk_create(
            User(username=f"{PREFIX}-{n}", email=f"{PREFIX}-{n}@example.org") for n in range(people)
        )
        return event, sitting_ids, users

    def run(self, event: Event, sitting_ids: list[int], users: list, clients: int):
        queue = list(enumerate(users))
        lock = threading.Lock()
        latencies: list[float] = []
        errors: Counter = Counter()
        barrier = threading.Barrier(clients)

        def client() -> None:
            barrier.wait()
            while True:
                with lock:
                    if not queue:
                        break
                    index, user = queue.pop()
                began = time.perf_counter()
                try:
                    try:
                        services.reserve(
                            event_id=event.pk,
                            user=user,
                            name=user.username,
                            email=user.email,
                            sitting_ids=[sitting_ids[index % len(sitting_ids)]],
                        )
                    except services.ReservationError as error:
                        if error.code != "sitting_full":
                            raise
                        services.reserve(
                            event_id=event.pk, user=user, name=user.username, email=user.email
                        )
                except Exception as error:  # counted and reported, the run goes on
                    errors[type(error).__name__] += 1
                with lock:
                    latencies.append(time.perf_counter() - began)
            connections.close_all()

        threads = [threading.Thread(target=client) for _ in range(clients)]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return latencies, errors, time.perf_counter() - started

    def report(self, event, sitting_ids, people, clients, latencies, errors, elapsed) -> None:
        counts = Counter(Reservation.objects.filter(event=event).values_list("status", flat=True))
        confirmed = counts[ReservationStatus.CONFIRMED]
        ok = confirmed == event.capacity and sum(counts.values()) == people and not errors
        capacities = dict(Sitting.objects.filter(pk__in=sitting_ids).values_list("pk", "capacity"))
        overbooked = [
            pk
            for pk in sitting_ids
            if (capacity := capacities[pk]) is not None
            and SeatChoice.objects.filter(
                sitting_id=pk, reservation__status=ReservationStatus.CONFIRMED
            ).count()
            > capacity
        ]
        ok = ok and not overbooked
        quantiles = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else latencies * 99
        self.stdout.write(f"clients                {clients}")
        self.stdout.write(f"reservations           {people} in {elapsed:.2f} s")
        self.stdout.write(f"reservations/second    {people / elapsed:.1f}")
        self.stdout.write(
            f"latency median / p95   {statistics.median(latencies) * 1000:.1f} ms / {quantiles[94] * 1000:.1f} ms"
        )
        self.stdout.write(
            f"confirmed / waitlisted {confirmed} / {counts[ReservationStatus.WAITLISTED]} (capacity {event.capacity})"
        )
        self.stdout.write(f"errors                 {dict(errors) or 'none'}")
        self.stdout.write(f"overbooked sittings    {overbooked or 'none'}")
        if not ok:
            raise CommandError("Counts are wrong: see above.")
        self.stdout.write(self.style.SUCCESS("Counts verified: nothing overbooked."))

    def clean_up(self, event, users) -> None:
        Reservation.objects.filter(event__slug=PREFIX).delete()
        Event.objects.filter(slug=PREFIX).delete()
        get_user_model().objects.filter(username__startswith=f"{PREFIX}-").delete()
