"""Mails leave through real worker processes (`manage.py db_worker`) to a real SMTP server.

Everything runs as in production, each in a process of its own: a migrated database (a
SQLite file, and a fresh PostgreSQL database when the run's DATABASE_URL is PostgreSQL),
the services that queue mails, workers that are killed halfway, and `recover_stalled`. The
SMTP server runs in the test process (tests/smtp_server.py) and counts who got what, so
each test can see a mail that was lost or sent twice. These tests do not use the test
database of pytest-django.

Where a worker is killed, the server holds the RCPT of the next mail until the kill has
landed: the worker dies while sending that mail and before the server accepted it, never in
the instant between the server accepting a mail and the worker marking it sent (the one
moment the outbox documents as sending a mail twice).
"""

import json
import os
import subprocess
import sys
import textwrap
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import environ
import pytest

from tests.cooperatieve_stad.test_settings import ROOT, process_environment
from tests.smtp_server import RecordingHandler, smtp_server

WORKER = ["db_worker", "--queue-name", "*", "--no-startup-delay", "--no-reload"]
# Every wait has a limit, so that a hang fails the test instead of blocking the run.
WAIT = 30


@dataclass(frozen=True)
class Site:
    """One migrated database and the environment of the processes that use it."""

    vendor: str
    environment: dict[str, str]

    def with_mail(self, email_url: str) -> dict[str, str]:
        # A generous timeout: the server keeps clients waiting on purpose.
        return {**self.environment, "EMAIL_URL": email_url, "EMAIL_TIMEOUT": "60"}


# Run first in each process. Users without a password: hashing one takes half a second.
PRELUDE = """
import django
django.setup()
from tests.factories import UserFactory


def new_user(address):
    return UserFactory(username=address.split("@")[0], email=address, password=None)
"""


def run_python(code: str, environment: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", PRELUDE + textwrap.dedent(code)],
        cwd=ROOT,
        env=process_environment(**environment),
        capture_output=True,
        text=True,
        timeout=WAIT * 2,
    )


def run_json(code: str, environment: dict[str, str]):
    """Run `code` in a new Django process; what it printed last, read as JSON."""
    result = run_python(code, environment)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def manage(arguments: list[str], environment: dict[str, str]) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env=process_environment(**environment),
        capture_output=True,
        text=True,
        timeout=WAIT * 2,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def work_off(environment: dict[str, str], *extra: str) -> subprocess.CompletedProcess:
    """One worker that takes every task due and stops when none is left."""
    return manage([*WORKER, "--batch", *extra], environment)


def start_worker(environment: dict[str, str], log: Path, *extra: str) -> subprocess.Popen:
    """A worker that runs until it is stopped; its output goes to `log`."""
    with log.open("w") as output:
        return subprocess.Popen(
            [sys.executable, "manage.py", *WORKER, "--interval", "0.1", *extra],
            cwd=ROOT,
            env=process_environment(**environment),
            stdout=output,
            stderr=subprocess.STDOUT,
        )


def mails_of(site: Site, slug: str) -> dict:
    """The event's OutgoingMail rows by status, and the tasks waiting for a worker."""
    return run_json(
        f"""
        import json
        from collections import Counter
        from django_tasks_db.models import DBTaskResult
        from reservations.models import OutgoingMail
        rows = OutgoingMail.objects.filter(reservation__event__slug={slug!r})
        print(json.dumps({{
            "statuses": Counter(rows.values_list("status", flat=True)),
            "waiting": DBTaskResult.objects.ready().count(),
        }}))
        """,
        site.environment,
    )


# The databases ----------------------------------------------------------------------------

EVENTS = ("vijf-bevestigingen", "bericht-na-een-dode-worker", "twee-workers", "dode-request")

CREATE_EVENTS = f"""
from tests.factories import EventFactory, OrganisationFactory, VenueFactory
organiser = OrganisationFactory()
venue = VenueFactory()
for slug in {EVENTS!r}:
    EventFactory(slug=slug, title=slug, organiser=organiser, venue=venue, capacity=100)
print("[]")
"""


def postgres_url() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    if not url or "postgresql" not in environ.Env.db_url_config(url)["ENGINE"]:
        return None
    return url


@pytest.fixture(scope="module")
def postgres_database() -> Iterator[str]:
    """A fresh database on the run's PostgreSQL server, dropped afterwards; its URL."""
    import psycopg2

    url = postgres_url()
    if url is None:
        pytest.skip("DATABASE_URL is not PostgreSQL")
    config = environ.Env.db_url_config(url)
    name = f"{config['NAME']}_worker_{uuid.uuid4().hex[:8]}"
    server = psycopg2.connect(
        dbname="postgres",
        user=config["USER"],
        password=config["PASSWORD"],
        host=config["HOST"],
        port=config["PORT"] or 5432,
    )
    server.autocommit = True
    try:
        with server.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{name}"')
        yield urlsplit(url)._replace(path=f"/{name}").geturl()
    finally:
        with server.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        server.close()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def site(request, tmp_path_factory) -> Site:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('workers') / 'db.sqlite3'}"
    else:
        url = request.getfixturevalue("postgres_database")
    environment = {
        "DATABASE_URL": url,
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        # The process's own cache: no page cache or rate limit shared with other runs.
        "CACHE_URL": "",
        "REDIS_URL": "",
    }
    manage(["migrate", "--no-input", "-v0"], environment)
    run_json(CREATE_EVENTS, environment)
    return Site(vendor=request.param, environment=environment)


@pytest.fixture
def handler() -> RecordingHandler:
    return RecordingHandler()


@pytest.fixture
def email_url(handler) -> Iterator[str]:
    with smtp_server(handler) as url:
        yield url


def addresses(prefix: str, count: int) -> list[str]:
    return [f"{prefix}{number}@example.org" for number in range(count)]


def attendees(slug: str, emails: list[str]) -> str:
    """Code that gives the event a confirmed reservation per address, without mails."""
    return f"""
    from events.models import Event
    from tests.factories import ReservationFactory
    event = Event.objects.get(slug={slug!r})
    for address in {emails!r}:
        ReservationFactory(event=event, user=new_user(address))
    """


def mail_attendees(slug: str) -> str:
    """Code that sends the organiser's message to the event's confirmed attendees."""
    return f"""
    from events.models import Event
    from reservations.enums import MailAudience
    from reservations.mailing import mail_attendees
    mail_attendees(
        event_id=Event.objects.get(slug={slug!r}).pk,
        audiences=[MailAudience.CONFIRMED],
        subject="De zaal is veranderd",
        message="We zitten in de grote zaal.",
    )
    print("[]")
    """


# 1. The worker sends what the requests queued -------------------------------------------


def test_a_worker_sends_each_queued_confirmation_once(site, handler, email_url):
    slug, people = EVENTS[0], addresses(f"een-{site.vendor}-", 5)
    environment = site.with_mail(email_url)

    run_json(
        f"""
        from events.models import Event
        from reservations import services
        event = Event.objects.get(slug={slug!r})
        for address in {people!r}:
            user = new_user(address)
            services.reserve(event_id=event.pk, user=user, name=user.username, email=address)
        print("[]")
        """,
        environment,
    )

    # Reserving only queued the mails: nothing reached the server without a worker.
    assert handler.rcpt_attempts == 0
    assert mails_of(site, slug) == {"statuses": {"queued": 5}, "waiting": 5}

    work_off(environment)

    assert handler.recipients() == Counter(people)
    assert mails_of(site, slug) == {"statuses": {"sent": 5}, "waiting": 0}


# 2. Workers that die or run side by side mail nobody twice ------------------------------


def test_a_killed_worker_leaves_the_rest_to_the_next_and_nobody_gets_two(
    site, handler, email_url, tmp_path
):
    slug, people = EVENTS[1], addresses(f"twee-{site.vendor}-", 30)
    environment = site.with_mail(email_url)
    run_json(attendees(slug, people) + mail_attendees(slug), environment)
    assert mails_of(site, slug) == {"statuses": {"queued": 30}, "waiting": 1}  # the dispatch

    handler.rcpt_delay = 0.15  # a slow server
    handler.hold_after(8)
    worker = start_worker(environment, tmp_path / "worker.log")
    try:
        held = handler.wait_until_held(timeout=WAIT)
        assert held, (tmp_path / "worker.log").read_text()
        # Eight mails accepted and marked sent; the ninth waits for the server's answer.
        worker.kill()
        worker.wait(timeout=WAIT)
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait(timeout=WAIT)
        handler.go_on()
    assert len(handler.accepted) == 8
    held_address = handler.held_address
    handler.rcpt_delay = 0

    work_off(environment)

    # The next worker sent everything else; the dead worker's mail is still claimed.
    got = handler.recipients()
    assert set(got) == set(people) - {held_address}
    assert max(got.values()) == 1
    assert mails_of(site, slug) == {"statuses": {"sent": 29, "queued": 1}, "waiting": 0}

    recovered = run_json(
        """
        import datetime as dt, json
        from django.utils import timezone
        from reservations.outbox import LEASE, recover_stalled
        recovered = recover_stalled(now=timezone.now() + LEASE + dt.timedelta(minutes=1))
        print(json.dumps([recovered.mails, recovered.mailings]))
        """,
        environment,
    )
    assert recovered == [1, 0]
    work_off(environment)

    assert handler.recipients() == Counter(people)
    assert {mail.subject for mail in handler.accepted} == {"De zaal is veranderd"}
    assert mails_of(site, slug) == {"statuses": {"sent": 30}, "waiting": 0}


def test_two_workers_at_once_share_the_queue_and_nobody_gets_two(site, handler, email_url):
    if site.vendor != "postgresql":
        pytest.skip("one worker at a time on SQLite; side by side needs PostgreSQL")
    slug, people = EVENTS[2], addresses("drie-", 20)
    environment = site.with_mail(email_url)
    run_json(attendees(slug, people) + mail_attendees(slug), environment)
    # The dispatch first, so that both workers find deliveries waiting when they start.
    work_off(environment, "--max-tasks", "1")
    assert mails_of(site, slug) == {"statuses": {"queued": 20}, "waiting": 20}

    handler.rcpt_delay = 0.05
    handler.wait_for_together(2)
    workers = [
        subprocess.Popen(
            [sys.executable, "manage.py", *WORKER, "--batch", "--worker-id", name, "-v0"],
            cwd=ROOT,
            env=process_environment(**environment),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("worker-a", "worker-b")
    ]
    try:
        errors = [worker.communicate(timeout=WAIT * 2)[1] for worker in workers]
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.kill()
                worker.wait(timeout=WAIT)
    assert [worker.returncode for worker in workers] == [0, 0], errors

    assert handler.met_together  # both were sending at the same moment
    assert handler.recipients() == Counter(people)
    assert mails_of(site, slug) == {"statuses": {"sent": 20}, "waiting": 0}
    deliveries = run_json(
        """
        import json
        from collections import Counter
        from django_tasks_db.models import DBTaskResult
        tasks = DBTaskResult.objects.filter(task_path__endswith=".deliver_mail")
        print(json.dumps(Counter(w for ids in tasks.values_list("worker_ids", flat=True) for w in ids)))
        """,
        environment,
    )
    # Each took deliveries from the one queue, and each delivery ran on one of them.
    assert deliveries["worker-a"] >= 1 and deliveries["worker-b"] >= 1
    assert deliveries["worker-a"] + deliveries["worker-b"] == 20


# 3. A request that dies after its commit --------------------------------------------------


def test_a_reservation_whose_request_dies_after_the_commit_still_gets_its_mail(
    site, handler, email_url
):
    slug, person = EVENTS[3], f"vier-{site.vendor}@example.org"
    environment = site.with_mail(email_url)

    result = run_python(
        f"""
        import os
        from django.test import Client
        from django.urls import reverse
        from reservations import services

        reserve = services.reserve

        def reserve_and_die(**arguments):
            reserve(**arguments)  # committed
            os._exit(1)  # the process dies before the response

        services.reserve = reserve_and_die
        client = Client()
        client.force_login(new_user({person!r}))
        client.post(reverse("reservations:reserve", args=[{slug!r}]), {{"name": "Vier"}})
        print("answered")
        """,
        environment,
    )

    assert result.returncode == 1, result.stderr
    assert "answered" not in result.stdout
    assert handler.rcpt_attempts == 0
    assert run_json(
        f"""
        import json
        from reservations.models import Reservation
        print(json.dumps(list(Reservation.objects.filter(event__slug={slug!r}).values_list("email", "status"))))
        """,
        environment,
    ) == [[person, "confirmed"]]
    assert mails_of(site, slug) == {"statuses": {"queued": 1}, "waiting": 1}

    work_off(environment)

    assert handler.recipients() == Counter([person])
    assert mails_of(site, slug) == {"statuses": {"sent": 1}, "waiting": 0}
