"""Benchmark: reservations per second with N concurrent clients, and a check of the counts.

    DATABASE_URL=postgres://… python manage.py bench_reservations --clients 16 --people 400

Creates a throw-away event (capacity = half the people, one break-out round with small
sittings), lets the clients reserve for all people at once through reservations.services, prints
the throughput and latency, verifies that nothing was overbooked, and deletes its data.

All reservations of one event queue on the event's row lock, so what caps the rate is how
long each transaction holds it: the command times that too, from `lock_event` returning to
the commit (or the rollback of a refused reservation), with the SQL run meanwhile, and
counts the page cache's availability bumps. As the reference it first runs, with the same
clients on the same row, the most trivial locked transaction (lock the event, update one
column, commit): the ratio of the two rates can be compared between machines and runs.
"""

import statistics
import threading
import time
from collections import Counter
from collections.abc import Callable
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections, transaction
from django.utils import timezone

from common import page_cache
from events.enums import EventStatus
from events.models import Event
from initiatives.models import Organisation
from reservations import services
from reservations.enums import ReservationStatus
from reservations.models import Reservation, SeatChoice
from sessions.enums import SlotKind
from sessions.models import Session, Sitting, Slot

PREFIX = "bench-reservations"
# How long the reference transaction runs.
REFERENCE_SECONDS = 3


class LockClock:
    """How long each transaction holds the event's lock, and the SQL it runs meanwhile.

    `locked` is called when services.lock_event returns; it registers `released` to run
    on commit (the first callback of the transaction, as the lock is the first thing taken),
    and a refused reservation calls `released` itself after the rollback. Each thread has
    its own connection, so its state is thread-local."""

    def __init__(self) -> None:
        self.local = threading.local()
        self.mutex = threading.Lock()
        self.held: list[float] = []
        self.sql: list[float] = []
        self.queries: list[int] = []

    def locked(self) -> None:
        self.local.since = time.perf_counter()
        self.local.sql = 0.0
        self.local.queries = 0
        transaction.on_commit(self.released)

    def released(self) -> None:
        since = getattr(self.local, "since", None)
        if since is None:
            return
        held = time.perf_counter() - since
        self.local.since = None
        with self.mutex:
            self.held.append(held)
            self.sql.append(self.local.sql)
            self.queries.append(self.local.queries)

    def execute(self, execute: Callable, sql, params, many, context):
        if getattr(self.local, "since", None) is None:
            return execute(sql, params, many, context)
        began = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.local.sql += time.perf_counter() - began
            self.local.queries += 1


def median_p95(values: list[float]) -> tuple[float, float]:
    if len(values) < 2:
        return (values[0], values[0]) if values else (0.0, 0.0)
    return statistics.median(values), statistics.quantiles(values, n=100)[94]


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
            reference = self.reference(event, clients)
            clock = LockClock()
            bumps: Counter = Counter()
            latencies, errors, elapsed = self.run(event, sitting_ids, users, clients, clock, bumps)
            self.report(event, sitting_ids, people, clients, latencies, errors, elapsed)
            self.report_lock(people, elapsed, clock, bumps, reference)
        finally:
            self.clean_up(event, users)

    def reference(self, event: Event, clients: int) -> tuple[float, list[float]]:
        """Transactions per second, and their lock-held times, of the same clients each
        locking the same event row, updating one column and committing (pgbench's simple
        update, on our row and through the same ORM and driver)."""
        clock = LockClock()
        count: Counter = Counter()
        barrier = threading.Barrier(clients)
        deadline: list[float] = []

        def client() -> None:
            barrier.wait()
            done = 0
            while time.perf_counter() < deadline[0]:
                with transaction.atomic():
                    Event.objects.select_for_update().get(pk=event.pk)
                    clock.locked()
                    Event.objects.filter(pk=event.pk).update(updated_at=timezone.now())
                done += 1
            with clock.mutex:
                count["transactions"] += done
            connections.close_all()

        threads = [threading.Thread(target=client) for _ in range(clients)]
        started = time.perf_counter()
        deadline.append(started + REFERENCE_SECONDS)
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return count["transactions"] / (time.perf_counter() - started), clock.held

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

    def run(self, event, sitting_ids, users, clients, clock: LockClock, bumps: Counter):
        queue = list(enumerate(users))
        lock = threading.Lock()
        latencies: list[float] = []
        errors: Counter = Counter()
        barrier = threading.Barrier(clients)
        lock_event = services.lock_event
        new_token = page_cache.new_token

        def timed_lock_event(event_id: int) -> Event:
            locked = lock_event(event_id)
            clock.locked()
            return locked

        def counted_new_token() -> str:
            with lock:
                bumps["in the lock" if getattr(clock.local, "since", None) else "after"] += 1
            return new_token()

        def client() -> None:
            with connection.execute_wrapper(clock.execute):
                work()

        def work() -> None:
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
                        clock.released()  # rolled back: the lock is free again
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

        services.lock_event = timed_lock_event
        page_cache.new_token = counted_new_token
        try:
            threads = [threading.Thread(target=client) for _ in range(clients)]
            started = time.perf_counter()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        finally:
            services.lock_event = lock_event
            page_cache.new_token = new_token
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

    def report_lock(self, people, elapsed, clock: LockClock, bumps: Counter, reference) -> None:
        reference_rate, reference_held = reference
        rate = people / elapsed
        held, held_p95 = median_p95(clock.held)
        sql, sql_p95 = median_p95(clock.sql)
        ref_held, ref_held_p95 = median_p95(reference_held)
        self.stdout.write(
            f"reference: locked update {reference_rate:.1f} transactions/s, "
            f"lock held median / p95 {ref_held * 1000:.2f} ms / {ref_held_p95 * 1000:.2f} ms"
        )
        self.stdout.write(f"reservations/s ÷ ref.  {rate / reference_rate:.4f}")
        self.stdout.write(
            f"lock held median / p95 {held * 1000:.2f} ms / {held_p95 * 1000:.2f} ms "
            f"({held / ref_held:.1f}× / {held_p95 / ref_held_p95:.1f}× the reference's), "
            f"{len(clock.held)} locked transactions"
        )
        self.stdout.write(
            f"SQL in the lock        {sql * 1000:.2f} ms / {sql_p95 * 1000:.2f} ms, "
            f"{statistics.median(clock.queries) if clock.queries else 0:.0f} statements (median)"
        )
        self.stdout.write(
            f"availability bumps     {bumps['in the lock'] / people:.2f} in the lock, "
            f"{bumps['after'] / people:.2f} after it, per reservation"
        )

    def clean_up(self, event, users) -> None:
        Reservation.objects.filter(event__slug=PREFIX).delete()
        Event.objects.filter(slug=PREFIX).delete()
        get_user_model().objects.filter(username__startswith=f"{PREFIX}-").delete()
