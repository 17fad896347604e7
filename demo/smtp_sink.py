"""A real SMTP server for the benchmarks that accepts every mail, counts it and drops it.

    sink = SmtpSink(port=8187, delay=0.2).start()   # 200 ms per mail: a slow mail server
    …                                               # EMAIL_URL=smtp://127.0.0.1:8187
    sink.count, sink.first_at, sink.last_at
    sink.stop()

Runs aiosmtpd's Controller (its own thread and event loop), so the site talks real SMTP
over TCP, as it does to a production server. ``delay`` holds each message that long before
answering "250", which is what makes a slow server slow for the sender; it can be changed
while the sink runs. ``manage.py smtp_sink`` runs one on its own and prints the count.
"""

import asyncio
import logging
import threading
import time

from aiosmtpd.controller import Controller

# aiosmtpd logs every SMTP command at INFO and DEBUG: far too much for a benchmark.
logging.getLogger("mail.log").setLevel(logging.WARNING)


class _CountingHandler:
    def __init__(self, sink: "SmtpSink") -> None:
        self.sink = sink

    async def handle_DATA(self, server, session, envelope) -> str:  # the name aiosmtpd calls
        if self.sink.delay:
            await asyncio.sleep(self.sink.delay)
        self.sink._accepted(len(envelope.rcpt_tos))
        return "250 Message accepted for delivery"


class SmtpSink:
    def __init__(self, *, host: str = "127.0.0.1", port: int = 8187, delay: float = 0.0) -> None:
        self.host, self.port, self.delay = host, port, delay
        self._lock = threading.Lock()
        self.count = 0  # messages accepted
        self.recipients = 0  # envelope recipients of those messages
        self.first_at: float | None = None  # time.perf_counter() of the first and last accepted
        self.last_at: float | None = None
        self._controller = Controller(_CountingHandler(self), hostname=host, port=port)

    def _accepted(self, recipients: int) -> None:
        now = time.perf_counter()
        with self._lock:
            self.count += 1
            self.recipients += recipients
            if self.first_at is None:
                self.first_at = now
            self.last_at = now

    def reset(self) -> None:
        with self._lock:
            self.count = self.recipients = 0
            self.first_at = self.last_at = None

    def wait_for(self, count: int, *, timeout: float, quiet: float = 0.0) -> bool:
        """Wait until `count` messages arrived (True), or none for `quiet` seconds
        (when given), or until `timeout`."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.count >= count:
                return True
            if quiet and self.last_at is not None and time.perf_counter() - self.last_at > quiet:
                return False
            time.sleep(0.02)
        return self.count >= count

    def start(self) -> "SmtpSink":
        self._controller.start()
        return self

    def stop(self) -> None:
        self._controller.stop()

    def __enter__(self) -> "SmtpSink":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
