"""Benchmark: reservations per second with N concurrent clients, and a check of the counts.

    DATABASE_URL=postgres://… python manage.py bench_reservations --clients 16 --people 400

Creates a throw-away event (capacity = half the people, one break-out round with small
sittings), lets the clients reserve for all people at once through reservations.services, prints
the throughput and latency, verifies that nothing was overbooked, and deletes its data.

Each client is a process of its own with its own database connection, as gunicorn's
workers are. (Threads of one process would share one interpreter lock: the rate would be
that of one core, and a thread holding the event's lock would wait for the others'
Python between its statements.)

All reservations of one event queue on the event's row lock, so what caps the rate is how
long each transaction holds it: the command times that too, from `lock_event` returning to
the end of the COMMIT (or of the ROLLBACK of a refused reservation), with the SQL run
meanwhile, and counts the page cache's availability bumps. As the reference it first runs,
with the same clients on the same row, the most trivial locked transaction (lock the event,
update one column, commit): the ratio of the two rates can be compared between machines
and runs.
"""

import multiprocessing
import statistics
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from multiprocessing.synchronize import Barrier

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
# How long the clients may take in all before the run counts as stuck.
TIMEOUT_SECONDS = 600


@dataclass
class ClientResult:
    """What one client process measured: plain values, sent back to the command."""

    started: float = 0.0
    finished: float = 0.0
    transactions: int = 0
    latencies: list[float] = field(default_factory=list)
    errors: Counter = field(default_factory=Counter)
    held: list[float] = field(default_factory=list)
    sql: list[float] = field(default_factory=list)
    queries: list[int] = field(default_factory=list)
    bumps: Counter = field(default_factory=Counter)

    @classmethod
    def merged(cls, results: list["ClientResult"]) -> "ClientResult":
        total = cls(
            started=min(r.started for r in results), finished=max(r.finished for r in results)
        )
        for result in results:
            total.transactions += result.transactions
            total.latencies += result.latencies
            total.errors.update(result.errors)
            total.held += result.held
            total.sql += result.sql
            total.queries += result.queries
            total.bumps.update(result.bumps)
        return total

    @property
    def elapsed(self) -> float:
        return self.finished - self.started


class LockClock:
    """How long each transaction of this client holds the event's lock, and the SQL it runs
    meanwhile, into `result`.

    `locked` is called when the event's row is locked; the time runs until the
    transaction's COMMIT or ROLLBACK returns (`watch` wraps the connection's own), before
    the callbacks that run on commit."""

    def __init__(self, result: ClientResult) -> None:
        self.result = result
        self.since: float | None = None
        self.sql = 0.0
        self.queries = 0

    def watch(self, connection) -> None:
        for name in ("commit", "rollback"):
            setattr(connection, name, self.ending(getattr(connection, name)))

    def ending(self, end: Callable[[], None]) -> Callable[[], None]:
        def ended() -> None:
            end()
            self.released()

        return ended

    def locked(self) -> None:
        self.since, self.sql, self.queries = time.perf_counter(), 0.0, 0

    def released(self) -> None:
        if self.since is None:
            return
        self.result.held.append(time.perf_counter() - self.since)
        self.result.sql.append(self.sql)
        self.result.queries.append(self.queries)
        self.since = None

    def execute(self, execute: Callable, sql, params, many, context):
        if self.since is None:
            return execute(sql, params, many, context)
        began = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.sql += time.perf_counter() - began
            self.queries += 1


def in_processes(clients: int, work: Callable[[int, ClientResult], None]) -> list[ClientResult]:
    """Run work(number, result) in `clients` forked processes at once, each with a database
    connection of its own; what each measured. Timing starts when all are ready."""
    connections.close_all()  # each process opens its own
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(clients)
    results = context.Queue()

    def client(number: int, barrier: Barrier) -> None:
        result = ClientResult()
        try:
            barrier.wait()
            result.started = time.perf_counter()
            work(number, result)
        except Exception as error:  # reported by the command
            result.errors[f"client crashed: {error!r}"] += 1
        finally:
            result.finished = time.perf_counter()
            connections.close_all()
            results.put(result)

    processes = [context.Process(target=client, args=(n, barrier)) for n in range(clients)]
    for process in processes:
        process.start()
    try:
        return [results.get(timeout=TIMEOUT_SECONDS) for _ in processes]
    except Exception as error:
        raise CommandError(f"The clients did not finish within {TIMEOUT_SECONDS} s.") from error
    finally:
        for process in processes:
            process.join(timeout=5)
            if process.is_alive():
                process.kill()


def median_p95(values: list[float]) -> tuple[float, float]:
    if len(values) < 2:
        return (values[0], values[0]) if values else (0.0, 0.0)
    return statistics.median(values), statistics.quantiles(values, n=100)[94]


class Command(BaseCommand):
    help = "Measure reservations per second with concurrent clients (PostgreSQL) and verify the counts."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--clients", type=int, default=16, help="concurrent clients (processes)"
        )
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
            run = self.run(event, sitting_ids, users, clients)
            self.report(event, sitting_ids, people, clients, run)
            self.report_lock(people, run, reference)
        finally:
            self.clean_up(event, users)

    def reference(self, event: Event, clients: int) -> ClientResult:
        """The same clients each locking the same event row, updating one column and
        committing, for REFERENCE_SECONDS (pgbench's simple update, on our row and through
        the same ORM and driver)."""

        def work(number: int, result: ClientResult) -> None:
            clock = LockClock(result)
            clock.watch(connection)
            deadline = result.started + REFERENCE_SECONDS
            while time.perf_counter() < deadline:
                with transaction.atomic():
                    Event.objects.select_for_update(no_key=True).get(pk=event.pk)
                    clock.locked()
                    Event.objects.filter(pk=event.pk).update(updated_at=timezone.now())
                result.transactions += 1

        return ClientResult.merged(in_processes(clients, work))

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

    def run(self, event, sitting_ids, users, clients) -> ClientResult:
        """Each client reserves for every `clients`-th person: a seat in the sitting the
        person picks, or, when that is full, a place without one."""

        def work(number: int, result: ClientResult) -> None:
            clock = LockClock(result)
            clock.watch(connection)
            lock_event, new_token = services.lock_event, page_cache.new_token

            def timed_lock_event(event_id: int) -> Event:
                locked = lock_event(event_id)
                clock.locked()
                return locked

            def counted_new_token() -> str:
                result.bumps["in the lock" if clock.since is not None else "after"] += 1
                return new_token()

            services.lock_event = timed_lock_event  # in this client's process only
            page_cache.new_token = counted_new_token
            with connection.execute_wrapper(clock.execute):
                for index in range(number, len(users), clients):
                    began = time.perf_counter()
                    try:
                        reserve(users[index], sitting_ids[index % len(sitting_ids)])
                    except Exception as error:  # counted and reported, the run goes on
                        result.errors[type(error).__name__] += 1
                    result.latencies.append(time.perf_counter() - began)

        def reserve(user, sitting_id: int) -> None:
            try:
                services.reserve(
                    event_id=event.pk,
                    user=user,
                    name=user.username,
                    email=user.email,
                    sitting_ids=[sitting_id],
                )
            except services.ReservationError as error:
                if error.code != "sitting_full":
                    raise
                services.reserve(event_id=event.pk, user=user, name=user.username, email=user.email)

        return ClientResult.merged(in_processes(clients, work))

    def report(self, event, sitting_ids, people, clients, run: ClientResult) -> None:
        latencies, errors, elapsed = run.latencies, run.errors, run.elapsed
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

    def report_lock(self, people: int, run: ClientResult, reference: ClientResult) -> None:
        reference_rate = reference.transactions / reference.elapsed
        rate = people / run.elapsed
        held, held_p95 = median_p95(run.held)
        sql, sql_p95 = median_p95(run.sql)
        ref_held, ref_held_p95 = median_p95(reference.held)
        self.stdout.write(
            f"reference: locked update {reference_rate:.1f} transactions/s, "
            f"lock held median / p95 {ref_held * 1000:.2f} ms / {ref_held_p95 * 1000:.2f} ms"
        )
        self.stdout.write(f"reservations/s ÷ ref.  {rate / reference_rate:.4f}")
        self.stdout.write(
            f"lock held median / p95 {held * 1000:.2f} ms / {held_p95 * 1000:.2f} ms "
            f"({held / ref_held:.1f}× / {held_p95 / ref_held_p95:.1f}× the reference's), "
            f"{len(run.held)} locked transactions"
        )
        self.stdout.write(
            f"SQL in the lock        {sql * 1000:.2f} ms / {sql_p95 * 1000:.2f} ms, "
            f"{statistics.median(run.queries) if run.queries else 0:.0f} statements (median)"
        )
        self.stdout.write(
            f"availability bumps     {run.bumps['in the lock'] / people:.2f} in the lock, "
            f"{run.bumps['after'] / people:.2f} after it, per reservation"
        )

    def clean_up(self, event, users) -> None:
        Reservation.objects.filter(event__slug=PREFIX).delete()
        Event.objects.filter(slug=PREFIX).delete()
        get_user_model().objects.filter(username__startswith=f"{PREFIX}-").delete()
