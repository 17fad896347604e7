"""A local SMTP server that accepts, counts and drops every mail (for benchmarks).

    python manage.py smtp_sink --port 8187 [--delay 0.2]
    EMAIL_URL=smtp://127.0.0.1:8187 gunicorn cooperatieve_stad.wsgi

Prints the number of messages accepted whenever it changes (at most once a second) and
at the end (Ctrl-C or kill). ``--delay`` holds each message that many seconds before accepting it,
like a slow mail server. ``bench_mail`` starts its own sink in-process.
"""

import signal
import time

from django.core.management.base import BaseCommand

from demo.smtp_sink import SmtpSink


class Command(BaseCommand):
    help = "Run an SMTP server that counts and drops every mail (benchmarks)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8187)
        parser.add_argument("--delay", type=float, default=0.0, help="seconds per message")

    def handle(self, *args, host: str, port: int, delay: float, **options) -> None:
        # Stopped by Ctrl-C or by kill (TERM), with the count printed either way.
        signal.signal(signal.SIGTERM, signal.default_int_handler)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        sink = SmtpSink(host=host, port=port, delay=delay).start()
        self.stdout.write(f"SMTP sink on smtp://{host}:{port}, {delay * 1000:.0f} ms per message")
        shown = -1
        try:
            while True:
                time.sleep(1)
                if sink.count != shown:
                    shown = sink.count
                    self.stdout.write(f"messages {shown}")
        except KeyboardInterrupt:
            pass
        finally:
            sink.stop()
            self.stdout.write(f"messages {sink.count}")
