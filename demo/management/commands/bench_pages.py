"""Benchmark of the public pages: queries, render time, and load under gunicorn (wrk).

    python manage.py bench_pages --base-url http://127.0.0.1:8180 [--uncached-url http://…]

`make bench` runs this against gunicorn and PostgreSQL (see .ci/bench). It

1. creates the benchmark events with bench_data (10, 100 and 400 sittings),
2. measures in this process, with the page cache off, the queries of each page and the
   event page's render time for every size: how the cost grows with the programme,
3. loads each page with wrk at a fixed concurrency as an anonymous visitor and reports
   requests per second, median and p95 latency, and the ratio to /healthz,
4. with --uncached-url (a second gunicorn with PAGE_CACHE_SECONDS=0), does the same for the
   pages whose cache matters most, to show what the cache buys;
5. loads the event page of every size, "Mijn reserveringen" and /healthz as a signed-in
   attendee (a session cookie: the page cache never serves them, the programme's fragment
   cache does), and prints each target of issue 18 as a ratio measured in the same run.
"""

import os
import shutil
import statistics
import subprocess
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from io import StringIO

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, reset_queries
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from demo.http_clients import signed_in_session
from demo.management.commands.bench_data import event_slug

SIGNED_IN_USER = "bench-signed-in"
# The targets the figures are held against (issue 18), each a ratio or a bound.
LARGEST_TO_SMALLEST = 0.8  # signed in: 400-sitting page / 10-sitting page, requests/s
SMALLEST_TO_HEALTH = 0.1  # signed in: 10-sitting page / /healthz, requests/s
P95_MS = 250
RENDER_MS = 100  # uncached render at 400 sittings
HTML_BYTES = 250_000

# wrk calls done() once at the end; latencies are in microseconds.
WRK_REPORT = """
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout
  io.write(string.format("BENCH %d %d %d %d %d %d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), summary.errors.status, errors))
end
"""


@dataclass
class Load:
    requests_per_second: float
    median_ms: float
    p95_ms: float
    failures: int


class Command(BaseCommand):
    help = "Measure queries, render time and throughput of the public pages."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--base-url", help="gunicorn serving this database (cache on)")
        parser.add_argument("--uncached-url", help="a second gunicorn with the page cache off")
        parser.add_argument("--sizes", default="10,100,400", help="sittings per benchmark event")
        parser.add_argument("--concurrency", type=int, default=16)
        parser.add_argument("--duration", type=int, default=10, help="seconds per page")
        parser.add_argument("--renders", type=int, default=5, help="renders per size, median")

    def handle(self, *args, **options) -> None:
        sizes = sorted(int(size) for size in options["sizes"].split(","))
        for size in sizes:
            call_command("bench_data", sittings=size, stdout=StringIO())
        largest = event_slug(sizes[-1])
        pages = {
            "event page": f"/evenementen/{largest}/",
            "session page": f"/evenementen/{largest}/sessies/sessie-1/",
            "agenda": "/agenda/",
            "initiatives directory": "/initiatieven/",
            "/healthz": "/healthz",
        }
        self.stdout.write(f"Cores: {os.cpu_count()}; database: {connection.vendor}")
        self.report_render_cost(sizes, options["renders"])
        self.report_queries(pages)
        if options["base_url"]:
            self.report_load(
                options["base_url"], pages, options["concurrency"], options["duration"], "cached"
            )
        if options["uncached_url"]:
            uncached = {name: pages[name] for name in ("event page", "session page", "/healthz")}
            self.report_load(
                options["uncached_url"],
                uncached,
                options["concurrency"],
                options["duration"],
                "page cache off",
            )
            self.report_signed_in(
                options["base_url"], sizes, options["concurrency"], options["duration"]
            )

    def report_render_cost(self, sizes: list[int], renders: int) -> None:
        self.stdout.write(
            "\nEvent page, rendered in this process without the page cache and the "
            "programme's cache:"
        )
        self.stdout.write("")
        self.stdout.write("| sittings | queries | render time (median) | bytes |")
        self.stdout.write("| ---: | ---: | ---: | ---: |")
        for size in sizes:
            url = f"/evenementen/{event_slug(size)}/"
            queries, size_bytes = measure_queries(url)
            times = [render_time(url) for _ in range(renders + 1)][1:]  # the first warms up
            median_ms = statistics.median(times) * 1000
            self.stdout.write(f"| {size} | {queries} | {median_ms:.0f} ms | {size_bytes:,} |")
        self.stdout.write("")
        self.target(f"render at {size} sittings", median_ms, RENDER_MS, "ms", below=True)
        self.target(f"HTML at {size} sittings", size_bytes, HTML_BYTES, "bytes", below=True)

    def target(self, what: str, value: float, bound: float, unit: str, *, below: bool) -> None:
        met = value < bound if below else value >= bound
        sign = "<" if below else "≥"
        shown = f"{value:,.2f}" if unit == "×" else f"{value:,.0f}"
        self.stdout.write(
            f"- {what}: {shown} {unit} (target {sign} {bound:,} {unit}): "
            f"{'met' if met else 'NOT met'}"
        )

    def report_queries(self, pages: dict[str, str]) -> None:
        self.stdout.write("\nQueries per page (page cache off, anonymous):")
        self.stdout.write("")
        self.stdout.write("| page | address | queries |")
        self.stdout.write("| --- | --- | ---: |")
        for name, url in pages.items():
            self.stdout.write(f"| {name} | `{url}` | {measure_queries(url)[0]} |")

    def report_load(
        self, base_url: str, pages: dict[str, str], concurrency: int, duration: int, label: str
    ) -> None:
        self.stdout.write(
            f"\nUnder load ({label}): wrk, {concurrency} connections, {duration} s per page, "
            f"anonymous, accepting gzip, against {base_url}:"
        )
        self.stdout.write("")
        results = load_pages(base_url, pages, concurrency, duration)
        self.write_loads(results)

    def report_signed_in(
        self, base_url: str, sizes: list[int], concurrency: int, duration: int
    ) -> None:
        cookie = f"{settings.SESSION_COOKIE_NAME}={signed_in_attendee()}"
        pages = {
            f"event page, {size} sittings": f"/evenementen/{event_slug(size)}/" for size in sizes
        }
        pages["my reservations"] = "/mijn-reserveringen/"
        pages["/healthz"] = "/healthz"
        self.stdout.write(
            f"\nSigned in (a session cookie; the page cache serves none of these): wrk, "
            f"{concurrency} connections, {duration} s per page, accepting gzip, against {base_url}:"
        )
        self.stdout.write("")
        results = load_pages(base_url, pages, concurrency, duration, cookie=cookie)
        self.write_loads(results)
        largest, smallest = (
            results[f"event page, {sizes[-1]} sittings"],
            results[f"event page, {sizes[0]} sittings"],
        )
        health = results["/healthz"]
        plain, compressed = page_bytes(
            base_url + pages[f"event page, {sizes[-1]} sittings"], cookie
        )
        self.stdout.write("")
        self.stdout.write(
            f"The signed-in {sizes[-1]}-sitting page: {plain:,} bytes, {compressed:,} gzipped."
        )
        self.target(
            f"{sizes[-1]} / {sizes[0]} sittings, signed in",
            largest.requests_per_second / smallest.requests_per_second,
            LARGEST_TO_SMALLEST,
            "×",
            below=False,
        )
        self.target(
            f"{sizes[0]} sittings signed in / /healthz",
            smallest.requests_per_second / health.requests_per_second,
            SMALLEST_TO_HEALTH,
            "×",
            below=False,
        )
        for name, load in results.items():
            if name.startswith("event page"):
                self.target(f"p95 of the {name}, signed in", load.p95_ms, P95_MS, "ms", below=True)

    def write_loads(self, results: dict[str, "Load"]) -> None:
        health = results["/healthz"].requests_per_second
        self.stdout.write("| page | requests/s | median | p95 | ratio to /healthz | failures |")
        self.stdout.write("| --- | ---: | ---: | ---: | ---: | ---: |")
        for name, load in results.items():
            self.stdout.write(
                f"| {name} | {load.requests_per_second:.0f} | {load.median_ms:.1f} ms "
                f"| {load.p95_ms:.1f} ms | {load.requests_per_second / health:.2f} | {load.failures} |"
            )


def load_pages(
    base_url: str, pages: dict[str, str], concurrency: int, duration: int, cookie: str = ""
) -> dict[str, Load]:
    wrk = shutil.which("wrk")
    if wrk is None:
        raise CommandError("wrk is missing: apt-get install wrk")
    headers = {"Cookie": cookie} if cookie else {}
    results = {}
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        script.write(WRK_REPORT)
        script.flush()
        for name, url in pages.items():
            # Warm: one request renders the page (and fills the caches, if on).
            request = urllib.request.Request(base_url + url, headers=headers)
            urllib.request.urlopen(request, timeout=60).read()
            results[name] = run_wrk(
                wrk, script.name, base_url + url, concurrency, duration, headers
            )
            # Requests wrk gave up on at the end may still be running: let them finish,
            # or they would slow down the next page's run.
            wait_until_idle(base_url)
    return results


def signed_in_attendee() -> str:
    """The session key of a signed-in attendee, stored where gunicorn reads sessions."""
    user, _ = get_user_model().objects.get_or_create(
        username=SIGNED_IN_USER, defaults={"email": "bench-signed-in@example.org"}
    )
    return signed_in_session(user)


def page_bytes(url: str, cookie: str) -> tuple[int, int]:
    """The page's size as sent plain and as sent to a browser accepting gzip."""
    sizes = []
    for encoding in ("identity", "gzip"):
        request = urllib.request.Request(
            url, headers={"Cookie": cookie, "Accept-Encoding": encoding}
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            sizes.append(len(response.read()))
    return sizes[0], sizes[1]


# The page cache and the programme's fragment cache off: what a render costs.
UNCACHED = {"PAGE_CACHE_SECONDS": 0, "FRAGMENT_CACHE_SECONDS": 0}


def measure_queries(url: str) -> tuple[int, int]:
    reset_queries()  # the log keeps at most 9,000 queries; start it empty
    with override_settings(**UNCACHED), CaptureQueriesContext(connection) as queries:
        response = Client().get(url)
    if response.status_code != 200:
        raise CommandError(f"{url} answered {response.status_code}")
    return len(queries), len(response.content)


def render_time(url: str) -> float:
    with override_settings(**UNCACHED):
        started = time.perf_counter()
        Client().get(url)
        return time.perf_counter() - started


def wait_until_idle(base_url: str, patience: float = 60) -> None:
    deadline = time.monotonic() + patience
    while time.monotonic() < deadline:
        started = time.perf_counter()
        urllib.request.urlopen(base_url + "/healthz", timeout=patience).read()
        if time.perf_counter() - started < 0.05:
            return
        time.sleep(0.5)


def run_wrk(
    wrk: str,
    script: str,
    url: str,
    concurrency: int,
    duration: int,
    headers: dict[str, str] | None = None,
) -> Load:
    extra = [f"{name}: {value}" for name, value in (headers or {}).items()]
    command = [
        wrk,
        "--threads",
        "1",
        "--connections",
        str(concurrency),
        "--duration",
        f"{duration}s",
        "--timeout",
        "10s",
        "--script",
        script,
        # As browsers do; the cached pages are stored compressed.
        "--header",
        "Accept-Encoding: gzip",
        *(option for header in extra for option in ("--header", header)),
        url,
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    line = next((line for line in output.splitlines() if line.startswith("BENCH ")), None)
    if line is None:
        raise CommandError(f"wrk gave no result for {url}:\n{output}")
    requests, duration_us, p50, p95, status_errors, errors = (int(x) for x in line.split()[1:])
    return Load(
        requests_per_second=requests / (duration_us / 1_000_000),
        median_ms=p50 / 1000,
        p95_ms=p95 / 1000,
        failures=status_errors + errors,
    )
