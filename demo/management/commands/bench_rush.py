"""Benchmark of a reservation rush: hundreds of attendees reserving the same event at once.

    python manage.py bench_rush --base-url http://127.0.0.1:8186 --clients 500

Against gunicorn with production settings, PostgreSQL and Redis, started with
TRUSTED_PROXY_COUNT=1 (see .ci/bench): every attendee comes from an address of its own
(X-Forwarded-For), so the per-address limits count each apart. The command

1. creates an event open for reservation with places for --share of the clients and
   --rounds break-out rounds of --sittings sittings, whose seats add up to the places;
   --clients attendees, each signed in by a session written directly (demo.http_clients);
2. lets them all go at once (a barrier), each on its own connection, as a browser does:
   GET the reservation form, take the CSRF token and a sitting with seats left per round,
   POST it; when a chosen session filled meanwhile the form comes back, and the attendee
   POSTs again with the waiting list ticked. Each answer is timed from the attendee's first
   request, and classified by the database afterwards: confirmed or waiting list;
3. meanwhile a probe GETs /healthz every 100 ms, on a new connection each time, without
   waiting for the previous answer: the load balancer's check at --health-url (the health
   listener, cooperatieve_stad.health_wsgi) and, when that is another server, the web
   server's own /healthz beside it, for comparison;
4. prints the counts, the latencies (median and p95), reservations per second (answers
   over the rush's wall time) and the /healthz latencies, checks in the database that
   nothing was overbooked (event and sittings), and rates each target PASS or FAIL.

An error, an attendee left unanswered or an overbooking fails the command; the timing
targets are only reported (the machine may be shared), unless --strict. Without --base-url
it runs in this process through Django's test client, one attendee after another, without
the probe (the smoke test, on SQLite). Deletes its data.
"""

import http.client
import math
import os
import random
import statistics
import threading
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from common.page_cache import availability_changed, content_changed
from demo.http_clients import (
    Response,
    Visitor,
    client_address,
    end_session,
    form_inputs,
    visitor,
)
from events.enums import EventStatus
from events.models import Event
from initiatives.models import Organisation
from reservations.enums import ReservationStatus
from reservations.forms import ReservationForm
from reservations.models import OutgoingMail, Reservation
from reservations.outbox import deliver_mail
from reservations.queries import count_confirmed, sitting_counts
from sessions.enums import SlotKind
from sessions.models import Session, Sitting, Slot

PREFIX = "bench-rush"
ANSWER_P95_TARGET = 10.0  # seconds from an attendee's first request to the answer
HEALTH_MAX_TARGET = 1.0  # seconds, the slowest answer to the load balancer's check
PROBE_INTERVAL = 0.1
WARM_UP_REQUESTS = 20
WARM_UP_ADDRESS = 0xFFFFFE  # 10.255.255.254, apart from the attendees'
POSTS_PER_ATTENDEE = 3  # the form, sent back at most twice with a session full


@dataclass
class Attempt:
    """One attendee's rush: what it was answered in the end, and how long each step took."""

    outcome: str = "unanswered"
    get_seconds: float | None = None
    post_seconds: list[float] = field(default_factory=list)
    answer_seconds: float | None = None


@dataclass
class Probe:
    label: str  # whose /healthz
    base_url: str
    latencies: list[float] = field(default_factory=list)
    failures: Counter = field(default_factory=Counter)


def slowest(probe: Probe) -> float:
    """The slowest answer the probe had."""
    return max(probe.latencies) if probe.latencies else math.nan


def median_p95(values: list[float]) -> tuple[float, float]:
    if len(values) < 2:
        return (values[0], values[0]) if values else (math.nan, math.nan)
    return statistics.median(values), statistics.quantiles(values, n=100, method="inclusive")[94]


def described(counts: dict) -> str:
    """`counts` after a total, when there are any: " {'HTTP 500': 2}"."""
    return f" {dict(counts)}" if counts else ""


def fill_in(html: str, name: str, rng: random.Random, *, wait: bool) -> dict[str, str]:
    """The reservation form as an attendee fills it in: the CSRF token, the name, per round
    a sitting with seats left (or no choice, or else a full one), and with `wait` the
    waiting list ticked when the form offers it."""
    inputs = form_inputs(html)
    data = {"name": name}
    rounds: dict[str, list] = {}
    for item in inputs:
        if item.name == "csrfmiddlewaretoken":
            data[item.name] = item.value
        elif item.name.startswith("round_") and item.type == "radio":
            rounds.setdefault(item.name, []).append(item)
    for round_name, options in rounds.items():
        free = [item.value for item in options if item.value and not item.disabled]
        if free:
            data[round_name] = rng.choice(free)
        elif any(not item.value for item in options):
            data[round_name] = ""
        else:
            data[round_name] = rng.choice([item.value for item in options])
    if wait and any(item.name == ReservationForm.WAIT_FIELD for item in inputs):
        data[ReservationForm.WAIT_FIELD] = "on"
    return data


def rush_attempt(attendee: Visitor, path: str, done: str, name: str, seed: int) -> Attempt:
    """GET the form, POST it, and POST again while it comes back (a session filled)."""
    attempt = Attempt()
    rng = random.Random(seed)
    began = time.perf_counter()
    form = attendee.get(path)
    attempt.get_seconds = time.perf_counter() - began
    if form.status != 200:
        attempt.outcome = f"form: HTTP {form.status}"
        return attempt
    answer: Response | None = None
    for number in range(POSTS_PER_ATTENDEE):
        data = fill_in(form.body, name, rng, wait=number > 0)
        posted = time.perf_counter()
        answer = attendee.post(path, data)
        attempt.post_seconds.append(time.perf_counter() - posted)
        if answer.status != 200:
            break
        form = answer  # sent back: a chosen session filled meanwhile
    attempt.answer_seconds = time.perf_counter() - began
    assert answer is not None
    if answer.status == 302 and answer.location.endswith(done):
        attempt.outcome = "answered"
    elif answer.status == 200:
        attempt.outcome = f"form sent back {POSTS_PER_ATTENDEE} times"
    else:
        attempt.outcome = f"HTTP {answer.status}"
    return attempt


def probe_once(probe: Probe) -> None:
    """One GET of /healthz on a new connection, as a load balancer checks."""
    url = urllib.parse.urlsplit(probe.base_url)
    began = time.perf_counter()
    conn = http.client.HTTPConnection(url.hostname or "127.0.0.1", url.port or 80, timeout=30)
    try:
        conn.request("GET", "/healthz")
        response = conn.getresponse()
        response.read()
        if response.status != 200:
            probe.failures[f"HTTP {response.status}"] += 1
    except (OSError, http.client.HTTPException) as error:
        probe.failures[type(error).__name__] += 1
    finally:
        conn.close()
    probe.latencies.append(time.perf_counter() - began)  # list.append is thread-safe


def probe_health(probes: list[Probe], stop: threading.Event) -> None:
    """A GET of /healthz from each probe every PROBE_INTERVAL, each in its own thread (a
    slow answer does not hold back the next), until `stop`; then waits for those under way."""
    threads = []
    while not stop.is_set():
        for probe in probes:
            threads.append(threading.Thread(target=probe_once, args=(probe,)))
            threads[-1].start()
        stop.wait(PROBE_INTERVAL)
    for thread in threads:
        thread.join()


def forget_mail_tasks(mails: QuerySet[OutgoingMail]) -> None:
    """The queued deliveries of `mails`, so that no worker (nor bench_mail's worker figure)
    finds them; none when tasks are not kept in the database."""
    try:
        from django_tasks_db.models import DBTaskResult

        DBTaskResult.objects.filter(
            task_path=deliver_mail.module_path,
            args_kwargs__args__0__in=list(mails.values_list("pk", flat=True)),
        ).delete()
    except (ImportError, DatabaseError):
        pass


class Command(BaseCommand):
    help = "A reservation rush over HTTP: N signed-in attendees load the form and reserve at once."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--base-url", help="gunicorn serving this database (else in-process)")
        parser.add_argument(
            "--health-url",
            help="where the load balancer checks /healthz: the health listener (else --base-url)",
        )
        parser.add_argument("--clients", type=int, default=500, help="attendees, all at once")
        parser.add_argument(
            "--share", type=float, default=0.6, help="places of the event, as a share of clients"
        )
        parser.add_argument("--rounds", type=int, default=2, help="break-out rounds")
        parser.add_argument("--sittings", type=int, default=4, help="sittings per round")
        parser.add_argument("--seed", type=int, default=18, help="of the attendees' choices")
        parser.add_argument(
            "--strict", action="store_true", help="fail on a missed timing target too"
        )

    def handle(self, *args, **options) -> None:
        self.options = options
        if options["base_url"] and connection.vendor != "postgresql":
            raise CommandError("Run against PostgreSQL (set DATABASE_URL).")
        if options["clients"] < 1 or options["rounds"] < 0 or options["sittings"] < 1:
            raise CommandError("Need at least one client and one sitting per round.")
        try:
            self.prepare()
            attempts, elapsed, probes = self.rush()
            failures = self.report(attempts, elapsed, probes)
        finally:
            self.clean_up()
        if failures:
            raise CommandError("Failed: " + "; ".join(failures) + ".")

    # Data ------------------------------------------------------------------------------

    def prepare(self) -> None:
        self.clean_up()
        clients = self.options["clients"]
        capacity = max(1, int(clients * self.options["share"]))
        organisation, _ = Organisation.objects.get_or_create(
            slug=PREFIX, defaults={"name": "Benchmark rush", "kind": "other"}
        )
        start = timezone.now() + timedelta(days=7)
        self.event = Event.objects.create(
            title="Benchmark: de reserveringsstorm",
            slug=PREFIX,
            organiser=organisation,
            starts_at=start,
            ends_at=start + timedelta(hours=4),
            capacity=capacity,
            status=EventStatus.PUBLISHED,
        )
        self.seats = math.ceil(capacity / self.options["sittings"])
        for number in range(self.options["rounds"]):
            self.add_round(number, start)
        content_changed()
        availability_changed()
        User = get_user_model()
        self.users = User.objects.bulk_create(
            User(username=f"{PREFIX}-{n}", email=f"{PREFIX}-{n}@example.org")
            for n in range(clients)
        )

    def add_round(self, number: int, start) -> None:
        """A break-out round of its own sessions, each held once with `self.seats` seats."""
        slot = Slot.objects.create(
            event=self.event,
            starts_at=start + timedelta(hours=number + 1),
            ends_at=start + timedelta(hours=number + 1, minutes=50),
            title=f"Ronde {number + 1}",
            kind=SlotKind.ROUND,
        )
        for sitting in range(self.options["sittings"]):
            code = f"{number + 1}.{sitting + 1}"
            session = Session.objects.create(
                event=self.event, code=code, title=f"Sessie {code}", slug=f"sessie-{code}"
            )
            Sitting.objects.create(session=session, slot=slot, capacity=self.seats)

    # The rush --------------------------------------------------------------------------

    def rush(self) -> tuple[list[Attempt], float, list[Probe]]:
        """The attempts, the wall time and the probes: the load balancer's check first, then
        the web server's own /healthz when the check goes elsewhere (none in process)."""
        base_url = self.options["base_url"]
        path = reverse("reservations:reserve", args=[self.event.slug])
        done = reverse("reservations:my_reservations")
        attendees = [
            visitor(base_url, user, client_address(number))
            for number, user in enumerate(self.users)
        ]
        self.session_keys = [attendee.session_key for attendee in attendees]
        attempts: list[Attempt] = [Attempt() for _ in attendees]
        seed = self.options["seed"]

        def run(index: int) -> None:
            try:
                attempts[index] = rush_attempt(
                    attendees[index], path, done, f"Deelnemer {index + 1}", seed + index
                )
            except Exception as error:  # counted and reported, the rush goes on
                attempts[index].outcome = type(error).__name__
            finally:
                attendees[index].close()

        if base_url:
            health_url = self.options["health_url"] or base_url
            probes = [Probe("the load balancer's check", health_url)]
            if health_url != base_url:
                probes.append(Probe("the web server's own", base_url))
            self.warm_up(base_url, path)
            return attempts, self.all_at_once(run, len(attendees), probes), probes
        # In this process, one after another: the test database is not shared between threads.
        started = time.perf_counter()
        for index in range(len(attendees)):
            run(index)
        return attempts, time.perf_counter() - started, []

    def warm_up(self, base_url: str, path: str) -> None:
        """A few form GETs first, on new connections, so that every gunicorn worker has
        rendered the form once: the rush meets a site in use, not one just started."""
        user = get_user_model().objects.create(username=f"{PREFIX}-warm-up")
        attendee = visitor(base_url, user, client_address(WARM_UP_ADDRESS))
        for _ in range(WARM_UP_REQUESTS):
            attendee.get(path)
            attendee.close()  # the next request opens a new connection: maybe another worker
        end_session(attendee.session_key)

    def all_at_once(self, run, count: int, probes: list[Probe]) -> float:
        """`run(index)` in `count` threads released together, with the /healthz probes."""
        barrier = threading.Barrier(count + 1)

        def client(index: int) -> None:
            barrier.wait()
            run(index)

        threads = [threading.Thread(target=client, args=(index,)) for index in range(count)]
        for thread in threads:
            thread.start()
        stop = threading.Event()
        prober = threading.Thread(target=probe_health, args=(probes, stop))
        prober.start()
        barrier.wait()
        started = time.perf_counter()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
        stop.set()
        prober.join()
        return elapsed

    # Report ----------------------------------------------------------------------------

    def outcomes(self, attempts: list[Attempt]) -> Counter:
        """Each attendee's outcome, an answered one as its reservation in the database."""
        statuses = dict(
            Reservation.objects.filter(event=self.event).values_list("user_id", "status")
        )
        labels: dict[object, str] = {
            ReservationStatus.CONFIRMED: "confirmed",
            ReservationStatus.WAITLISTED: "waiting list",
        }
        outcomes: Counter = Counter()
        for user, attempt in zip(self.users, attempts, strict=True):
            if attempt.outcome == "answered":
                outcomes[labels.get(statuses.get(user.pk), "answered without a reservation")] += 1
            else:
                outcomes[attempt.outcome] += 1
        return outcomes

    def overbooking(self) -> tuple[int, list[tuple[str, int, int]]]:
        """Confirmed reservations of the event, and per sitting its seats taken and seats."""
        sittings = [
            (f"{s.slot.title} · {s.session.title}", s.seats_taken, s.capacity)  # type: ignore[attr-defined]  # annotated
            for s in sitting_counts(self.event)
            if s.capacity is not None
        ]
        return count_confirmed(self.event), sittings

    def report(self, attempts: list[Attempt], elapsed: float, probes: list[Probe]) -> list[str]:
        out = self.stdout.write
        options = self.options
        clients = options["clients"]
        outcomes = self.outcomes(attempts)
        confirmed, waiting = outcomes["confirmed"], outcomes["waiting list"]
        errors = {k: v for k, v in outcomes.items() if k not in ("confirmed", "waiting list")}
        answered = confirmed + waiting
        stored_confirmed, sittings = self.overbooking()
        stored_waiting = Reservation.objects.filter(
            event=self.event, status=ReservationStatus.WAITLISTED
        ).count()
        resent = sum(1 for attempt in attempts if len(attempt.post_seconds) > 1)

        target = options["base_url"] or "this process (Django's test client, one at a time)"
        out(
            f"Cores: {os.cpu_count()}; load average {os.getloadavg()[0]:.1f}; "
            f"database: {connection.vendor}; against {target}"
        )
        out(
            f"Event: {self.event.capacity} places; {options['rounds']} break-out rounds of "
            f"{options['sittings']} sittings with {self.seats} seats each"
        )
        out(
            f"\nRush: {clients} signed-in attendees at once, each GETting the reservation form "
            "and POSTing it (again, with the waiting list ticked, when a session filled):"
        )
        out("")
        out("| figure | value |")
        out("| --- | ---: |")
        out(f"| clients | {clients} |")
        out(f"| answered | {answered} |")
        out(f"| confirmed | {confirmed} |")
        out(f"| waiting list | {waiting} |")
        out(f"| errors | {sum(errors.values())}{described(errors)} |")
        out(f"| form sent back (a session filled), POSTed again | {resent} |")
        for label, values in (
            ("form GET", [a.get_seconds for a in attempts if a.get_seconds is not None]),
            ("POST", [seconds for a in attempts for seconds in a.post_seconds]),
            ("first request to answer", [a.answer_seconds for a in attempts if a.answer_seconds]),
        ):
            p50, p95 = median_p95(values)
            out(f"| {label} p50 / p95 | {p50 * 1000:.0f} / {p95 * 1000:.0f} ms |")
        out(f"| wall time of the rush | {elapsed:.2f} s |")
        out(f"| reservations/s (answered / wall time) | {answered / elapsed:.1f} |")
        for probe in probes:
            where = f"/healthz, {probe.label} ({probe.base_url})"
            out(
                f"| {where}: probes, max / p95 | {len(probe.latencies)}, "
                f"{slowest(probe) * 1000:.0f} / {median_p95(probe.latencies)[1] * 1000:.0f} ms |"
            )
            out(
                f"| {where}: failures | {sum(probe.failures.values())}{described(probe.failures)} |"
            )
        out(f"| stored: confirmed / waiting list | {stored_confirmed} / {stored_waiting} |")
        fullest = max(sittings, key=lambda s: s[1] / s[2], default=None)
        if fullest:
            out(f"| fullest sitting | {fullest[0]}: {fullest[1]} of {fullest[2]} seats |")

        over = [s for s in sittings if s[1] > s[2]]
        answer_p95 = median_p95([a.answer_seconds for a in attempts if a.answer_seconds])[1]
        checks = [
            (
                "all answered",
                answered == clients,
                f"{answered} of {clients} confirmed or on the waiting list",
                True,
            ),
            ("no error", not errors, f"{sum(errors.values())} errors", True),
            (
                "not overbooked",
                stored_confirmed <= (self.event.capacity or 0) and not over,
                f"confirmed {stored_confirmed} of {self.event.capacity} places; "
                f"{len(over)} sittings over their seats",
                True,
            ),
            (
                "stored as answered",
                stored_confirmed == confirmed and stored_waiting == waiting,
                f"{stored_confirmed} + {stored_waiting} reservations for {answered} answers",
                True,
            ),
            (
                f"p95 answer < {ANSWER_P95_TARGET:.0f} s",
                answer_p95 < ANSWER_P95_TARGET,
                f"{answer_p95:.2f} s",
                options["strict"],
            ),
        ]
        if probes:
            check = probes[0]
            checks.append(
                (
                    f"the load balancer's /healthz max < {HEALTH_MAX_TARGET:.0f} s",
                    slowest(check) < HEALTH_MAX_TARGET and not check.failures,
                    f"{slowest(check):.3f} s at {check.base_url}, "
                    f"{sum(check.failures.values())} failed",
                    options["strict"],
                )
            )
        out("\nTargets (timings are reported, not enforced, unless --strict):")
        failures = []
        for name, passed, detail, enforced in checks:
            out(f"{'PASS' if passed else 'FAIL'} {name} ({detail})")
            if enforced and not passed:
                failures.append(name)
        return failures

    def clean_up(self) -> None:
        for key in getattr(self, "session_keys", []):
            end_session(key)
        reservations = Reservation.objects.filter(event__slug=PREFIX)
        forget_mail_tasks(OutgoingMail.objects.filter(reservation__in=reservations))
        event_ids = list(Event.objects.filter(slug=PREFIX).values_list("pk", flat=True))
        reservations.delete()
        Reservation.history.filter(event_id__in=event_ids).delete()  # deleting adds to it
        Event.objects.filter(slug=PREFIX).delete()
        get_user_model().objects.filter(username__startswith=f"{PREFIX}-").delete()
        content_changed()
        availability_changed()
