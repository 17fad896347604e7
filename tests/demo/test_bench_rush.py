"""A smoke test of the reservation rush at a tiny size; `make bench` does the measuring."""

import random
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from demo.management.commands.bench_rush import Probe, fill_in, probe_health
from events.models import Event
from reservations.models import Reservation


# Transactional, as the site is: each reservation commits, and the next form counts it.
@pytest.mark.django_db(transaction=True)
def test_bench_rush_answers_every_attendee_without_overbooking_and_deletes_its_data(
    task_queue,
):
    out = StringIO()

    call_command("bench_rush", clients=6, sittings=2, stdout=out)

    report = out.getvalue()
    # 6 attendees, 3 places: 2 rounds of 2 sittings with 2 seats each.
    assert "Event: 3 places; 2 break-out rounds of 2 sittings with 2 seats each" in report
    assert "| clients | 6 |" in report and "| answered | 6 |" in report
    assert "| confirmed | 3 |" in report and "| waiting list | 3 |" in report
    assert "| errors | 0 |" in report
    assert "| stored: confirmed / waiting list | 3 / 3 |" in report
    for target in ("all answered", "no error", "not overbooked", "stored as answered"):
        assert f"PASS {target} (" in report
    assert "healthz" not in report  # no probe in this process
    assert not Event.objects.filter(slug="bench-rush").exists()
    assert not Reservation.objects.filter(event__slug="bench-rush").exists()
    assert not get_user_model().objects.filter(username__startswith="bench-rush-").exists()
    assert not Reservation.history.exists()
    assert task_queue.waiting() == 0  # the queued confirmations went with their reservations


SENT_BACK = """
<form method="post"><input type="hidden" name="csrfmiddlewaretoken" value="token">
<input type="text" name="name" value="Deelnemer 1">
<input type="radio" name="round_7" value=""><input type="radio" name="round_7" value="3" disabled>
<input type="radio" name="round_7" value="4">
<input type="radio" name="round_8" value="5" disabled checked>
<input type="checkbox" name="wait_for_full_sittings"></form>
"""


def test_an_attendee_sent_back_takes_a_free_sitting_or_keeps_the_full_one_and_waits():
    data = fill_in(SENT_BACK, "Deelnemer 1", random.Random(1), wait=True)

    assert data == {
        "name": "Deelnemer 1",
        "csrfmiddlewaretoken": "token",
        "round_7": "4",
        "round_8": "5",
        "wait_for_full_sittings": "on",
    }
    assert "wait_for_full_sittings" not in fill_in(SENT_BACK, "D", random.Random(1), wait=False)


class Healthy(BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200 if self.path == "/healthz" else 404)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_the_probes_check_each_server_every_interval_and_count_what_fails():
    with ThreadingHTTPServer(("127.0.0.1", 0), Healthy) as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        with socket.create_server(("127.0.0.1", 0)) as closed:
            down = closed.getsockname()[1]
        up = Probe("the load balancer's check", f"http://127.0.0.1:{server.server_port}")
        gone = Probe("the web server's own", f"http://127.0.0.1:{down}")
        stop = threading.Event()
        threading.Timer(0.35, stop.set).start()

        probe_health([up, gone], stop)
        server.shutdown()

    assert len(up.latencies) >= 3 and not up.failures  # every 100 ms
    assert len(gone.latencies) == len(up.latencies)
    assert gone.failures == {"ConnectionRefusedError": len(gone.latencies)}
