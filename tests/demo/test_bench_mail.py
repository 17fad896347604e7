"""A smoke test of the mail benchmark at tiny sizes; `make bench` does the measuring."""

import smtplib
import socket
from email.message import EmailMessage
from io import StringIO

import pytest
from django.core.management import call_command

from demo.management.commands.bench_mail import NO_WORKER
from demo.smtp_sink import SmtpSink
from events.models import Event


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_the_sink_accepts_and_counts_real_smtp():
    with SmtpSink(port=free_port()) as sink:
        message = EmailMessage()
        message["From"], message["To"], message["Subject"] = "a@example.org", "b@example.org", "Hoi"
        with smtplib.SMTP(sink.host, sink.port) as smtp:
            smtp.send_message(message)
            smtp.send_message(message)
        assert sink.wait_for(2, timeout=5)
        assert sink.count == 2


# Transactional: the mails leave when the reservation commits, as on the site.
@pytest.mark.django_db(transaction=True)
def test_bench_mail_runs_in_process_and_has_no_worker_figure_while_mails_go_in_the_request(
    settings,
):
    port = free_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    out = StringIO()

    call_command(
        "bench_mail",
        smtp_port=port,
        people=3,
        recipients=4,
        slow_recipients=2,
        slow_delay=0.01,
        stdout=out,
    )

    report = out.getvalue()
    assert "| outcomes | {'reserved': 3} | |" in report
    assert "| mails at the sink by the end | 3 | |" in report
    assert "| fast sink | 4 |" in report and "| 10 ms per mail | 2 |" in report
    # Tests run tasks at once, so nothing is left for a worker, before or after issue 15.
    assert NO_WORKER in report
    assert not Event.objects.filter(slug__startswith="bench-mail-").exists()
