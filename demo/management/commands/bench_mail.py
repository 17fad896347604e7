"""Benchmark of the mail: what sending it costs the requests that cause it, and a worker.

    EMAIL_URL=smtp://127.0.0.1:8187 gunicorn …      # the site under test sends to the sink
    EMAIL_URL=smtp://127.0.0.1:8187 python manage.py bench_mail \\
        --base-url http://127.0.0.1:8184 --smtp-port 8187

`make bench` runs this against gunicorn and PostgreSQL (see .ci/bench). The command runs
the SMTP sink itself (demo.smtp_sink: real SMTP over TCP, every mail counted and dropped)
on --smtp-port; gunicorn and the worker must be started with EMAIL_URL pointing at it. It

1. loads /healthz with wrk (16 connections) at the start and at the end, as the reference
   every figure is divided by (the machine may be shared and noisy);
2. reservations: --clients signed-in attendees at once POST the reservation form of one
   event over HTTP (as browsers do, CSRF and session cookies included), each a new person,
   every one confirmed (so each gets the confirmation mail with its .ics); reservations
   per second, median and p95, and how many mails the sink had by the end;
3. the organiser's "E-mail deelnemers" (the admin's mail form, confirmed) to --recipients
   confirmed attendees, POSTed over HTTP as a signed-in organiser: the request's time with
   a fast mail server, and with one taking --slow-delay per mail for --slow-recipients
   (extrapolated to --recipients: at 200 ms a mail, 1,000 would take minutes);
4. the worker: the mail tasks left queued (django_tasks_db's DBTaskResult rows, READY) are
   run by one worker process (--worker-command, `db_worker --batch --queue-name '*'`),
   timed from its start until it exits, and at the sink from the first mail to the last:
   mails per second per worker. While mails are still sent within the request, nothing is
   queued, and the command says so instead of giving a worker figure.

Without --base-url it runs in this process through Django's test client, one client at a
time, without the /healthz reference (for the smoke test, on SQLite). Deletes its data.
"""

import os
import secrets
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections import Counter
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection, connections
from django.urls import reverse
from django.utils import timezone

from common.page_cache import availability_changed, content_changed
from demo.http_clients import Visitor, client_address, visitor
from demo.management.commands.bench_pages import WRK_REPORT, run_wrk, wait_until_idle
from demo.smtp_sink import SmtpSink
from events.enums import EventStatus
from events.models import Event
from initiatives.models import Organisation
from reservations.enums import MailAudience, ReservationStatus
from reservations.models import Reservation

PREFIX = "bench-mail"
NO_WORKER = "mails are sent in the request: no worker figure"
NO_MAIL = "no mail reached the sink and none is queued: no worker figure"


def queued_tasks() -> int | None:
    """Task results waiting for a worker; None when tasks are not kept in the database."""
    try:
        from django_tasks.base import TaskResultStatus
        from django_tasks_db.models import DBTaskResult

        return DBTaskResult.objects.filter(status=TaskResultStatus.READY).count()
    except (ImportError, DatabaseError):
        return None


class Command(BaseCommand):
    help = "Measure what mail costs: reservations/s, the organiser's mailing, a worker's mails/s."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--base-url", help="gunicorn serving this database (else in-process)")
        parser.add_argument("--smtp-port", type=int, default=8187, help="port of the SMTP sink")
        parser.add_argument("--clients", type=int, default=16, help="concurrent attendees")
        parser.add_argument("--people", type=int, default=400, help="reservations to make")
        parser.add_argument("--recipients", type=int, default=1000, help="of the organiser's mail")
        parser.add_argument(
            "--slow-recipients", type=int, default=100, help="recipients with the slow server"
        )
        parser.add_argument(
            "--slow-delay", type=float, default=0.2, help="seconds per mail of the slow server"
        )
        parser.add_argument("--health-duration", type=int, default=5, help="seconds of wrk")
        parser.add_argument(
            "--worker-command",
            default="db_worker --batch --queue-name '*'",
            help="manage.py command of one worker that exits when the queue is empty",
        )
        parser.add_argument("--worker-timeout", type=float, default=900)

    def handle(self, *args, **options) -> None:
        self.options = options
        base_url = options["base_url"]
        if base_url and connection.vendor != "postgresql":
            raise CommandError("Run against PostgreSQL (set DATABASE_URL).")
        if not base_url:
            options["clients"] = 1  # the test client is not for threads
        if options["clients"] < 1 or options["people"] < options["clients"]:
            raise CommandError("Need at least one client, and as many people as clients.")
        self.lines: list[str] = []
        with SmtpSink(port=options["smtp_port"]) as sink:
            self.sink = sink
            try:
                self.prepare()
                self.load_before = os.getloadavg()[0]
                health_before = self.health()
                reserving = self.reservations()
                fast = self.organiser_mailing(self.attendee_event, options["recipients"], 0.0)
                slow = self.organiser_mailing(
                    self.slow_event, options["slow_recipients"], options["slow_delay"]
                )
                worker = self.worker()
                health_after = self.health()
                self.load_after = os.getloadavg()[0]
                self.report(health_before, health_after, reserving, fast, slow, worker)
            finally:
                self.clean_up()

    # Data ------------------------------------------------------------------------------

    def event(self, suffix: str, capacity: int) -> Event:
        start = timezone.now() + timedelta(days=7)
        return Event.objects.create(
            title=f"Benchmark e-mail ({suffix})",
            slug=f"{PREFIX}-{suffix}",
            organiser=self.organisation,
            starts_at=start,
            ends_at=start + timedelta(hours=4),
            capacity=capacity,
            status=EventStatus.PUBLISHED,
        )

    def prepare(self) -> None:
        self.clean_up()
        options = self.options
        User = get_user_model()
        self.organisation, _ = Organisation.objects.get_or_create(
            slug=PREFIX, defaults={"name": "Benchmark e-mail", "kind": "other"}
        )
        self.reserve_event = self.event("reserveren", options["people"])
        self.attendee_event = self.event("deelnemers", options["recipients"])
        self.slow_event = self.event("traag", options["slow_recipients"])
        for event, count in (
            (self.attendee_event, options["recipients"]),
            (self.slow_event, options["slow_recipients"]),
        ):
            Reservation.objects.bulk_create(
                Reservation(
                    event=event,
                    name=f"Deelnemer {number + 1}",
                    email=f"{PREFIX}-{event.pk}-{number + 1}@example.org",
                    status=ReservationStatus.CONFIRMED,
                )
                for number in range(count)
            )
        content_changed()  # bulk_create sends no signals
        availability_changed()
        self.attendees = User.objects.bulk_create(
            User(username=f"{PREFIX}-{n}", email=f"{PREFIX}-{n}@example.org")
            for n in range(options["people"])
        )
        self.organiser = User.objects.create_superuser(
            username=f"{PREFIX}-organiser",
            email=f"{PREFIX}-organiser@example.org",
            password=secrets.token_hex(16),
        )

    def visitor(self, user, address: str) -> Visitor:
        return visitor(self.options["base_url"], user, address)

    # Measurements ----------------------------------------------------------------------

    def health(self) -> float | None:
        base_url = self.options["base_url"]
        if not base_url:
            return None
        wrk = shutil.which("wrk")
        if wrk is None:
            raise CommandError("wrk is missing: apt-get install wrk")
        with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
            script.write(WRK_REPORT)
            script.flush()
            urllib.request.urlopen(base_url + "/healthz", timeout=60).read()
            load = run_wrk(
                wrk, script.name, base_url + "/healthz", 16, self.options["health_duration"]
            )
        wait_until_idle(base_url)
        return load.requests_per_second

    def reservations(self) -> dict:
        clients = self.options["clients"]
        path = reverse("reservations:reserve", args=[self.reserve_event.slug])
        visitors = [
            self.visitor(user, client_address(number)) for number, user in enumerate(self.attendees)
        ]
        queue = list(enumerate(visitors))
        lock = threading.Lock()
        latencies: list[float] = []
        outcomes: Counter = Counter()
        barrier = threading.Barrier(clients)
        self.sink.reset()

        def client() -> None:
            barrier.wait()
            while True:
                with lock:
                    if not queue:
                        break
                    index, attendee = queue.pop()
                began = time.perf_counter()
                try:
                    response = attendee.post(path, {"name": f"Deelnemer {index + 1}"})
                    outcome = (
                        "reserved"
                        if response.status == 302 and "mijn-reserveringen" in response.location
                        else f"HTTP {response.status}"
                    )
                except Exception as error:  # counted and reported, the run goes on
                    outcome = type(error).__name__
                finally:
                    attendee.close()
                with lock:
                    latencies.append(time.perf_counter() - began)
                    outcomes[outcome] += 1
            connections.close_all()

        threads = [threading.Thread(target=client) for _ in range(clients)]
        started = time.perf_counter()
        if clients == 1:
            client()  # in this process: the test database is not shared between threads
        else:
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        elapsed = time.perf_counter() - started
        return {
            "elapsed": elapsed,
            "latencies": latencies,
            "outcomes": outcomes,
            "mails_by_end": self.sink.count,
            "stored": Reservation.objects.filter(
                event=self.reserve_event, status=ReservationStatus.CONFIRMED
            ).count(),
        }

    def organiser_mailing(self, event: Event, recipients: int, delay: float) -> dict:
        organiser = self.visitor(self.organiser, "10.255.255.254")
        path = reverse("admin:events_event_mail_attendees", args=[event.pk])
        self.sink.reset()
        self.sink.delay = delay
        try:
            started = time.perf_counter()
            response = organiser.post(
                path,
                {
                    "audiences": MailAudience.CONFIRMED,
                    "subject": "De zaal is veranderd",
                    "message": "We zitten in de grote zaal.\n\nTot dan!",
                    "confirmed": "1",
                },
            )
            elapsed = time.perf_counter() - started
            mails_by_response = self.sink.count
        finally:
            organiser.close()
            self.sink.delay = 0.0
        if response.status != 302:
            raise CommandError(f"The organiser's mail form answered {response.status}.")
        return {
            "recipients": recipients,
            "delay": delay,
            "elapsed": elapsed,
            "mails_by_response": mails_by_response,
        }

    def worker(self) -> dict | None:
        queued = queued_tasks()
        if not queued:
            return None
        self.sink.reset()
        command = [
            sys.executable,
            str(settings.BASE_DIR / "manage.py"),
            *shlex.split(self.options["worker_command"]),
        ]
        started = time.perf_counter()
        process = subprocess.run(
            command, env=os.environ, timeout=self.options["worker_timeout"], capture_output=True
        )
        elapsed = time.perf_counter() - started
        if process.returncode:
            raise CommandError(
                f"The worker exited with {process.returncode}:\n{process.stderr.decode()[-2000:]}"
            )
        sink = self.sink
        spread = (sink.last_at - sink.first_at) if sink.first_at and sink.last_at else 0.0
        return {
            "tasks": queued,
            "left": queued_tasks(),
            "mails": sink.count,
            "elapsed": elapsed,
            "spread": spread,
        }

    # Report ----------------------------------------------------------------------------

    def report(self, health_before, health_after, reserving, fast, slow, worker) -> None:
        out = self.stdout.write
        health = (health_before + health_after) / 2 if health_before and health_after else None

        def ratio(per_second: float) -> str:
            return f"{per_second / health:.3f}" if health else "n/a"

        def in_health(seconds: float) -> str:
            # A duration as the number of /healthz requests served in that time.
            return f"{seconds * health:,.0f}" if health else "n/a"

        out(
            f"Cores: {os.cpu_count()}; load average {self.load_before:.1f} at the start, "
            f"{self.load_after:.1f} at the end; database: {connection.vendor}"
        )
        target = self.options["base_url"] or "this process (Django's test client)"
        out(f"Against {target}; SMTP sink on 127.0.0.1:{self.options['smtp_port']}")
        if health:
            out(
                f"\n/healthz (wrk, 16 connections, {self.options['health_duration']} s): "
                f"{health_before:.0f} req/s before, {health_after:.0f} after; "
                f"mean {health:.0f} is the reference (ratio = figure / mean)."
            )
        else:
            out("\nNo /healthz reference (in-process run): ratios are n/a.")

        latencies = reserving["latencies"]
        quantiles = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else latencies * 99
        rate = self.options["people"] / reserving["elapsed"]
        out(
            f"\nReservations: {self.options['clients']} clients, {self.options['people']} "
            "people, each POSTing the reservation form once (all confirmed):"
        )
        out("")
        out("| figure | value | ratio to /healthz |")
        out("| --- | ---: | ---: |")
        out(f"| reservations/s | {rate:.1f} | {ratio(rate)} |")
        out(f"| latency median | {statistics.median(latencies) * 1000:.0f} ms | |")
        out(f"| latency p95 | {quantiles[94] * 1000:.0f} ms | |")
        out(f"| confirmed reservations stored | {reserving['stored']} | |")
        out(f"| mails at the sink by the end | {reserving['mails_by_end']} | |")
        out(f"| outcomes | {dict(reserving['outcomes'])} | |")
        failed = sum(reserving["outcomes"].values()) - reserving["outcomes"]["reserved"]

        out(
            '\nThe organiser\'s "E-mail deelnemers" (admin mail form, confirmed, POSTed as a '
            'signed-in organiser); the time is the request\'s, "in /healthz" is that time '
            "times the /healthz requests per second:"
        )
        out("")
        out(
            "| mail server | recipients | request time | in /healthz | mails sent by the response |"
        )
        out("| --- | ---: | ---: | ---: | ---: |")
        for mailing in (fast, slow):
            server = (
                f"{mailing['delay'] * 1000:.0f} ms per mail" if mailing["delay"] else "fast sink"
            )
            out(
                f"| {server} | {mailing['recipients']:,} | {mailing['elapsed']:.2f} s "
                f"| {in_health(mailing['elapsed'])} | {mailing['mails_by_response']:,} |"
            )
        recipients = self.options["recipients"]
        if slow["recipients"] and slow["recipients"] != recipients:
            scaled = slow["elapsed"] * recipients / slow["recipients"]
            out(
                f"| {slow['delay'] * 1000:.0f} ms per mail, extrapolated | {recipients:,} "
                f"| {scaled:.1f} s | {in_health(scaled)} | |"
            )

        out("\nOne worker:")
        if worker is None:
            in_request = reserving["mails_by_end"] or fast["mails_by_response"]
            out(NO_WORKER if in_request else NO_MAIL)
        else:
            self.report_worker(worker, ratio)
        if failed:
            raise CommandError(f"{failed} reservation requests failed: see the outcomes above.")

    def report_worker(self, worker: dict, ratio: Callable[[float], str]) -> None:
        out = self.stdout.write
        rate = worker["mails"] / worker["elapsed"]
        spread_rate = (worker["mails"] - 1) / worker["spread"] if worker["spread"] else 0.0
        out(
            f"`{self.options['worker_command']}` found {worker['tasks']:,} tasks waiting (a "
            f"mailing's task queues one per mail), left {worker['left']}: "
            f"{worker['mails']:,} mails at the sink."
        )
        out("")
        out("| figure | value | ratio to /healthz |")
        out("| --- | ---: | ---: |")
        out(f"| mails/s, worker start to exit | {rate:.1f} | {ratio(rate)} |")
        out(f"| mails/s, first mail to last | {spread_rate:.1f} | {ratio(spread_rate)} |")

    def clean_up(self) -> None:
        Reservation.objects.filter(event__slug__startswith=f"{PREFIX}-").delete()
        Event.objects.filter(slug__startswith=f"{PREFIX}-").delete()
        get_user_model().objects.filter(username__startswith=f"{PREFIX}-").delete()
        content_changed()
        availability_changed()
